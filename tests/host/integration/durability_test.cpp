// What survives: acknowledged spans through SIGKILL at any moment, two hosts
// (two browsers) writing one file, and many hosts creating it at once.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/sqlite_probe.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

int env_int(const char* name, int fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::atoi(value) : fallback;
}

// How often each span id occurs in `parasol export`.
std::map<std::string, int> exported_span_ids(const Sandbox& sandbox) {
    std::map<std::string, int> ids;
    for (const auto& line : sandbox.export_lines()) {
        if (line.value("type", "") == "span") ++ids[line["id"].get<std::string>()];
    }
    return ids;
}

std::vector<std::filesystem::path> files_named(const std::filesystem::path& dir,
                                               const std::string& part) {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().filename().string().find(part) != std::string::npos) {
            found.push_back(entry.path());
        }
    }
    return found;
}

}  // namespace

TEST_CASE("every acknowledged span survives the host being killed with SIGKILL at any moment",
          "[durability][slow]") {
    // PARASOL_KILL_ITERATIONS / PARASOL_KILL_SEED reproduce or extend a run.
    const int iterations = env_int("PARASOL_KILL_ITERATIONS", 300);
    const auto seed = static_cast<unsigned>(
        env_int("PARASOL_KILL_SEED", static_cast<int>(std::random_device{}() & 0x7FFFFFFF)));
    INFO("PARASOL_KILL_SEED=" << seed << " PARASOL_KILL_ITERATIONS=" << iterations);
    std::mt19937 rng(seed);
    auto pick = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

    Sandbox sandbox;
    const std::int64_t base = utc_midnight(now_ms()) - 20 * kDay;
    std::map<std::string, json> acknowledged;  // id -> the widest copy acknowledged
    std::set<std::string> sent;
    int next_span = 0;

    auto make_batch = [&](int iteration) {
        json spans = json::array();
        const int n = pick(1, 20);
        for (int j = 0; j < n; ++j) {
            const std::int64_t start = base + static_cast<std::int64_t>(next_span) * kMinute;
            spans.push_back(creator_span(
                "kill-" + std::to_string(iteration) + "-" + std::to_string(next_span), "youtube",
                "c" + std::to_string(next_span % 17), start, start + 30 * kSecond));
            ++next_span;
        }
        // Resend (and widen) a span acknowledged earlier, as the extension does
        // with an open span; it must still be stored once.
        if (!acknowledged.empty() && pick(0, 2) == 0) {
            auto it = acknowledged.begin();
            std::advance(it, pick(0, static_cast<int>(acknowledged.size()) - 1));
            json again = it->second;
            again["end"] = again["end"].get<std::int64_t>() + kSecond;
            spans.push_back(again);
        }
        for (const auto& s : spans) sent.insert(s["id"].get<std::string>());
        return spans;
    };

    std::size_t kills_in_flight = 0;
    for (int i = 0; i < iterations; ++i) {
        INFO("iteration " << i);
        auto host = sandbox.start_host();
        const int mode = pick(0, 3);
        if (mode == 3) {
            // Killed while starting: opening, migrating, or before reading.
            std::this_thread::sleep_for(std::chrono::microseconds(pick(0, 5000)));
            host->kill9();
            continue;
        }
        const int acked_batches = pick(0, 4);
        for (int b = 0; b < acked_batches; ++b) {
            const json spans = make_batch(i);
            const json reply = host->call("activity.record", spans_body(spans));
            INFO(reply.dump());
            REQUIRE(reply["ok"] == true);
            REQUIRE(reply["body"]["stored"] == spans.size());
            for (const auto& s : spans) acknowledged[s["id"].get<std::string>()] = s;
        }
        if (mode == 1 || mode == 2) {
            // A batch in flight: sent, maybe committed, never acknowledged.
            host->send(request("in-flight", "activity.record", spans_body(make_batch(i))));
            if (mode == 2) std::this_thread::sleep_for(std::chrono::microseconds(pick(0, 3000)));
            ++kills_in_flight;
        }
        host->kill9();
    }
    INFO(acknowledged.size() << " spans acknowledged, " << sent.size() << " sent, "
                             << kills_in_flight << " kills with a batch in flight");

    // The file is still a healthy database, never moved aside as corrupt.
    auto host = sandbox.start_host();
    CHECK(host->call_ok("hello", hello_body())["protocol"] == 1);
    host->close_stdin();
    host->wait_exit(std::chrono::seconds(10));
    CHECK(files_named(sandbox.data_dir(), ".corrupt-").empty());
    CHECK(sqlite_integrity(sandbox.database()) == "ok");

    std::map<std::string, int> ids;
    std::map<std::string, std::int64_t> ends;
    for (const auto& line : sandbox.export_lines()) {
        if (line.value("type", "") != "span") continue;
        const std::string id = line["id"];
        ++ids[id];
        ends[id] = line["end"];
    }
    std::size_t missing = 0;
    std::size_t shrunk = 0;
    for (const auto& [id, span] : acknowledged) {
        if (ids.count(id) == 0) {
            ++missing;
            UNSCOPED_INFO("acknowledged span lost: " << id);
        } else if (ends[id] < span["end"].get<std::int64_t>()) {
            ++shrunk;  // an acknowledged widening must last too
            UNSCOPED_INFO("acknowledged widening lost: " << id);
        }
    }
    CHECK(missing == 0);
    CHECK(shrunk == 0);
    for (const auto& [id, count] : ids) {
        INFO("span " << id);
        CHECK(count == 1);
        CHECK(sent.count(id) == 1);
    }

    // A backup interrupted by the kill must never pass for a good one: every
    // file under the name store/backup.hpp promises ("parasol-YYYY-MM-DD.db")
    // is a whole database. (Leftovers of a cut-short copy have other names.)
    for (const auto& backup : files_named(sandbox.data_dir() / "backups", "parasol-")) {
        const std::string name = backup.filename().string();
        if (name.size() != std::string("parasol-YYYY-MM-DD.db").size() || !name.ends_with(".db")) {
            continue;
        }
        INFO("backup " << backup);
        CHECK(sqlite_integrity(backup) == "ok");
    }
}

