#pragma once
// Runs the `parasol` CLI to completion and captures what it said.
#include <string>
#include <vector>

#include "support/spawn.hpp"

namespace parasol::test {

struct CliResult {
    int exit_code = -1;  // -1: killed by a signal
    std::string out;
    std::string err;
    // For failure messages: everything a person needs to see why.
    [[nodiscard]] std::string describe() const;
};

// `parasol <args...>` with exactly `env`, stdin from /dev/null. Stdout and
// stderr are drained together so a chatty command can't dead-lock on a full
// pipe.
CliResult run_cli(const std::vector<std::string>& args, const Environment& env);

// The same, for any program (e.g. `parasol-host --help`).
CliResult run_program(const std::string& program, const std::string& argv0,
                      const std::vector<std::string>& args, const Environment& env);

}  // namespace parasol::test
