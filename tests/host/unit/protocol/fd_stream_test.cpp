#include "protocol/fd_stream.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <system_error>
#include <thread>

namespace parasol::protocol {

TEST_CASE("frames cross a real pipe through the fd source and sink") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    // Bigger than a pipe's buffer, so the writer blocks and writes in pieces.
    const std::string big(1024 * 1024, 'b');
    std::thread writer([&] {
        FdByteSink sink(fds[1]);
        write_frame(sink, "{}");
        write_frame(sink, big);
        ::close(fds[1]);
    });
    FdByteSource source(fds[0]);
    FrameReader reader(source);
    CHECK(std::get<Frame>(reader.next()).payload == "{}");
    CHECK(std::get<Frame>(reader.next()).payload == big);
    CHECK(std::get<EndOfStream>(reader.next()).partial_bytes == 0);
    writer.join();
    ::close(fds[0]);
}

TEST_CASE("fd errors surface as std::system_error") {
    char buffer[8];
    FdByteSource source(-1);
    CHECK_THROWS_AS(source.read(buffer, sizeof buffer), std::system_error);
    FdByteSink sink(-1);
    CHECK_THROWS_AS(sink.write_all("x", 1), std::system_error);
}

}  // namespace parasol::protocol
