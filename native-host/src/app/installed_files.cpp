#include "app/installed_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace parasol::app {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

std::string random_suffix() {
    std::random_device device;
    std::uniform_int_distribution<unsigned> hex(0, 15);
    std::string suffix;
    for (int i = 0; i < 8; ++i) suffix += "0123456789abcdef"[hex(device)];
    return suffix;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& file, const std::string& content,
                           std::filesystem::perms mode) {
    const std::filesystem::path temp =
        file.parent_path() / ("." + file.filename().string() + ".tmp-" + random_suffix());
#if defined(_WIN32)
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << content;
        out.close();
        if (!out) fail("can't write", temp);
    }
    std::error_code ec;
    std::filesystem::rename(temp, file, ec);
    if (ec) throw std::system_error(ec, "can't replace " + file.string());
    (void)mode;
#else
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail("can't create", temp);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            ::unlink(temp.c_str());
            errno = saved;
            fail("can't write", temp);
        }
        written += static_cast<std::size_t>(n);
    }
    // fchmod, not the umask: browsers must be able to read a system-wide
    // manifest whatever umask root had.
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
        const int saved = errno;
        ::close(fd);
        ::unlink(temp.c_str());
        errno = saved;
        fail("can't finish", temp);
    }
    ::close(fd);
    if (::rename(temp.c_str(), file.c_str()) != 0) {
        const int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        fail("can't replace", file);
    }
#endif
}

std::vector<std::filesystem::path> create_folders(const std::filesystem::path& dir,
                                                  std::filesystem::perms mode) {
    std::vector<std::filesystem::path> missing;
    std::error_code ec;
    for (auto p = dir; !p.empty() && !std::filesystem::exists(p, ec);) {
        missing.push_back(p);
        const auto parent = p.parent_path();
        if (parent == p) break;
        p = parent;
    }
    std::vector<std::filesystem::path> made;
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
#if defined(_WIN32)
        std::filesystem::create_directory(*it, ec);
        if (ec) throw std::system_error(ec, "can't create the folder " + it->string());
        (void)mode;
#else
        if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST)
            fail("can't create the folder", *it);
        if (::chmod(it->c_str(), static_cast<mode_t>(mode)) != 0)
            fail("can't set the mode of", *it);
#endif
        made.push_back(*it);
    }
    return made;
}

std::optional<std::string> read_whole_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace parasol::app
