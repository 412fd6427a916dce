#pragma once
// Sends the weekly digest from inside parasol-host without ever delaying a
// reply: a thread of its own with its own database connection (WAL lets it
// read and write beside the request loop), woken after requests (at most
// every 30 s), at once by digest.send, and by its own timer for retries.
// The request thread only signals it. Stopping waits for a transfer in
// flight (bounded by the transfer's total timeout) so a digest the server
// has received is always marked sent: never sent twice.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "app/log_file.hpp"
#include "digest/transport.hpp"

namespace parasol::app {

class DigestWorker {
public:
    DigestWorker(std::filesystem::path database, LogFile& log, digest::TransportLimits limits);
    ~DigestWorker();  // stop()
    DigestWorker(const DigestWorker&) = delete;
    DigestWorker& operator=(const DigestWorker&) = delete;

    // After a request: cheap, never blocks; checks at most every 30 s.
    void poke();
    // A digest was queued to go now.
    void wake_now();
    void stop();

private:
    void run();
    void signal();

    std::filesystem::path database_;
    LogFile& log_;
    digest::TransportLimits limits_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool wake_ = false;
    bool stop_ = false;
    std::chrono::steady_clock::time_point last_poke_{};
    std::thread thread_;
};

}  // namespace parasol::app
