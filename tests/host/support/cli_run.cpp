#include "support/cli_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <system_error>

namespace parasol::test {

std::string CliResult::describe() const {
    return "exit code " + std::to_string(exit_code) + "\n--- stdout ---\n" + out +
           "\n--- stderr ---\n" + err;
}

CliResult run_program(const std::string& program, const std::string& argv0,
                      const std::vector<std::string>& args, const Environment& env) {
    Pipe out = make_pipe();
    Pipe err = make_pipe();
    int null_in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    pid_t pid = -1;
    try {
        pid = spawn(program, argv0, args, env, null_in, out.write, err.write);
    } catch (...) {
        close_fd(out.read);
        close_fd(err.read);
        close_fd(out.write);
        close_fd(err.write);
        close_fd(null_in);
        throw;
    }
    close_fd(null_in);
    close_fd(out.write);
    close_fd(err.write);

    CliResult result;
    pollfd fds[2] = {{out.read, POLLIN, 0}, {err.read, POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_count = 2;
    char chunk[65536];
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "poll");
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                ::close(fds[i].fd);
                fds[i].fd = -1;  // poll ignores negative descriptors
                --open_count;
                continue;
            }
            sinks[i]->append(chunk, static_cast<std::size_t>(n));
        }
    }
    int raw = 0;
    while (::waitpid(pid, &raw, 0) < 0) {
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    result.exit_code = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

CliResult run_cli(const std::vector<std::string>& args, const Environment& env) {
    return run_program(PARASOL_CLI_BIN, "parasol", args, env);
}

}  // namespace parasol::test
