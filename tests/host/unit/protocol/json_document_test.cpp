#include "protocol/json_document.hpp"

#include <catch2/catch.hpp>

#include "expect_error.hpp"

namespace parasol::protocol {
namespace {

using testing::expect_error;

// An object holding arrays nested so that the whole document is `levels` deep.
std::string nested(int levels) {
    const auto arrays = static_cast<std::size_t>(levels - 1);
    return "{\"a\":" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
}

}  // namespace

TEST_CASE("nesting up to the limit parses, one more level is bad_json") {
    CHECK(parse_json_object(nested(kMaxJsonDepth)).is_object());
    const auto e = expect_error([] { parse_json_object(nested(kMaxJsonDepth + 1)); });
    CHECK(e.code() == ErrorCode::bad_json);
    CHECK_THAT(e.what(), Catch::Contains("64"));
}

TEST_CASE("a 100,000-deep array is rejected without recursing through it") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(expect_error([&] { parse_json_object(deep); }).code() == ErrorCode::bad_json);
    const std::string deep_in_object = "{\"a\":" + std::string(100000, '[');
    CHECK(expect_error([&] { parse_json_object(deep_in_object); }).code() == ErrorCode::bad_json);
}

TEST_CASE("payloads that are not one UTF-8 JSON object are bad_json") {
    const std::string cases[] = {
        "",
        "   ",
        "[]",
        "\"text\"",
        "42",
        "null",
        "{\"a\":1} trailing",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1,}",
        "{'a':1}",
        "{\"a\":\"\xff\"}",          // invalid UTF-8 byte
        "{\"a\":\"\xc3\"}",          // truncated sequence
        "{\"a\":\"\xed\xa0\x80\"}",  // encoded surrogate
        "{\"a\":\"\\ud800\"}",       // lone surrogate escape
        std::string("{\"a\":\"\0\"}", 9),
        "{\"a\":1e400}",  // overflows a double
    };
    for (const auto& payload : cases) {
        CAPTURE(payload);
        CHECK(expect_error([&] { parse_json_object(payload); }).code() == ErrorCode::bad_json);
    }
}

TEST_CASE("valid UTF-8 objects parse") {
    const auto doc = parse_json_object("{\"name\":\"Caf\xc3\xa9 \\u00e9 \xf0\x9f\x98\x80\"}");
    CHECK(doc["name"] == "Caf\xc3\xa9 \xc3\xa9 \xf0\x9f\x98\x80");
}

}  // namespace parasol::protocol
