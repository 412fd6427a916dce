#pragma once
// Where the running program is, so `parasol install` can name the
// parasol-host installed beside it.
#include <filesystem>

namespace parasol::app {

// The absolute path of the running executable, symlinks resolved
// (/proc/self/exe on Linux). Throws std::runtime_error if it can't be found.
std::filesystem::path running_executable();

// parasol-host (parasol-host.exe on Windows) in the folder of the running
// executable.
std::filesystem::path host_beside_running_executable();

}  // namespace parasol::app
