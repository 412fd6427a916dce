#include "host_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>
#include <variant>
#include <vector>

extern char** environ;

namespace parasol::bench {

namespace {

void throw_errno(const std::string& what, int error) {
    throw std::system_error(error, std::generic_category(), what);
}

}  // namespace

HostProcess::HostProcess(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                         std::vector<std::string> args) {
    int in[2];   // host's stdin
    int out[2];  // host's stdout
    if (pipe2(in, O_CLOEXEC) != 0) throw_errno("pipe", errno);
    if (pipe2(out, O_CLOEXEC) != 0) {
        const int error = errno;
        ::close(in[0]);
        ::close(in[1]);
        throw_errno("pipe", error);
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    const std::string log = (data_dir / "host-stderr.log").string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);

    std::vector<std::string> env_text;
    for (char** e = environ; *e != nullptr; ++e) {
        if (std::strncmp(*e, "PARASOL_DATA_DIR=", 17) != 0) env_text.emplace_back(*e);
    }
    env_text.push_back("PARASOL_DATA_DIR=" + data_dir.string());
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    std::string program = binary.string();
    std::vector<char*> argv{program.data()};
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0) {
        ::close(in[1]);
        ::close(out[0]);
        throw_errno("can't start " + program, rc);
    }
    to_host_ = in[1];
    from_host_ = out[0];
    sink_ = std::make_unique<protocol::FdByteSink>(to_host_);
    source_ = std::make_unique<protocol::FdByteSource>(from_host_);
    reader_ = std::make_unique<protocol::FrameReader>(*source_);
}

HostProcess::~HostProcess() {
    if (pid_ > 0) {
        try {
            close_and_wait();
        } catch (const std::exception&) {
            // A destructor can't report; close_and_wait() is how callers see failures.
        }
    }
}

void HostProcess::send(const std::string& payload) {
    protocol::write_frame(*sink_, payload);
}

std::string HostProcess::receive() {
    protocol::ReadResult next = reader_->next();
    if (auto* frame = std::get_if<protocol::Frame>(&next)) return std::move(frame->payload);
    throw std::runtime_error("parasol-host closed its stdout or sent an impossible frame");
}

long HostProcess::status_field_kib(const std::string& field) const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    throw std::runtime_error("no " + field + " in /proc/" + std::to_string(pid_) + "/status");
}

long HostProcess::vm_hwm_kib() const {
    return status_field_kib("VmHWM");
}
long HostProcess::vm_rss_kib() const {
    return status_field_kib("VmRSS");
}

double HostProcess::schedstat_ms(int field) const {
    std::ifstream schedstat("/proc/" + std::to_string(pid_) + "/schedstat");
    unsigned long long value[2] = {};
    if (!(schedstat >> value[0] >> value[1])) {
        throw std::runtime_error("can't read /proc/" + std::to_string(pid_) + "/schedstat");
    }
    return static_cast<double>(value[field]) / 1e6;
}

double HostProcess::cpu_ms() const {
    return schedstat_ms(0);
}
double HostProcess::run_queue_ms() const {
    return schedstat_ms(1);
}

void HostProcess::wait_idle() const {
    const std::string path = "/proc/" + std::to_string(pid_) + "/stat";
    for (int i = 0; i < 10000; ++i) {
        std::ifstream stat(path);
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const auto close = text.rfind(')');  // the command name may hold spaces
        if (close == std::string::npos || close + 2 >= text.size()) {
            throw std::runtime_error("can't read " + path);
        }
        const char state = text[close + 2];
        if (state == 'S' || state == 'Z') return;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
}

int HostProcess::close_and_wait() {
    if (to_host_ >= 0) ::close(to_host_);
    to_host_ = -1;
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
        if (errno != EINTR) throw_errno("waitpid", errno);
    }
    pid_ = -1;
    if (from_host_ >= 0) ::close(from_host_);
    from_host_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace parasol::bench
