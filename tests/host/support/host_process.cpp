#include "support/host_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <system_error>
#include <thread>

namespace parasol::test {

namespace {

ExitStatus decode_status(int raw) {
    ExitStatus status;
    if (WIFEXITED(raw)) {
        status.exited = true;
        status.code = WEXITSTATUS(raw);
    } else if (WIFSIGNALED(raw)) {
        status.signal = WTERMSIG(raw);
    }
    return status;
}

std::string length_prefix(std::size_t size) {
    const auto n = static_cast<std::uint32_t>(size);
    std::string prefix(4, '\0');
    for (int i = 0; i < 4; ++i) {
        prefix[static_cast<std::size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xFFU);
    }
    return prefix;
}

int open_stderr_target(const std::filesystem::path& file) {
    const std::string target = file.empty() ? "/dev/null" : file.string();
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), "open " + target);
    return fd;
}

}  // namespace

HostProcess::HostProcess(const std::string& program, const Environment& env,
                         const std::filesystem::path& stderr_file, std::vector<std::string> args) {
    // A host that died must show up as a failed write, not kill the test run.
    std::signal(SIGPIPE, SIG_IGN);
    Pipe in = make_pipe();
    Pipe out = make_pipe();
    int err = open_stderr_target(stderr_file);
    try {
        pid_ = spawn(program, "parasol-host", args, env, in.read, out.write, err);
    } catch (...) {
        close_fd(in.read);
        close_fd(in.write);
        close_fd(out.read);
        close_fd(out.write);
        close_fd(err);
        throw;
    }
    close_fd(in.read);
    close_fd(out.write);
    close_fd(err);
    stdin_ = in.write;
    stdout_ = out.read;
}

HostProcess::~HostProcess() {
    close_fd(stdin_);
    close_fd(stdout_);
    if (!status_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int raw = 0;
        while (::waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
        }
    }
}

void HostProcess::send(const json& request) {
    send_raw(request.dump());
}

void HostProcess::send_raw(std::string_view payload) {
    std::string frame = length_prefix(payload.size());
    frame.append(payload);
    write_bytes(frame);
}

void HostProcess::write_bytes(std::string_view bytes) {
    if (stdin_ < 0) throw HostStreamError("write after close_stdin()");
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(stdin_, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "write to host stdin");
        }
        done += static_cast<std::size_t>(n);
    }
}

bool HostProcess::fill(std::size_t wanted, std::chrono::steady_clock::time_point deadline) {
    char chunk[65536];
    while (buffer_.size() < wanted) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            throw HostStreamError("no reply from parasol-host within the timeout");
        }
        pollfd p{stdout_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll host stdout");
        }
        if (ready == 0) continue;  // the deadline check above throws
        const ssize_t n = ::read(stdout_, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "read host stdout");
        }
        if (n == 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(n));
    }
    return true;
}

std::optional<std::string> HostProcess::read_frame(std::chrono::milliseconds timeout) {
    if (stdout_ < 0) throw HostStreamError("host stdout already closed");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    if (!fill(4, deadline)) {
        if (buffer_.empty()) return std::nullopt;
        throw HostStreamError("host stdout ended inside a length prefix (" +
                              std::to_string(buffer_.size()) + " bytes)");
    }
    std::uint32_t length = 0;
    for (int i = 3; i >= 0; --i) {
        length = (length << 8U) | static_cast<unsigned char>(buffer_[static_cast<std::size_t>(i)]);
    }
    if (!fill(4 + std::size_t{length}, deadline)) {
        throw HostStreamError("host stdout ended inside a frame of " + std::to_string(length) +
                              " bytes (got " + std::to_string(buffer_.size() - 4) + ")");
    }
    std::string payload = buffer_.substr(4, length);
    buffer_.erase(0, 4 + std::size_t{length});
    return payload;
}

json HostProcess::read_reply(std::chrono::milliseconds timeout) {
    const auto payload = read_frame(timeout);
    if (!payload) throw HostStreamError("parasol-host closed stdout instead of replying");
    try {
        return json::parse(*payload);
    } catch (const json::parse_error& e) {
        throw HostStreamError("reply is not JSON (" + std::string(e.what()) +
                              "): " + payload->substr(0, 200));
    }
}

json HostProcess::call(const std::string& type, const json& body) {
    const std::string id = "t-" + std::to_string(next_id_++);
    send({{"id", id}, {"type", type}, {"body", body}});
    json reply = read_reply();
    if (!reply.contains("id") || reply["id"] != id) {
        throw HostStreamError("reply to " + type + " does not echo id " + id + ": " + reply.dump());
    }
    return reply;
}

json HostProcess::call_ok(const std::string& type, const json& body) {
    json reply = call(type, body);
    if (reply.value("ok", false) != true || !reply.contains("body")) {
        throw HostStreamError(type + " failed: " + reply.dump());
    }
    return reply["body"];
}

void HostProcess::close_stdin() {
    close_fd(stdin_);
}

std::optional<ExitStatus> HostProcess::wait_exit(std::chrono::milliseconds timeout) {
    if (status_) return status_;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    // Short pauses first: most exits come within a millisecond of EOF, and
    // the benchmarks time this wait.
    std::chrono::microseconds pause{100};
    for (;;) {
        int raw = 0;
        const pid_t done = ::waitpid(pid_, &raw, WNOHANG);
        if (done == pid_) {
            status_ = decode_status(raw);
            return status_;
        }
        if (done < 0 && errno != EINTR) {
            throw std::system_error(errno, std::generic_category(), "waitpid");
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds{5ms});
    }
}

void HostProcess::kill9() {
    if (status_ || pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int raw = 0;
    while (::waitpid(pid_, &raw, 0) < 0) {
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    status_ = decode_status(raw);
}

}  // namespace parasol::test
