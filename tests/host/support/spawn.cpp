#include "support/spawn.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace parasol::test {

namespace {

// posix_spawn_file_actions_t with its destroy call tied to scope.
class FileActions {
public:
    FileActions() { check(posix_spawn_file_actions_init(&actions_), "file_actions_init"); }
    ~FileActions() { posix_spawn_file_actions_destroy(&actions_); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;

    void dup_onto(int from, int to) {
        if (from < 0) return;
        check(posix_spawn_file_actions_adddup2(&actions_, from, to), "adddup2");
    }
    posix_spawn_file_actions_t* get() { return &actions_; }

    static void check(int rc, const char* what) {
        if (rc != 0) throw std::system_error(rc, std::generic_category(), what);
    }

private:
    posix_spawn_file_actions_t actions_{};
};

}  // namespace

pid_t spawn(const std::string& program, const std::string& argv0,
            const std::vector<std::string>& args, const Environment& env, int stdin_fd,
            int stdout_fd, int stderr_fd) {
    std::vector<std::string> argv_text{argv0};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> env_text;
    for (const auto& [name, value] : env) env_text.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    FileActions actions;
    // dup2 clears O_CLOEXEC on the target, so only these three survive exec.
    actions.dup_onto(stdin_fd, STDIN_FILENO);
    actions.dup_onto(stdout_fd, STDOUT_FILENO);
    actions.dup_onto(stderr_fd, STDERR_FILENO);

    pid_t pid = -1;
    FileActions::check(
        posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), envp.data()),
        ("posix_spawn " + program).c_str());
    return pid;
}

Pipe make_pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        throw std::system_error(errno, std::generic_category(), "pipe2");
    }
    return {fds[0], fds[1]};
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

}  // namespace parasol::test
