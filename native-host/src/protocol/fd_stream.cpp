#include "protocol/fd_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace parasol::protocol {

std::size_t FdByteSource::read(char* buffer, std::size_t capacity) {
    for (;;) {
        const ssize_t got = ::read(fd_, buffer, capacity);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "read");
    }
}

void FdByteSink::write_all(const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t put = ::write(fd_, data, size);
        if (put < 0) {
            if (errno == EINTR) continue;
            throw std::system_error(errno, std::generic_category(), "write");
        }
        data += put;
        size -= static_cast<std::size_t>(put);
    }
}

}  // namespace parasol::protocol
