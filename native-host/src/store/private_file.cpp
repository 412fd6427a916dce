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
    // O_EXCL: an existing file is never opened here. Closing any descriptor
    // of a file drops every POSIX lock this process holds on it, so opening
    // and closing parasol.db while another connection of this process (the
    // digest worker's, say) has it open would silently unlock that
    // connection: another process could then take it for the last user,
    // delete the WAL under it, and every later commit would be lost.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return;  // made earlier, or by another process a moment ago
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
