#pragma once
// Where Parasol keeps its data (PROTOCOL.md "Data directory").
#include <filesystem>
#include <optional>
#include <string>

namespace parasol::app {

// --data-dir (CLI only) beats PARASOL_DATA_DIR beats the platform's per-user
// folder. Throws std::runtime_error naming the variable when none can be found.
std::filesystem::path resolve_data_dir(const std::optional<std::string>& cli_flag);

// Creates the folder (and parents) with mode 0700 if missing. Existing folders
// keep their mode: the user may have chosen it.
void ensure_data_dir(const std::filesystem::path& dir);

inline std::filesystem::path database_file(const std::filesystem::path& dir) {
    return dir / "parasol.db";
}

}  // namespace parasol::app
