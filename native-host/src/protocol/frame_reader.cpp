#include "protocol/frame_reader.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace parasol::protocol {
namespace {

constexpr std::size_t kHeaderSize = 4;
// Smallest read asked of the source: big enough that a frame never costs
// more than a few system calls, small enough to drain a huge frame cheaply.
constexpr std::size_t kChunk = std::size_t{64} * 1024;

std::uint32_t decode_length(const char* bytes) {
    std::uint32_t length = 0;
    for (std::size_t i = kHeaderSize; i-- > 0;) {
        length = (length << 8) | static_cast<unsigned char>(bytes[i]);
    }
    return length;
}

}  // namespace

// Makes at least `wanted` unread bytes available; false at end of stream.
bool FrameReader::fill(std::size_t wanted) {
    while (buffer_.size() - offset_ < wanted) {
        if (offset_ > 0) {  // compact: unread bytes move to the front
            buffer_.erase(0, offset_);
            offset_ = 0;
        }
        // Grow by at most the size already held (and at least a chunk), so memory
        // follows the bytes that really arrive, not the length a header claims.
        const std::size_t old_size = buffer_.size();
        const std::size_t ask = std::max(kChunk, std::min(wanted - old_size, old_size));
        buffer_.resize(old_size + ask);
        const std::size_t got = source_.read(buffer_.data() + old_size, ask);
        buffer_.resize(old_size + got);
        if (got == 0) return false;
    }
    return true;
}

EndOfStream FrameReader::end_of_stream(std::size_t consumed_of_frame) {
    EndOfStream eof{consumed_of_frame + (buffer_.size() - offset_)};
    buffer_.clear();
    offset_ = 0;
    return eof;
}

ReadResult FrameReader::next() {
    if (!fill(kHeaderSize)) return end_of_stream(0);
    const std::uint32_t length = decode_length(buffer_.data() + offset_);
    offset_ += kHeaderSize;

    if (length > kMaxDrainedFrame) return FrameImpossible{length};
    if (length > kMaxParsedFrame) {
        // Drain in chunks: the bytes are dropped, so memory stays bounded.
        std::uint64_t left = length;
        while (left > 0) {
            if (!fill(1)) return end_of_stream(kHeaderSize + (length - left));
            const std::size_t take =
                static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer_.size() - offset_));
            offset_ += take;
            left -= take;
        }
        return FrameTooLarge{length};
    }
    if (!fill(length)) return end_of_stream(kHeaderSize);
    Frame frame{buffer_.substr(offset_, length)};
    offset_ += length;
    return frame;
}

void write_frame(ByteSink& sink, const std::string& payload) {
    if (payload.size() > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error("frame payload does not fit a 32-bit length");
    }
    const auto length = static_cast<std::uint32_t>(payload.size());
    std::string frame;
    frame.reserve(kHeaderSize + payload.size());
    for (std::size_t i = 0; i < kHeaderSize; ++i) {
        frame.push_back(static_cast<char>((length >> (8 * i)) & 0xFFu));
    }
    frame += payload;
    sink.write_all(frame.data(), frame.size());
}

}  // namespace parasol::protocol
