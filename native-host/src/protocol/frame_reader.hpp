#pragma once
// Native messaging framing: a 32-bit little-endian length, then that many
// bytes. Reads through a ByteSource in large chunks (never byte by byte) and
// enforces PROTOCOL.md's caps.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

namespace parasol::protocol {

constexpr std::uint32_t kMaxParsedFrame = 8U * 1024 * 1024;                  // parsed
constexpr std::uint64_t kMaxDrainedFrame = std::uint64_t{64} * 1024 * 1024;  // read and dropped
constexpr std::size_t kMaxReply = std::size_t{1024} * 1024;

// Where frame bytes come from. read() returns 0 only at end of stream and
// may return fewer bytes than asked; it retries EINTR itself. Throws
// std::system_error on a read error.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual std::size_t read(char* buffer, std::size_t capacity) = 0;
};

class ByteSink {
public:
    virtual ~ByteSink() = default;
    // Writes everything or throws std::system_error.
    virtual void write_all(const char* data, std::size_t size) = 0;
};

struct Frame {
    std::string payload;
};
struct FrameTooLarge {  // 8 MiB < length <= 64 MiB: drained, caller answers too_large
    std::uint64_t length;
};
struct FrameImpossible {  // length > 64 MiB: caller answers bad_frame and exits 2
    std::uint64_t length;
};
struct EndOfStream {
    std::size_t partial_bytes;  // > 0 when a frame was cut off by EOF
};
using ReadResult = std::variant<Frame, FrameTooLarge, FrameImpossible, EndOfStream>;

class FrameReader {
public:
    explicit FrameReader(ByteSource& source) : source_(source) {}
    ReadResult next();

private:
    bool fill(std::size_t wanted);
    EndOfStream end_of_stream(std::size_t consumed_of_frame);

    ByteSource& source_;
    std::string buffer_;  // bytes read ahead of the current frame
    std::size_t offset_ = 0;
};

// Writes one frame (length prefix + payload) in a single write_all call.
void write_frame(ByteSink& sink, const std::string& payload);

}  // namespace parasol::protocol
