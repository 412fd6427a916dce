#pragma once
// One user's machine in a temp folder: a HOME, a Parasol data folder inside
// it (not created: the host or CLI must make it), and the environment both
// executables run with (TZ=UTC so "today" is predictable).
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_run.hpp"
#include "support/host_process.hpp"
#include "support/temp_dir.hpp"

namespace parasol::test {

class Sandbox {
public:
    Sandbox();

    [[nodiscard]] const std::filesystem::path& root() const { return tmp_.path(); }
    [[nodiscard]] std::filesystem::path home() const { return root() / "home"; }
    [[nodiscard]] std::filesystem::path data_dir() const { return home() / "parasol-data"; }
    [[nodiscard]] std::filesystem::path database() const { return data_dir() / "parasol.db"; }
    // Where every host started here writes its stderr (appended).
    [[nodiscard]] std::filesystem::path host_stderr() const { return root() / "host.stderr"; }

    [[nodiscard]] Environment env() const;

    std::unique_ptr<HostProcess> start_host() const;
    // stderr of every host started so far, for failure messages.
    [[nodiscard]] std::string host_log() const;

    // `parasol <args...>` with this sandbox's environment (data dir from
    // PARASOL_DATA_DIR unless args say --data-dir).
    [[nodiscard]] CliResult cli(const std::vector<std::string>& args) const;
    // `parasol export --format json`, one parsed object per line; throws when
    // the export fails.
    [[nodiscard]] std::vector<nlohmann::json> export_lines() const;

private:
    TempDir tmp_;
};

// Reads a whole file; empty when it does not exist.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace parasol::test
