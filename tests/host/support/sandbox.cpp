#include "support/sandbox.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace parasol::test {

Sandbox::Sandbox() {
    std::filesystem::create_directory(home());
}

Environment Sandbox::env() const {
    Environment env{{"PARASOL_DATA_DIR", data_dir().string()},
                    {"HOME", home().string()},
                    {"TZ", "UTC"},
                    {"LC_ALL", "C.UTF-8"},
                    {"PATH", "/usr/local/bin:/usr/bin:/bin"}};
    // Keep sanitizer settings of an ASan/UBSan run for the children too.
    for (const char* name : {"ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (const char* value = std::getenv(name)) env[name] = value;
    }
    return env;
}

std::unique_ptr<HostProcess> Sandbox::start_host() const {
    return std::make_unique<HostProcess>(PARASOL_HOST_BIN, env(), host_stderr());
}

std::string Sandbox::host_log() const {
    return read_text_file(host_stderr());
}

CliResult Sandbox::cli(const std::vector<std::string>& args) const {
    return run_cli(args, env());
}

std::vector<nlohmann::json> Sandbox::export_lines() const {
    const CliResult result = cli({"export", "--format", "json"});
    if (result.exit_code != 0) throw std::runtime_error("parasol export: " + result.describe());
    std::vector<nlohmann::json> lines;
    std::istringstream in(result.out);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}

std::string read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace parasol::test
