#include "app/host_probe.hpp"

#include <nlohmann/json.hpp>

#include "app/version.hpp"

#if !defined(_WIN32)
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>

#include "protocol/fd_stream.hpp"
#include "protocol/frame_reader.hpp"

extern char** environ;
#endif

namespace parasol::app {

#if defined(_WIN32)

HostProbe probe_host(const std::filesystem::path&, const std::vector<std::string>&,
                     const std::filesystem::path&, std::chrono::milliseconds) {
    HostProbe probe;
    probe.failure = "not checked on Windows yet";
    return probe;
}

#else

namespace {

using Clock = std::chrono::steady_clock;

// A descriptor closed when it goes out of scope.
class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

std::pair<int, int> cloexec_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe2");
    return {fds[0], fds[1]};
}

int remaining_ms(Clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() <= 0 ? 0 : static_cast<int>(left.count());
}

// Reads until `want` bytes are in `buffer`, EOF, or the deadline.
bool read_until(int fd, std::string& buffer, std::size_t want, Clock::time_point deadline) {
    char chunk[16384];
    while (buffer.size() < want) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, remaining_ms(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return false;
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
}

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "stopped";
}

// The child's environment: ours, with PARASOL_DATA_DIR replaced.
std::vector<std::string> child_environment(const std::filesystem::path& data_dir) {
    std::vector<std::string> env;
    for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
        if (std::strncmp(*e, "PARASOL_DATA_DIR=", 17) != 0) env.emplace_back(*e);
    }
    env.push_back("PARASOL_DATA_DIR=" + data_dir.string());
    return env;
}

std::string tail_of(const std::string& text, std::size_t lines) {
    std::size_t at = text.size();
    while (at > 0 && (text[at - 1] == '\n')) --at;
    for (std::size_t seen = 0; at > 0; --at) {
        if (text[at - 1] == '\n' && ++seen == lines) break;
    }
    return text.substr(at);
}

}  // namespace

HostProbe probe_host(const std::filesystem::path& host, const std::vector<std::string>& args,
                     const std::filesystem::path& data_dir, std::chrono::milliseconds timeout) {
    HostProbe probe;
    // A host that dies before reading must not take doctor with it.
    struct sigaction ignore {};
    struct sigaction previous {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &previous);

    auto [in_read, in_write] = cloexec_pipe();
    auto [out_read, out_write] = cloexec_pipe();
    auto [err_read, err_write] = cloexec_pipe();
    Fd child_in(in_read), to_host(in_write), from_host(out_read), child_out(out_write),
        host_err(err_read), child_err(err_write);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_in.get(), STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, child_out.get(), STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, child_err.get(), STDERR_FILENO);
#if defined(__GLIBC__)
    // Browsers start the host in its own folder.
    posix_spawn_file_actions_addchdir_np(&actions, host.parent_path().c_str());
#endif
    std::vector<std::string> argv_text{host.string()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text = child_environment(data_dir);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, host.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    child_in.reset();
    child_out.reset();
    child_err.reset();
    if (rc != 0) {
        ::sigaction(SIGPIPE, &previous, nullptr);
        probe.failure = "can't start it: " + std::string(std::strerror(rc));
        return probe;
    }

    const auto deadline = Clock::now() + timeout;
    const nlohmann::json hello = {
        {"id", "doctor-hello"},
        {"type", "hello"},
        {"body", {{"protocol", 1}, {"extension", {{"version", kVersion}, {"browser", "other"}}}}}};
    std::string reply;
    std::string why;
    try {
        protocol::FdByteSink sink(to_host.get());
        protocol::write_frame(sink, hello.dump());
    } catch (const std::system_error& e) {
        why = std::string("it stopped reading: ") + e.what();
    }
    to_host.reset();  // EOF: the host answers and exits 0

    std::string bytes;
    if (why.empty()) {
        if (!read_until(from_host.get(), bytes, 4, deadline)) {
            why = remaining_ms(deadline) == 0
                      ? "no reply within " + std::to_string(timeout.count() / 1000) + " s"
                      : "it closed stdout without replying";
        } else {
            const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
            const std::size_t length =
                b[0] | (b[1] << 8U) | (b[2] << 16U) | (static_cast<std::size_t>(b[3]) << 24U);
            if (length > protocol::kMaxReply) {
                why = "its reply claims " + std::to_string(length) + " bytes (over 1 MiB)";
            } else if (!read_until(from_host.get(), bytes, 4 + length, deadline)) {
                why = "its reply was cut off";
            } else {
                reply = bytes.substr(4, length);
            }
        }
    }

    // Reap it; a host still running after its reply and EOF is killed.
    int status = 0;
    bool reaped = false;
    while (!reaped) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            reaped = true;
        } else if (remaining_ms(deadline) == 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            reaped = true;
            if (why.empty() && reply.empty()) why = "it did not exit after stdin closed";
        } else {
            ::usleep(10'000);
        }
    }
    std::string stderr_text;
    read_until(host_err.get(), stderr_text, 64 * 1024, Clock::now());
    ::sigaction(SIGPIPE, &previous, nullptr);

    if (why.empty()) {
        try {
            const auto doc = nlohmann::json::parse(reply);
            if (doc.value("ok", false)) {
                probe.answered = true;
                probe.protocol = doc.at("body").at("protocol").get<int>();
                probe.host_version = doc.at("body").at("host").at("version").get<std::string>();
            } else {
                why = "it answered hello with an error: " +
                      doc.value("error", nlohmann::json{}).dump();
            }
        } catch (const nlohmann::json::exception& e) {
            probe.answered = false;
            why = std::string("its reply is not a hello reply: ") + e.what();
        }
    }
    if (!probe.answered) {
        if (!why.empty() &&
            (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0))) {
            why += "; it " + describe_status(status);
        }
        probe.failure = why;
        const std::string tail = tail_of(stderr_text, 5);
        if (!tail.empty()) probe.failure += "; its stderr ends: " + tail;
    }
    return probe;
}

#endif

}  // namespace parasol::app
