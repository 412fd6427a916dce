#pragma once
// Serves a fuzz input in chunks of varying size so the frame reader's short-read
// paths are exercised too. Shared by every fuzz target.
#include <algorithm>
#include <cstddef>
#include <string_view>

#include "protocol/frame_reader.hpp"

namespace parasol::fuzz {

class ChunkedSource : public protocol::ByteSource {
public:
    explicit ChunkedSource(std::string_view data) : data_(data) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
        constexpr std::size_t kSizes[] = {1, 3, 4096, 7, 65536};
        const std::size_t n = std::min({capacity, data_.size(), kSizes[calls_++ % 5]});
        std::copy_n(data_.data(), n, buffer);
        data_.remove_prefix(n);
        return n;
    }

private:
    std::string_view data_;
    std::size_t calls_ = 0;
};

}  // namespace parasol::fuzz
