#pragma once
// Starting a real executable with exactly the environment and file
// descriptors a test chooses, the way a browser or a shell would.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace parasol::test {

using Environment = std::map<std::string, std::string>;

// Starts `program` with argv[0] = `argv0` followed by `args`, the given
// environment only (nothing inherited), and stdin/stdout/stderr taken from
// the given descriptors (-1: inherit the test's own). Every other descriptor
// of the test process is closed in the child (pipes are made O_CLOEXEC), so
// a child never holds another child's pipe open. Throws std::system_error.
pid_t spawn(const std::string& program, const std::string& argv0,
            const std::vector<std::string>& args, const Environment& env, int stdin_fd,
            int stdout_fd, int stderr_fd);

// A pipe whose ends don't leak into children: {read end, write end}.
struct Pipe {
    int read = -1;
    int write = -1;
};
Pipe make_pipe();

// Closes `fd` if open and sets it to -1.
void close_fd(int& fd);

}  // namespace parasol::test
