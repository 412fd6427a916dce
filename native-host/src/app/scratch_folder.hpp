#pragma once
// A private temporary folder (0700) removed with its contents when it goes
// out of scope: where doctor starts a host and checks a copy of the database
// without touching the user's own data.
#include <filesystem>

namespace parasol::app {

class ScratchFolder {
public:
    // Throws std::system_error when no folder can be made.
    ScratchFolder();
    ~ScratchFolder();
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace parasol::app
