#include "store/private_file.hpp"

#include <cerrno>
#include <system_error>

#ifdef _WIN32
#include <fstream>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace parasol::store {

#ifndef _WIN32

void create_private_file(const std::filesystem::path& file) {
    // O_CREAT without O_EXCL: a file another process made a moment ago is fine.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::system_error(errno, std::generic_category(), "can't create " + file.string());
    }
    ::close(fd);
}

void create_private_folder(const std::filesystem::path& folder) {
    if (::mkdir(folder.c_str(), 0700) != 0 && errno != EEXIST) {
        throw std::system_error(errno, std::generic_category(), "can't create " + folder.string());
    }
}

#else

// Windows: the per-user data folder is already private to the user.
void create_private_file(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        std::ofstream create(file, std::ios::app);
        if (!create) {
            throw std::system_error(errno, std::generic_category(),
                                    "can't create " + file.string());
        }
    }
}

void create_private_folder(const std::filesystem::path& folder) {
    std::filesystem::create_directory(folder);
}

#endif

}  // namespace parasol::store
