#pragma once
// Starts parasol-host the way a browser does (argv [path, origin...], its
// folder as working directory, length-prefixed JSON on stdin) and asks it
// `hello`: the one test that the manifest's binary really works.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace parasol::app {

struct HostProbe {
    bool answered = false;  // a well-formed ok reply to hello
    std::optional<int> protocol;
    std::optional<std::string> host_version;
    // When not answered: what went wrong ("exited with status 127", "no reply
    // within 10 s", the error reply), plus the last lines of its stderr.
    std::string failure;
};

// Runs `host` with `args` after argv[0], the caller's environment except
// PARASOL_DATA_DIR = `data_dir` (so a check never writes into the user's
// data), sends one hello and closes stdin. Kills the host at `timeout`.
HostProbe probe_host(const std::filesystem::path& host, const std::vector<std::string>& args,
                     const std::filesystem::path& data_dir, std::chrono::milliseconds timeout);

}  // namespace parasol::app
