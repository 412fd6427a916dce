#pragma once
// The real `parasol-host` executable on the other end of two pipes, driven
// the way a browser drives it: length-prefixed JSON frames on its stdin,
// replies read back from its stdout with a deadline so a hung host fails a
// test instead of hanging it.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/spawn.hpp"

namespace parasol::test {

using nlohmann::json;
using namespace std::chrono_literals;

// What a Chromium browser passes as the host's only argument.
inline constexpr const char* kExtensionOrigin =
    "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

// Long enough for a debug build under a loaded 2-core machine; a reply that
// takes longer than this is a hang, not slowness.
inline constexpr std::chrono::milliseconds kReplyTimeout = 20s;

// How a child ended.
struct ExitStatus {
    bool exited = false;  // normal exit: `code` is valid
    int code = -1;
    int signal = 0;  // set when killed by a signal
};

// A reply did not come: timeout, EOF or a malformed frame on stdout.
class HostStreamError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class HostProcess {
public:
    // Starts `program` with argv [argv0, args...], exactly `env`, stdin and
    // stdout on pipes; stderr appended to `stderr_file` (empty: /dev/null, so
    // hundreds of starts don't flood the test log).
    HostProcess(const std::string& program, const Environment& env,
                const std::filesystem::path& stderr_file = {},
                std::vector<std::string> args = {kExtensionOrigin});
    // Kills (SIGKILL) and reaps the host if it is still running.
    ~HostProcess();
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    // One frame: 4-byte little-endian length, then the payload.
    void send(const json& request);
    void send_raw(std::string_view payload);
    // Bytes exactly as given, no prefix (hand-made lengths, cut-off frames).
    void write_bytes(std::string_view bytes);

    // The next frame's payload, or nullopt on a clean EOF between frames.
    // Throws HostStreamError on timeout or on EOF inside a frame.
    std::optional<std::string> read_frame(std::chrono::milliseconds timeout = kReplyTimeout);
    // The next frame parsed as JSON; throws HostStreamError on timeout, EOF
    // or a payload that is not JSON.
    json read_reply(std::chrono::milliseconds timeout = kReplyTimeout);

    // Sends {"id", "type", "body"} with a fresh id and returns the reply,
    // checking that the reply echoes the id.
    json call(const std::string& type, const json& body = json::object());
    // call(), and the reply's body; throws (with the reply in the message)
    // when the reply is not ok.
    json call_ok(const std::string& type, const json& body = json::object());

    void close_stdin();
    // The exit status once the host has exited, nullopt if it is still
    // running at the deadline.
    std::optional<ExitStatus> wait_exit(std::chrono::milliseconds timeout);
    void kill9();

    [[nodiscard]] pid_t pid() const { return pid_; }

private:
    bool fill(std::size_t wanted, std::chrono::steady_clock::time_point deadline);

    pid_t pid_ = -1;
    int stdin_ = -1;
    int stdout_ = -1;
    std::optional<ExitStatus> status_;
    std::string buffer_;  // bytes read from stdout and not yet returned
    int next_id_ = 1;
};

}  // namespace parasol::test
