#include "app/digest_worker.hpp"

#include <algorithm>

#include "app/system_clock.hpp"
#include "app/version.hpp"
#include "digest/curl_transport.hpp"
#include "service/digest_delivery.hpp"

namespace parasol::app {

namespace {
constexpr auto kPokeEvery = std::chrono::seconds(30);
constexpr core::Instant kLongestSleep = 10 * core::kMsPerMinute;
}  // namespace

DigestWorker::DigestWorker(std::filesystem::path database, LogFile& log,
                           digest::TransportLimits limits)
    : database_(std::move(database)), log_(log), limits_(std::move(limits)) {
    wake_ = true;  // a digest that fell due while no browser was open goes now
    thread_ = std::thread([this] { run(); });
}

DigestWorker::~DigestWorker() {
    stop();
}

void DigestWorker::signal() {
    {
        const std::lock_guard lock(mutex_);
        wake_ = true;
    }
    cv_.notify_one();
}

void DigestWorker::poke() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_poke_ < kPokeEvery) return;
    last_poke_ = now;
    signal();
}

void DigestWorker::wake_now() {
    signal();
}

void DigestWorker::stop() {
    {
        const std::lock_guard lock(mutex_);
        stop_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void DigestWorker::run() {
    std::unique_ptr<store::Database> db;
    try {
        db = store::Database::open(database_, log_);
    } catch (const std::exception& e) {
        log_.error(std::string("digest: can't open the database, no digest from this host: ") +
                   e.what());
        return;
    }
    SystemClock clock;
    service::Deps deps(clock, *db, kVersion);
    digest::CurlTransport transport;
    core::Instant sleep_ms = kLongestSleep;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, std::chrono::milliseconds(sleep_ms), [&] { return wake_ || stop_; });
            if (stop_) return;
            wake_ = false;
        }
        sleep_ms = kLongestSleep;
        try {
            if (const auto week = service::queue_due_digest(deps)) {
                log_.info("digest: queued the week ending " + *week);
            }
            for (const auto& outcome : service::send_due_digests(deps, transport, limits_)) {
                if (outcome.result.ok()) {
                    log_.info("digest: sent the week ending " + outcome.week);
                } else {
                    log_.warn("digest: the week ending " + outcome.week +
                              " was not sent: " + outcome.result.message);
                }
            }
            const core::Instant now = clock.now_ms();
            if (const auto due = deps.digests.next_due()) {
                sleep_ms = std::clamp<core::Instant>(*due - now, 1000, kLongestSleep);
            }
        } catch (const std::exception& e) {
            log_.error(std::string("digest: ") + e.what());
        }
    }
}

}  // namespace parasol::app
