#include "app/scratch_folder.hpp"

#include <cstdlib>
#include <string>
#include <system_error>

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace parasol::app {

ScratchFolder::ScratchFolder() {
    std::error_code ec;
    const auto base = std::filesystem::temp_directory_path(ec);
    std::string pattern = (ec ? std::filesystem::path("/tmp") : base).string() + "/parasol-XXXXXX";
#if defined(_WIN32)
    path_ = pattern;
    std::filesystem::create_directories(path_);
#else
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::system_error(errno, std::generic_category(), "can't make a folder " + pattern);
    }
    path_ = pattern;
#endif
}

ScratchFolder::~ScratchFolder() {
    std::error_code ignored;  // a leftover temp folder is not worth failing for
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace parasol::app
