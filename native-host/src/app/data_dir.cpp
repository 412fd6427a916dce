#include "app/data_dir.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "app/environment.hpp"

namespace parasol::app {

namespace {}  // namespace

std::filesystem::path resolve_data_dir(const std::optional<std::string>& cli_flag) {
    if (cli_flag) return *cli_flag;
    if (auto dir = env("PARASOL_DATA_DIR")) return *dir;
#if defined(__APPLE__)
    if (auto home = env("HOME"))
        return std::filesystem::path(*home) / "Library/Application Support/Parasol";
#elif defined(_WIN32)
    if (auto local = env("LOCALAPPDATA")) return std::filesystem::path(*local) / "Parasol";
#else
    if (auto xdg = env("XDG_DATA_HOME")) return std::filesystem::path(*xdg) / "parasol";
    if (auto home = env("HOME")) return std::filesystem::path(*home) / ".local/share/parasol";
#endif
    throw std::runtime_error(
        "can't find a data directory: set PARASOL_DATA_DIR or HOME (or pass --data-dir)");
}

void ensure_data_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec)) return;
    // Parents the user never asked for get the usual 0700 too.
    const auto parent = dir.parent_path();
    if (!parent.empty() && parent != dir) ensure_data_dir(parent);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
        throw std::system_error(errno, std::generic_category(),
                                "can't create the data directory " + dir.string());
    }
}

}  // namespace parasol::app
