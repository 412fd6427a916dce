#include "protocol/envelope.hpp"

#include <catch2/catch.hpp>

#include "expect_error.hpp"
#include "protocol/frame_reader.hpp"

namespace parasol::protocol {
namespace {

using nlohmann::json;
using testing::expect_error;

}  // namespace

TEST_CASE("a well-formed envelope decodes; body defaults to {}") {
    std::optional<std::string> id;
    const auto e =
        decode_envelope(R"({"id":"r-1.a:B_9","type":"summary.get","body":{"days":3}})", id);
    CHECK(e.id == "r-1.a:B_9");
    CHECK(e.type == "summary.get");
    CHECK(e.body == json{{"days", 3}});
    CHECK(id == "r-1.a:B_9");

    const auto bare = decode_envelope(R"({"id":"x","type":"settings.get"})", id);
    CHECK(bare.body == json::object());
}

TEST_CASE("envelope rules: code, path and whether the id can be echoed") {
    struct Case {
        std::string payload;
        ErrorCode code;
        std::optional<std::string> path;
        bool id_readable;
        std::string words;
    };
    const std::string id64(64, 'a');
    const Case cases[] = {
        {"not json", ErrorCode::bad_json, std::nullopt, false, "JSON"},
        {"[1]", ErrorCode::bad_json, std::nullopt, false, "object"},
        {R"({"type":"hello"})", ErrorCode::invalid, "/id", false, "required"},
        {R"({"id":"","type":"hello"})", ErrorCode::invalid, "/id", false, "1 to 64"},
        {R"({"id":")" + id64 + R"(a","type":"hello"})", ErrorCode::invalid, "/id", false,
         "1 to 64"},
        {R"({"id":"r 1","type":"hello"})", ErrorCode::invalid, "/id", false, "[A-Za-z0-9._:-]"},
        {R"({"id":"r/1","type":"hello"})", ErrorCode::invalid, "/id", false, "[A-Za-z0-9._:-]"},
        {R"({"id":17,"type":"hello"})", ErrorCode::invalid, "/id", false, "string"},
        {R"({"id":null,"type":"hello"})", ErrorCode::invalid, "/id", false, "string"},
        {R"({"id":"r-1"})", ErrorCode::invalid, "/type", true, "required"},
        {R"({"id":"r-1","type":3})", ErrorCode::invalid, "/type", true, "string"},
        {R"({"id":"r-1","type":"hello","body":[]})", ErrorCode::invalid, "/body", true, "object"},
        {R"({"id":"r-1","type":"hello","body":null})", ErrorCode::invalid, "/body", true, "object"},
        {R"({"id":"r-1","type":"hello","extra":1})", ErrorCode::invalid, "/extra", true,
         "not a known field"},
        {R"({"id":"r-1","type":"hello","a/b~c":1})", ErrorCode::invalid, "/a~1b~0c", true,
         "not a known field"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.payload);
        std::optional<std::string> id;
        const auto e = expect_error([&] { decode_envelope(c.payload, id); });
        CHECK(e.code() == c.code);
        CHECK(e.path() == c.path);
        CHECK_THAT(e.what(), Catch::Contains(c.words));
        CHECK(id.has_value() == c.id_readable);
    }
    std::optional<std::string> id;
    CHECK(decode_envelope(R"({"id":")" + id64 + R"(","type":"hello"})", id).id == id64);
}

TEST_CASE("replies are framed as PROTOCOL.md says") {
    CHECK(json::parse(encode_ok("r-1", json{{"stored", 2}})) ==
          json{{"id", "r-1"}, {"ok", true}, {"body", {{"stored", 2}}}});
    CHECK(json::parse(encode_error("r-2", ErrorCode::invalid, "body.days: must be ...",
                                   "/body/days")) == json{{"id", "r-2"},
                                                          {"ok", false},
                                                          {"error",
                                                           {{"code", "invalid"},
                                                            {"message", "body.days: must be ..."},
                                                            {"path", "/body/days"}}}});
    const auto no_id = json::parse(encode_error(std::nullopt, ErrorCode::too_large, "big", {}));
    CHECK(no_id["id"].is_null());
    CHECK_FALSE(no_id["error"].contains("path"));
    CHECK(no_id["error"]["code"] == "too_large");
}

TEST_CASE("error replies survive invalid UTF-8 and huge texts") {
    const auto odd = json::parse(encode_error("r", ErrorCode::bad_json, "bad \xff byte", {}));
    CHECK(odd["error"]["message"] == "bad \xef\xbf\xbd byte");

    const std::string huge(2 * kMaxReply, 'm');
    const std::string reply = encode_error("r", ErrorCode::unknown_type, huge, "/" + huge);
    CHECK(reply.size() < kMaxReply);
    CHECK_FALSE(json::parse(reply)["error"].contains("path"));
}

TEST_CASE("a reply over 1 MiB becomes reply_too_large for the same id") {
    const auto fits = [](std::size_t n) { return json{{"s", std::string(n, 'a')}}; };
    const std::size_t overhead = encode_ok("r-9", fits(0)).size();
    const std::string at_limit = encode_ok("r-9", fits(kMaxReply - overhead));
    CHECK(at_limit.size() == kMaxReply);
    CHECK(json::parse(at_limit)["ok"] == true);

    const auto over = json::parse(encode_ok("r-9", fits(kMaxReply - overhead + 1)));
    CHECK(over["id"] == "r-9");
    CHECK(over["ok"] == false);
    CHECK(over["error"]["code"] == "reply_too_large");
}

}  // namespace parasol::protocol
