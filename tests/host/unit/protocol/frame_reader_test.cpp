#include "protocol/frame_reader.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <vector>

namespace parasol::protocol {
namespace {

std::string header(std::uint64_t length) {
    std::string h;
    for (int i = 0; i < 4; ++i) h.push_back(static_cast<char>((length >> (8 * i)) & 0xFF));
    return h;
}
std::string frame_bytes(const std::string& payload) {
    return header(payload.size()) + payload;
}

// An in-memory stream made of literal pieces and runs of filler bytes (so a
// 64 MiB frame costs no 64 MiB string), handed out in short random chunks.
class ScriptedSource : public ByteSource {
public:
    explicit ScriptedSource(std::size_t max_chunk, unsigned seed = 7)
        : max_chunk_(max_chunk), random_(seed) {}
    ScriptedSource& bytes(std::string text) {
        pieces_.push_back({std::move(text), 0});
        return *this;
    }
    ScriptedSource& filler(std::uint64_t count) {
        pieces_.push_back({{}, count});
        return *this;
    }

    std::size_t read(char* buffer, std::size_t capacity) override {
        ++reads;
        largest_request = std::max(largest_request, capacity);
        while (current_ < pieces_.size() && remaining(pieces_[current_]) == 0) {
            ++current_;
            position_ = 0;
        }
        if (current_ == pieces_.size() || capacity == 0) return 0;
        Piece& piece = pieces_[current_];
        std::uniform_int_distribution<std::size_t> size(1, std::max<std::size_t>(1, max_chunk_));
        const std::size_t n = static_cast<std::size_t>(
            std::min<std::uint64_t>({size(random_), capacity, remaining(piece)}));
        if (piece.filler > 0) {
            std::fill_n(buffer, n, 'x');
        } else {
            std::copy_n(piece.text.data() + position_, n, buffer);
        }
        position_ += n;
        return n;
    }

    std::size_t reads = 0;
    std::size_t largest_request = 0;

private:
    struct Piece {
        std::string text;
        std::uint64_t filler;
    };
    std::uint64_t remaining(const Piece& p) const {
        return (p.filler > 0 ? p.filler : p.text.size()) - position_;
    }

    std::vector<Piece> pieces_;
    std::size_t current_ = 0;
    std::uint64_t position_ = 0;
    std::size_t max_chunk_;
    std::mt19937 random_;
};

class RecordingSink : public ByteSink {
public:
    void write_all(const char* data, std::size_t size) override { writes.emplace_back(data, size); }
    std::vector<std::string> writes;
};

const std::string kSmall = R"({"id":"r-1","type":"hello","body":{}})";

}  // namespace

TEST_CASE("a frame cut off at any byte ends the stream with the partial byte count") {
    const std::string whole = frame_bytes(kSmall);
    for (std::size_t cut = 0; cut < whole.size(); ++cut) {
        CAPTURE(cut);
        ScriptedSource source(3, static_cast<unsigned>(cut));
        source.bytes(whole.substr(0, cut));
        FrameReader reader(source);
        const ReadResult result = reader.next();
        REQUIRE(std::holds_alternative<EndOfStream>(result));
        CHECK(std::get<EndOfStream>(result).partial_bytes == cut);
        REQUIRE(std::holds_alternative<EndOfStream>(reader.next()));
        CHECK(std::get<EndOfStream>(reader.next()).partial_bytes == 0);
    }
}

TEST_CASE("frames split into short random chunks reassemble in order") {
    for (unsigned seed = 0; seed < 20; ++seed) {
        CAPTURE(seed);
        ScriptedSource source(5, seed);
        source.bytes(frame_bytes(kSmall) + frame_bytes("") + frame_bytes("{}"));
        FrameReader reader(source);
        CHECK(std::get<Frame>(reader.next()).payload == kSmall);
        CHECK(std::get<Frame>(reader.next()).payload.empty());
        CHECK(std::get<Frame>(reader.next()).payload == "{}");
        CHECK(std::get<EndOfStream>(reader.next()).partial_bytes == 0);
    }
}

TEST_CASE("frame lengths are classified by the caps") {
    constexpr std::uint64_t MiB = 1024 * 1024;
    struct Case {
        std::uint64_t length;
        enum { parsed, drained, impossible } expected;
    };
    const Case cases[] = {
        {0, Case::parsed},
        {1, Case::parsed},
        {8 * MiB, Case::parsed},
        {8 * MiB + 1, Case::drained},
        {64 * MiB, Case::drained},
        {64 * MiB + 1, Case::impossible},
        {0xFFFFFFFF, Case::impossible},
    };
    for (const auto& c : cases) {
        CAPTURE(c.length);
        ScriptedSource source(256 * 1024);
        source.bytes(header(c.length)).filler(c.expected == Case::impossible ? 0 : c.length);
        source.bytes(frame_bytes(kSmall));
        FrameReader reader(source);
        const ReadResult result = reader.next();
        switch (c.expected) {
            case Case::parsed:
                REQUIRE(std::holds_alternative<Frame>(result));
                CHECK(std::get<Frame>(result).payload == std::string(c.length, 'x'));
                break;
            case Case::drained:
                REQUIRE(std::holds_alternative<FrameTooLarge>(result));
                CHECK(std::get<FrameTooLarge>(result).length == c.length);
                // Draining reads in bounded pieces, never the whole frame at once.
                CHECK(source.largest_request <= MiB);
                break;
            case Case::impossible:
                REQUIRE(std::holds_alternative<FrameImpossible>(result));
                CHECK(std::get<FrameImpossible>(result).length == c.length);
                continue;  // the stream can't be trusted after this
        }
        // The next frame starts exactly where this one ended.
        const ReadResult after = reader.next();
        REQUIRE(std::holds_alternative<Frame>(after));
        CHECK(std::get<Frame>(after).payload == kSmall);
        CHECK(std::holds_alternative<EndOfStream>(reader.next()));
    }
}

TEST_CASE("end of stream inside a drained frame reports the partial frame") {
    const std::uint64_t length = kMaxParsedFrame + 10;
    ScriptedSource source(4096);
    source.bytes(header(length)).filler(1000);
    FrameReader reader(source);
    const ReadResult result = reader.next();
    REQUIRE(std::holds_alternative<EndOfStream>(result));
    CHECK(std::get<EndOfStream>(result).partial_bytes == 1004);
}

TEST_CASE("frames are read in large chunks, not byte by byte") {
    const std::string payload(100 * 1024, 'y');
    ScriptedSource source(SIZE_MAX);  // hands out whatever is asked for
    source.bytes(frame_bytes(payload) + frame_bytes(kSmall));
    FrameReader reader(source);
    CHECK(std::get<Frame>(reader.next()).payload == payload);
    CHECK(std::get<Frame>(reader.next()).payload == kSmall);
    CHECK(source.reads <= 4);
}

TEST_CASE("write_frame sends the little-endian prefix and payload in one write") {
    RecordingSink sink;
    const std::string payload(300, 'z');
    write_frame(sink, payload);
    REQUIRE(sink.writes.size() == 1);
    CHECK(sink.writes[0] == std::string("\x2c\x01\x00\x00", 4) + payload);

    ScriptedSource source(2);
    source.bytes(sink.writes[0]);
    FrameReader reader(source);
    CHECK(std::get<Frame>(reader.next()).payload == payload);
}

}  // namespace parasol::protocol