TEST_CASE("two hosts writing one data dir at once lose nothing and count nothing twice",
          "[durability][concurrency]") {
    Sandbox sandbox;
    auto a = sandbox.start_host();
    auto b = sandbox.start_host();
    a->call_ok("hello", hello_body());
    b->call_ok("hello", hello_body());
    constexpr int kBatches = 40;
    constexpr int kPerBatch = 25;
    const std::int64_t base = utc_midnight(now_ms()) - 10 * kDay;

    struct Outcome {
        std::vector<std::string> acknowledged;
        std::vector<std::string> problems;  // Catch2 assertions aren't thread-safe
    };
    auto writer = [&](HostProcess& host, const std::string& name, int lane, Outcome& out) {
        try {
            for (int batch = 0; batch < kBatches; ++batch) {
                json spans = json::array();
                for (int j = 0; j < kPerBatch; ++j) {
                    const std::int64_t start =
                        base + (lane * kBatches * kPerBatch + batch * kPerBatch + j) * kMinute;
                    spans.push_back(
                        creator_span(name + "-" + std::to_string(batch) + "-" + std::to_string(j),
                                     "twitch", name, start, start + 20 * kSecond));
                }
                // Both hosts also resend one shared open span, growing it.
                spans.push_back(creator_span("shared-open-span", "youtube", "both", base,
                                             base + (batch + 1) * kMinute + lane * kSecond));
                const json reply = host.call("activity.record", spans_body(spans));
                if (reply["ok"] != true || reply["body"]["stored"] != spans.size()) {
                    out.problems.push_back(name + " batch " + std::to_string(batch) + ": " +
                                           reply.dump());
                    continue;
                }
                for (const auto& s : spans) out.acknowledged.push_back(s["id"]);
            }
        } catch (const std::exception& e) {
            out.problems.push_back(name + ": " + e.what());
        }
    };
    Outcome out_a;
    Outcome out_b;
    std::thread ta(writer, std::ref(*a), "alpha", 0, std::ref(out_a));
    std::thread tb(writer, std::ref(*b), "beta", 1, std::ref(out_b));
    ta.join();
    tb.join();
    for (const auto& p : out_a.problems) UNSCOPED_INFO(p);
    for (const auto& p : out_b.problems) UNSCOPED_INFO(p);
    CHECK(out_a.problems.empty());
    CHECK(out_b.problems.empty());

    const auto ids = exported_span_ids(sandbox);
    CHECK(ids.size() == 2 * kBatches * kPerBatch + 1);
    for (const auto* out : {&out_a, &out_b}) {
        for (const auto& id : out->acknowledged) {
            INFO("span " << id);
            const auto it = ids.find(id);
            REQUIRE(it != ids.end());
            CHECK(it->second == 1);
        }
    }
    // The shared span is the union of both hosts' widest copies.
    const json s = a->call_ok("summary.get", {{"days", 1}, {"until", utc_date(base)}});
    std::int64_t both = -1;
    for (const auto& c : s["creators"]) {
        if (c["handle"] == "both") both = c["seconds"];
    }
    CHECK(both == (kBatches * kMinute + kSecond) / 1000);
}

TEST_CASE("sixteen hosts starting at once on a brand-new data dir all answer",
          "[durability][concurrency]") {
    constexpr int kHosts = 16;
    Sandbox sandbox;
    REQUIRE_FALSE(std::filesystem::exists(sandbox.data_dir()));
    std::vector<std::unique_ptr<HostProcess>> hosts;
    for (int i = 0; i < kHosts; ++i) hosts.push_back(sandbox.start_host());

    for (auto& host : hosts) host->send(request("h", "hello", hello_body()));
    for (int i = 0; i < kHosts; ++i) {
        INFO("host " << i);
        const json reply = hosts[static_cast<std::size_t>(i)]->read_reply();
        INFO(reply.dump());
        CHECK(reply["ok"] == true);
    }
    const std::int64_t t = utc_midnight(now_ms()) - kDay;
    for (int i = 0; i < kHosts; ++i) {
        const std::int64_t start = t + i * kHour;
        hosts[static_cast<std::size_t>(i)]->send(
            request("w", "activity.record",
                    spans_body({creator_span("first-start-" + std::to_string(i), "youtube",
                                             "c" + std::to_string(i), start, start + kMinute)})));
    }
    for (int i = 0; i < kHosts; ++i) {
        INFO("host " << i);
        const json reply = hosts[static_cast<std::size_t>(i)]->read_reply();
        INFO(reply.dump());
        CHECK(reply["ok"] == true);
        CHECK(reply["body"]["stored"] == 1);
    }
    for (auto& host : hosts) host->close_stdin();
    for (auto& host : hosts) {
        const auto status = host->wait_exit(std::chrono::seconds(10));
        REQUIRE(status.has_value());
        CHECK(status->code == 0);
    }

    CHECK(files_named(sandbox.data_dir(), ".corrupt-").empty());
    CHECK(sqlite_integrity(sandbox.database()) == "ok");
    CHECK(exported_span_ids(sandbox).size() == kHosts);
    // No host met an error on the way (each logs to stderr as well).
    const std::string log = sandbox.host_log();
    INFO(log);
    CHECK(log.find(" error: ") == std::string::npos);
}
