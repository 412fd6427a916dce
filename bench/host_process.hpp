#pragma once
// The real parasol-host as a browser runs it: a child process whose stdin and
// stdout are pipes carrying native-messaging frames.
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "protocol/fd_stream.hpp"
#include "protocol/frame_reader.hpp"

namespace parasol::bench {

class HostProcess {
public:
    // Starts `binary` with PARASOL_DATA_DIR=`data_dir` and `args` (by default
    // a Chromium origin, as a browser passes); its stderr is appended to
    // `<data_dir>/host-stderr.log`.
    HostProcess(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                std::vector<std::string> args = {"chrome-extension://parasolbenchmarkextension/"});
    // Closes stdin and waits, if close_and_wait() was not called.
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    void send(const std::string& payload);
    // The next reply frame; throws if the host closed its stdout instead.
    std::string receive();
    std::string request(const std::string& payload) {
        send(payload);
        return receive();
    }

    // From /proc/<pid>/status, in KiB: the peak and current resident set.
    [[nodiscard]] long vm_hwm_kib() const;
    [[nodiscard]] long vm_rss_kib() const;
    // From /proc/<pid>/schedstat, in ms: time on a CPU, and time waiting for
    // one (runnable but not running: how loaded the machine is). Up to date
    // whenever the host is blocked reading its next request.
    [[nodiscard]] double cpu_ms() const;
    [[nodiscard]] double run_queue_ms() const;
    // Waits (up to a second) until the host sleeps, i.e. is blocked reading
    // its next request, so that cpu_ms() has counted all its work so far.
    void wait_idle() const;

    // Closes the host's stdin (EOF: it finishes and exits) and returns its
    // exit status, or 128 + signal.
    int close_and_wait();

private:
    [[nodiscard]] long status_field_kib(const std::string& field) const;
    [[nodiscard]] double schedstat_ms(int field) const;

    pid_t pid_ = -1;
    int to_host_ = -1;
    int from_host_ = -1;
    std::unique_ptr<protocol::FdByteSink> sink_;
    std::unique_ptr<protocol::FdByteSource> source_;
    std::unique_ptr<protocol::FrameReader> reader_;
};

}  // namespace parasol::bench
