// How the host lives and dies with its stdin, and what it puts on stdout.
#include <catch2/catch.hpp>

#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

// Liveness, not speed: a host that lingers after the browser leaves would
// still be running long after this.
constexpr auto kExitBound = std::chrono::seconds(5);

void expect_clean_exit(HostProcess& host) {
    const auto status = host.wait_exit(kExitBound);
    REQUIRE(status.has_value());
    CHECK(status->exited);
    CHECK(status->code == 0);
}

}  // namespace

TEST_CASE("closing stdin makes the host exit 0", "[lifecycle]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();

    SECTION("after a conversation") {
        host->call_ok("hello", hello_body());
        host->close_stdin();
        CHECK_FALSE(host->read_frame().has_value());
        expect_clean_exit(*host);
    }

    SECTION("before any request, with nothing on stdout") {
        host->close_stdin();
        CHECK_FALSE(host->read_frame().has_value());
        expect_clean_exit(*host);
    }
}

TEST_CASE("at EOF the host finishes and acknowledges what it was sent", "[lifecycle]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t t = utc_midnight(now_ms()) - kDay + 10 * kHour;
    // The browser sends a batch and goes away at once, before the reply.
    host->send(
        request("last", "activity.record",
                spans_body({creator_span("last-words-1", "youtube", "alice", t, t + kHour)})));
    host->close_stdin();
    const json reply = host->read_reply();
    CHECK(reply["id"] == "last");
    CHECK(reply["body"]["stored"] == 1);
    expect_clean_exit(*host);

    int found = 0;
    for (const auto& line : sandbox.export_lines()) {
        if (line.value("id", "") == "last-words-1") ++found;
    }
    CHECK(found == 1);
}

TEST_CASE("a partial frame at EOF is dropped and the host exits 0", "[lifecycle][frames]") {
    struct Case {
        std::string name;
        std::string bytes;
    };
    const std::string whole = request("cut", "hello", hello_body()).dump();
    const std::string prefix{static_cast<char>(whole.size()), 0, 0, 0};
    const Case c = GENERATE_COPY(values<Case>({
        {"half a length prefix", std::string("\x10\x00", 2)},
        {"a length and part of the payload", prefix + whole.substr(0, whole.size() / 2)},
        {"a length and all but the last byte", prefix + whole.substr(0, whole.size() - 1)},
        {"a length and nothing else", prefix},
    }));
    INFO(c.name);
    Sandbox sandbox;
    auto host = sandbox.start_host();
    host->call_ok("hello", hello_body());
    host->write_bytes(c.bytes);
    host->close_stdin();
    CHECK_FALSE(host->read_frame().has_value());  // no reply to a frame never finished
    expect_clean_exit(*host);
}

TEST_CASE("stdout carries frames and nothing else", "[lifecycle][frames]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t t = utc_midnight(now_ms()) - kDay + 10 * kHour;
    // A session touching every path that might print: success, each kind of
    // error, the daily backup after the first reply, writes and reads.
    const std::vector<std::string> payloads = {
        request("s-1", "hello", hello_body()).dump(),
        request("s-2", "activity.record",
                spans_body({creator_span("stdout-span-1", "youtube", "alice", t, t + kHour)}))
            .dump(),
        "{broken",
        request("s-4", "summary.get", {{"days", 30}}).dump(),
        request("s-5", "creators.forget", {{"platform", "x"}, {"handle", "nobody"}}).dump(),
        request("s-6", "nudges.poll", json::object()).dump(),
        request("s-7", "settings.set", {{"settings", {{"nudges", {{"max_per_day", 9}}}}}}).dump(),
        request("s-8", "creators.list", json::object()).dump(),
        request("s-9", "hello", hello_body(3)).dump(),
    };
    for (const auto& p : payloads) host->send_raw(p);
    host->close_stdin();

    // Everything until EOF must split into whole frames of JSON objects.
    std::size_t frames = 0;
    while (const auto payload = host->read_frame()) {
        INFO("frame " << frames << ": " << payload->substr(0, 200));
        const json reply = json::parse(*payload);  // throws on any stray byte
        CHECK(reply.is_object());
        CHECK(reply.contains("ok"));
        ++frames;
    }
    CHECK(frames == payloads.size());
    expect_clean_exit(*host);
}

TEST_CASE("parasol-host --version and --help answer on stdout and exit 0", "[lifecycle]") {
    Sandbox sandbox;
    for (const char* flag : {"--version", "--help"}) {
        INFO(flag);
        const CliResult r = run_program(PARASOL_HOST_BIN, "parasol-host", {flag}, sandbox.env());
        INFO(r.describe());
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("parasol-host") != std::string::npos);
    }
}
