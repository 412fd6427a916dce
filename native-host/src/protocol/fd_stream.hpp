#pragma once
// ByteSource/ByteSink over POSIX file descriptors (the host's stdin/stdout).
// Both retry EINTR; the sink also retries short writes. Neither owns its fd.
#include "protocol/frame_reader.hpp"

namespace parasol::protocol {

class FdByteSource : public ByteSource {
public:
    explicit FdByteSource(int fd) : fd_(fd) {}
    std::size_t read(char* buffer, std::size_t capacity) override;

private:
    int fd_;
};

class FdByteSink : public ByteSink {
public:
    explicit FdByteSink(int fd) : fd_(fd) {}
    void write_all(const char* data, std::size_t size) override;

private:
    int fd_;
};

}  // namespace parasol::protocol
