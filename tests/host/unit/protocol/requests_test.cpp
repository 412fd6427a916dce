#include "protocol/requests.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <map>

#include "expect_error.hpp"

namespace parasol::protocol {
namespace {

using nlohmann::json;
using testing::expect_error;

constexpr core::Instant kNow = 1'800'000'000'000;

json valid_span() {
    return {{"id", "span-0001"},     {"kind", "creator"},
            {"platform", "youtube"}, {"handle", "@veritasium"},
            {"label", "Veritasium"}, {"start", kNow - 600'000},
            {"end", kNow},           {"utc_offset_min", 60},
            {"attention", "focused"}};
}
json valid_mark() {
    return {{"id", "mark-0001"},
            {"what", "chat"},
            {"platform", "twitch"},
            {"handle", "streamer"},
            {"at", kNow},
            {"utc_offset_min", -300},
            {"count", 3}};
}

// A valid body per type; each case below breaks one rule of it.
json valid_body(const std::string& type) {
    static const std::map<std::string, json> bodies = {
        {"hello",
         {{"protocol", 1}, {"extension", {{"version", "0.3.1"}, {"browser", "chromium"}}}}},
        {"activity.record", {{"spans", {valid_span()}}, {"marks", {valid_mark()}}}},
        {"creators.follow", {{"platform", "youtube"}, {"handle", "@a"}, {"label", "A"}}},
        {"creators.unfollow", {{"platform", "youtube"}, {"handle", "@a"}}},
        {"creators.update",
         {{"platform", "youtube"}, {"handle", "@a"}, {"label", "A"}, {"daily_budget_min", 30}}},
        {"creators.list", {{"limit", 10}, {"cursor", "abc"}}},
        {"summary.get", {{"days", 7}, {"until", "2026-11-25"}}},
        {"checkin.record",
         {{"date", "2026-11-25"},
          {"social_min", 90},
          {"lonely", 2},
          {"felt", "chosen"},
          {"opinion_lean", 2},
          {"plan", "call Sam"},
          {"note", ""}}},
        {"data.erase", {{"confirm", "erase-all"}}},
        {"settings.get", json::object()},
        {"settings.set", {{"settings", json::object()}}},
    };
    return bodies.at(type);
}

void decode(const std::string& type, const json& body) {
    static const std::map<std::string, std::function<void(const json&)>> decoders = {
        {"hello", [](const json& b) { decode_hello(b); }},
        {"activity.record", [](const json& b) { decode_activity_record(b, kNow); }},
        {"creators.follow", [](const json& b) { decode_creator_follow(b); }},
        {"creators.unfollow", [](const json& b) { decode_creator_key(b); }},
        {"creators.update", [](const json& b) { decode_creator_update(b); }},
        {"creators.list", [](const json& b) { decode_creator_list(b); }},
        {"summary.get", [](const json& b) { decode_summary(b); }},
        {"checkin.record", [](const json& b) { decode_checkin(b); }},
        {"data.erase", [](const json& b) { decode_data_erase(b); }},
        {"settings.get", [](const json& b) { decode_empty(b, "settings.get"); }},
        {"settings.set", [](const json& b) { decode_settings_set(b); }},
    };
    decoders.at(type)(body);
}

const json kRemove = {{"<remove>", true}};

struct Case {
    std::string type;
    std::vector<std::pair<std::string, json>> patch;  // pointer into the body -> new value
    std::string path;                                 // expected, from the request root
    std::string words;                                // expected in the message
};

json patched(const Case& c) {
    json body = valid_body(c.type);
    for (const auto& [pointer, value] : c.patch) {
        const json::json_pointer where(pointer);
        if (value == kRemove) {
            body.at(where.parent_pointer()).erase(where.back());
        } else {
            body[where] = value;
        }
    }
    return body;
}

const std::string s33(33, 'a'), s65(65, 'a'), s129(129, 'h'), s201(201, 'c'), s501(501, 'p');
std::string code_points(std::size_t n) {  // 2-byte characters: counts differ from bytes
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "\xc3\xa9";
    return s;
}

// clang-format off
const std::vector<Case> kCases = {
    // hello
    {"hello", {{"/protocol", kRemove}}, "/body/protocol", "body.protocol: is required"},
    {"hello", {{"/protocol", 0}}, "/body/protocol", "integer from 1"},
    {"hello", {{"/protocol", 1.5}}, "/body/protocol", "must be an integer"},
    {"hello", {{"/protocol", "1"}}, "/body/protocol", "must be an integer"},
    {"hello", {{"/protocol", true}}, "/body/protocol", "must be an integer"},
    {"hello", {{"/extension", kRemove}}, "/body/extension", "is required"},
    {"hello", {{"/extension", "chrome"}}, "/body/extension", "must be an object"},
    {"hello", {{"/extension/version", ""}}, "/body/extension/version", "1 to 32 characters"},
    {"hello", {{"/extension/version", s33}}, "/body/extension/version", "1 to 32 characters"},
    {"hello", {{"/extension/version", kRemove}}, "/body/extension/version", "required"},
    // The schema's version pattern; the host accepted any 1-32 characters.
    {"hello", {{"/extension/version", "0.3 beta"}}, "/body/extension/version", "of [0-9A-Za-z.+-]"},
    {"hello", {{"/extension/version", "0.3/1"}}, "/body/extension/version", "of [0-9A-Za-z.+-]"},
    {"hello", {{"/extension/browser", "safari"}}, "/body/extension/browser", "one of chrome, chromium, edge, brave, firefox, other"},
    {"hello", {{"/extension/browser", kRemove}}, "/body/extension/browser", "is required"},
    {"hello", {{"/extension/os", "linux"}}, "/body/extension/os", "body.extension.os: is not a known field"},
    {"hello", {{"/features", json::array()}}, "/body/features", "not a known field"},
    // activity.record: the batch
    {"activity.record", {{"/spans", json::array()}, {"/marks", json::array()}}, "/body", "1 to 1000 spans and marks"},
    {"activity.record", {{"/spans", kRemove}, {"/marks", kRemove}}, "/body", "1 to 1000"},
    {"activity.record", {{"/spans", "x"}}, "/body/spans", "must be an array"},
    {"activity.record", {{"/marks", json::object()}}, "/body/marks", "must be an array"},
    {"activity.record", {{"/spans/0", 5}}, "/body/spans/0", "body.spans[0]: must be an object"},
    {"activity.record", {{"/events", json::array()}}, "/body/events", "not a known field"},
    // activity.record: spans
    {"activity.record", {{"/spans/0/id", kRemove}}, "/body/spans/0/id", "body.spans[0].id: is required"},
    {"activity.record", {{"/spans/0/id", "1234567"}}, "/body/spans/0/id", "8 to 64 characters of [A-Za-z0-9_-]"},
    {"activity.record", {{"/spans/0/id", s65}}, "/body/spans/0/id", "8 to 64"},
    {"activity.record", {{"/spans/0/id", "span.0001"}}, "/body/spans/0/id", "[A-Za-z0-9_-]"},
    {"activity.record", {{"/spans/0/id", 12345678}}, "/body/spans/0/id", "must be a string"},
    {"activity.record", {{"/spans/0/kind", "video"}}, "/body/spans/0/kind", "one of creator, connection"},
    {"activity.record", {{"/spans/0/kind", "unknown"}}, "/body/spans/0/kind", "one of creator, connection"},
    {"activity.record", {{"/spans/0/platform", ""}}, "/body/spans/0/platform", "1 to 32 characters of [a-z0-9.-]"},
    {"activity.record", {{"/spans/0/platform", "YouTube"}}, "/body/spans/0/platform", "[a-z0-9.-]"},
    {"activity.record", {{"/spans/0/platform", s33}}, "/body/spans/0/platform", "1 to 32"},
    {"activity.record", {{"/spans/0/handle", ""}}, "/body/spans/0/handle", "1 to 128 characters"},
    {"activity.record", {{"/spans/0/handle", s129}}, "/body/spans/0/handle", "1 to 128 characters"},
    {"activity.record", {{"/spans/0/handle", code_points(129)}}, "/body/spans/0/handle", "1 to 128"},
    {"activity.record", {{"/spans/0/kind", "connection"}}, "/body/spans/0/handle", "must be \"\" for connection spans"},
    {"activity.record", {{"/spans/0/kind", "connection"}, {"/spans/0/handle", kRemove}}, "/body/spans/0/handle", "is required"},
    {"activity.record", {{"/spans/0/kind", "connection"}, {"/spans/0/handle", ""}}, "/body/spans/0/label", "must be absent for connection spans"},
    {"activity.record", {{"/spans/0/label", code_points(201)}}, "/body/spans/0/label", "at most 200 characters"},
    {"activity.record", {{"/spans/0/label", nullptr}}, "/body/spans/0/label", "must be a string"},
    {"activity.record", {{"/spans/0/start", -1}}, "/body/spans/0/start", "integer from 0 to 9007199254740991"},
    {"activity.record", {{"/spans/0/start", 9007199254740992}}, "/body/spans/0/start", "integer from 0"},
    {"activity.record", {{"/spans/0/start", 18446744073709551615u}}, "/body/spans/0/start", "integer from 0"},
    {"activity.record", {{"/spans/0/start", "1799999400000"}}, "/body/spans/0/start", "must be an integer"},
    {"activity.record", {{"/spans/0/end", 1.8e12}}, "/body/spans/0/end", "must be an integer"},
    {"activity.record", {{"/spans/0/end", false}}, "/body/spans/0/end", "must be an integer"},
    {"activity.record", {{"/spans/0/end", kRemove}}, "/body/spans/0/end", "is required"},
    {"activity.record", {{"/spans/0/end", kNow - 600'001}}, "/body/spans/0/end", "body.spans[0].end: must not be earlier than start"},
    {"activity.record", {{"/spans/0/start", kNow - 86'400'001}}, "/body/spans/0/end", "at most 86400000 ms"},
    {"activity.record", {{"/spans/0/end", kNow + 600'001}}, "/body/spans/0/end", "10 minutes"},
    {"activity.record", {{"/spans/0/utc_offset_min", 841}}, "/body/spans/0/utc_offset_min", "integer from -840 to 840"},
    {"activity.record", {{"/spans/0/utc_offset_min", -841}}, "/body/spans/0/utc_offset_min", "-840 to 840"},
    {"activity.record", {{"/spans/0/utc_offset_min", kRemove}}, "/body/spans/0/utc_offset_min", "required"},
    {"activity.record", {{"/spans/0/attention", "idle"}}, "/body/spans/0/attention", "one of focused, audible"},
    {"activity.record", {{"/spans/0/attention", kRemove}}, "/body/spans/0/attention", "required"},
    {"activity.record", {{"/spans/0/url", "https://x"}}, "/body/spans/0/url", "body.spans[0].url: is not a known field"},
    // activity.record: marks
    {"activity.record", {{"/marks/0/id", "short"}}, "/body/marks/0/id", "8 to 64"},
    {"activity.record", {{"/marks/0/what", "tip"}}, "/body/marks/0/what", "one of spend, chat"},
    {"activity.record", {{"/marks/0/platform", "Twitch"}}, "/body/marks/0/platform", "[a-z0-9.-]"},
    {"activity.record", {{"/marks/0/handle", ""}}, "/body/marks/0/handle", "1 to 128"},
    {"activity.record", {{"/marks/0/handle", s129}}, "/body/marks/0/handle", "1 to 128"},
    {"activity.record", {{"/marks/0/at", kNow + 600'001}}, "/body/marks/0/at", "10 minutes"},
    {"activity.record", {{"/marks/0/at", -5}}, "/body/marks/0/at", "integer from 0"},
    {"activity.record", {{"/marks/0/utc_offset_min", 900}}, "/body/marks/0/utc_offset_min", "-840 to 840"},
    {"activity.record", {{"/marks/0/count", 0}}, "/body/marks/0/count", "integer from 1 to 10000"},
    {"activity.record", {{"/marks/0/count", 10001}}, "/body/marks/0/count", "1 to 10000"},
    {"activity.record", {{"/marks/0/count", 2.0}}, "/body/marks/0/count", "must be an integer"},
    {"activity.record", {{"/marks/0/count", nullptr}}, "/body/marks/0/count", "must be an integer"},
    {"activity.record", {{"/marks/0/text", "hi"}}, "/body/marks/0/text", "not a known field"},
    // creators.*
    {"creators.follow", {{"/platform", kRemove}}, "/body/platform", "required"},
    {"creators.follow", {{"/platform", "You Tube"}}, "/body/platform", "[a-z0-9.-]"},
    {"creators.follow", {{"/handle", ""}}, "/body/handle", "1 to 128"},
    {"creators.follow", {{"/label", s201}}, "/body/label", "at most 200"},
    {"creators.follow", {{"/daily_budget_min", 5}}, "/body/daily_budget_min", "not a known field"},
    {"creators.unfollow", {{"/handle", kRemove}}, "/body/handle", "required"},
    {"creators.unfollow", {{"/label", "A"}}, "/body/label", "not a known field"},
    {"creators.update", {{"/daily_budget_min", 0}}, "/body/daily_budget_min", "integer from 1 to 1440"},
    {"creators.update", {{"/daily_budget_min", 1441}}, "/body/daily_budget_min", "1 to 1440"},
    {"creators.update", {{"/daily_budget_min", "30"}}, "/body/daily_budget_min", "must be an integer"},
    {"creators.update", {{"/label", 7}}, "/body/label", "must be a string"},
    {"creators.update", {{"/followed", true}}, "/body/followed", "not a known field"},
    {"creators.list", {{"/limit", 0}}, "/body/limit", "integer from 1 to 1000"},
    {"creators.list", {{"/limit", 1001}}, "/body/limit", "1 to 1000"},
    {"creators.list", {{"/cursor", ""}}, "/body/cursor", "1 to 200 characters"},
    {"creators.list", {{"/cursor", s201}}, "/body/cursor", "1 to 200"},
    {"creators.list", {{"/cursor", nullptr}}, "/body/cursor", "must be a string"},
    {"creators.list", {{"/offset", 3}}, "/body/offset", "not a known field"},
    // summary.get
    {"summary.get", {{"/days", 0}}, "/body/days", "integer from 1 to 366"},
    {"summary.get", {{"/days", 367}}, "/body/days", "1 to 366"},
    {"summary.get", {{"/until", "2026-02-30"}}, "/body/until", "real date written YYYY-MM-DD"},
    {"summary.get", {{"/until", "2026-1-5"}}, "/body/until", "YYYY-MM-DD"},
    {"summary.get", {{"/until", "20261125"}}, "/body/until", "YYYY-MM-DD"},
    {"summary.get", {{"/until", "2026-11-25T00:00"}}, "/body/until", "YYYY-MM-DD"},
    {"summary.get", {{"/until", 20261125}}, "/body/until", "YYYY-MM-DD"},
    {"summary.get", {{"/from", "2026-11-01"}}, "/body/from", "not a known field"},
    // The dispatcher used to answer these with dates like "-0001-01-01".
    {"summary.get", {{"/until", "0000-01-01"}, {"/days", 2}}, "/body/days", "before 0000-01-01"},
    {"summary.get", {{"/until", "0000-12-30"}, {"/days", 366}}, "/body/days", "before 0000-01-01"},
    // checkin.record
    {"checkin.record", {{"/date", kRemove}}, "/body/date", "required"},
    {"checkin.record", {{"/date", "2026-13-01"}}, "/body/date", "YYYY-MM-DD"},
    {"checkin.record", {{"/social_min", kRemove}}, "/body/social_min", "required"},
    {"checkin.record", {{"/social_min", -1}}, "/body/social_min", "integer from 0 to 1440"},
    {"checkin.record", {{"/social_min", 1441}}, "/body/social_min", "0 to 1440"},
    {"checkin.record", {{"/lonely", 0}}, "/body/lonely", "integer from 1 to 3"},
    {"checkin.record", {{"/lonely", 4}}, "/body/lonely", "1 to 3"},
    {"checkin.record", {{"/felt", "bored"}}, "/body/felt", "one of chosen, autopilot, hard_to_stop"},
    {"checkin.record", {{"/opinion_lean", 0}}, "/body/opinion_lean", "integer from 1 to 5"},
    {"checkin.record", {{"/opinion_lean", 6}}, "/body/opinion_lean", "1 to 5"},
    {"checkin.record", {{"/plan", s501}}, "/body/plan", "at most 500 characters"},
    {"checkin.record", {{"/note", code_points(501)}}, "/body/note", "at most 500"},
    {"checkin.record", {{"/mood", 3}}, "/body/mood", "not a known field"},
    // data.erase, settings.*
    {"data.erase", {{"/confirm", "yes"}}, "/body/confirm", "must be \"erase-all\""},
    {"data.erase", {{"/confirm", kRemove}}, "/body/confirm", "required"},
    {"data.erase", {{"/force", true}}, "/body/force", "not a known field"},
    {"settings.get", {{"/keys", json::array()}}, "/body/keys", "settings.get takes an empty body"},
    {"settings.set", {{"/settings", kRemove}}, "/body/settings", "required"},
    {"settings.set", {{"/settings", "all"}}, "/body/settings", "must be an object"},
    {"settings.set", {{"/merge", true}}, "/body/merge", "not a known field"},
};
// clang-format on

}  // namespace

TEST_CASE("every valid body decodes") {
    for (const std::string type :
         {"hello", "activity.record", "creators.follow", "creators.unfollow", "creators.update",
          "creators.list", "summary.get", "checkin.record", "data.erase", "settings.get",
          "settings.set"}) {
        CAPTURE(type);
        CHECK_NOTHROW(decode(type, valid_body(type)));
    }
}

TEST_CASE("every validation rule names its field and rule") {
    for (const Case& c : kCases) {
        const json body = patched(c);
        INFO(c.type << " " << body.dump());
        const auto e = expect_error([&] { decode(c.type, body); });
        CHECK(e.code() == ErrorCode::invalid);
        CHECK(e.path() == c.path);
        CHECK_THAT(e.what(), Catch::Contains(c.words));
    }
}

TEST_CASE("boundary values are accepted") {
    json span = valid_span();
    span["start"] = kNow - 86'400'000 + 600'000;
    span["end"] = kNow + 600'000;
    span["label"] = code_points(200);
    span["handle"] = code_points(128);
    span["id"] = std::string(64, 'Z');
    span["utc_offset_min"] = -840;
    json connection = valid_span();
    connection["kind"] = "connection";
    connection["handle"] = "";
    connection.erase("label");
    connection["attention"] = "audible";
    json mark = valid_mark();
    mark.erase("count");
    mark["what"] = "spend";
    const auto record =
        decode_activity_record({{"spans", {span, connection}}, {"marks", {mark}}}, kNow);
    REQUIRE(record.spans.size() == 2);
    CHECK(record.spans[0].label == code_points(200));
    CHECK(record.spans[0].end == kNow + 600'000);
    CHECK(record.spans[1].kind == core::SpanKind::connection);
    CHECK(record.spans[1].handle.empty());
    CHECK(record.spans[1].attention == core::Attention::audible);
    REQUIRE(record.marks.size() == 1);
    CHECK(record.marks[0].count == 1);
    CHECK(record.marks[0].what == core::MarkWhat::spend);

    const auto zero = decode_activity_record({{"marks", {valid_mark()}}}, kNow);
    CHECK(zero.spans.empty());
    CHECK(zero.marks[0].count == 3);
}

TEST_CASE("summary.get reaches back to 0000-01-01 and no further") {
    // Year 0 is a leap year: 366 days ending 0000-12-31 start on 0000-01-01.
    const auto request = decode_summary({{"until", "0000-12-31"}, {"days", 366}});
    CHECK(request.until->plus_days(1 - request.days).to_string() == "0000-01-01");
    CHECK(decode_summary({{"until", "0000-01-01"}, {"days", 1}}).days == 1);
}

TEST_CASE("hello's extension version takes the schema's characters") {
    CHECK(decode_hello(
              {{"protocol", 1}, {"extension", {{"version", "1.0.0-rc.1+b7"}, {"browser", "edge"}}}})
              .extension_version == "1.0.0-rc.1+b7");
}

TEST_CASE("activity.record holds 1 to 1000 items in all") {
    const json span = valid_span();
    const json mark = valid_mark();
    CHECK(decode_activity_record({{"spans", json(std::vector<json>(600, span))},
                                  {"marks", json(std::vector<json>(400, mark))}},
                                 kNow)
              .spans.size() == 600);
    const auto too_many = expect_error([&] {
        decode_activity_record({{"spans", json(std::vector<json>(600, span))},
                                {"marks", json(std::vector<json>(401, mark))}},
                               kNow);
    });
    CHECK(too_many.path() == "/body");
    CHECK_THAT(too_many.what(), Catch::Contains("not 1001"));
    const auto long_list = expect_error([&] {
        decode_activity_record({{"spans", json(std::vector<json>(1001, span))}}, kNow);
    });
    CHECK(long_list.path() == "/body/spans");
}

TEST_CASE("a fault deep in the batch points at its index") {
    json body = valid_body("activity.record");
    for (int i = 0; i < 4; ++i) body["spans"].push_back(valid_span());
    body["spans"][3]["end"] = kNow - 700'000;
    const auto e = expect_error([&] { decode_activity_record(body, kNow); });
    CHECK(e.path() == "/body/spans/3/end");
    CHECK(std::string(e.what()) == "body.spans[3].end: must not be earlier than start");
}

TEST_CASE("optional fields take their defaults") {
    CHECK(decode_creator_list(json::object()).limit == 200);
    CHECK_FALSE(decode_creator_list(json::object()).cursor);
    CHECK(decode_summary(json::object()).days == 7);
    CHECK_FALSE(decode_summary(json::object()).until);
    CHECK(decode_summary(valid_body("summary.get")).until == core::LocalDate{2026, 11, 25});

    const auto hello = decode_hello(valid_body("hello"));
    CHECK(hello.protocol == 1);
    CHECK(hello.extension_version == "0.3.1");
    CHECK(hello.browser == "chromium");

    const auto checkin = decode_checkin({{"date", "2024-02-29"}, {"social_min", 0}});
    CHECK(checkin.checkin.date == core::LocalDate{2024, 2, 29});
    CHECK_FALSE(checkin.checkin.lonely);
    CHECK_FALSE(checkin.checkin.felt);
    const auto full = decode_checkin(valid_body("checkin.record"));
    CHECK(full.checkin.felt == core::Felt::chosen);
    CHECK(full.checkin.plan == "call Sam");
    CHECK(full.checkin.note == "");
}

TEST_CASE("creators.update tells 'not given' from 'clear the budget'") {
    const json key = {{"platform", "youtube"}, {"handle", "@a"}};
    CHECK_FALSE(decode_creator_update(key).daily_budget_min.has_value());
    json clear = key;
    clear["daily_budget_min"] = nullptr;
    const auto cleared = decode_creator_update(clear);
    REQUIRE(cleared.daily_budget_min.has_value());
    CHECK_FALSE(cleared.daily_budget_min->has_value());
    const auto set = decode_creator_update(valid_body("creators.update"));
    CHECK(set.daily_budget_min == std::optional<std::optional<int>>(30));
    CHECK(set.key == core::CreatorKey{"youtube", "@a"});
    CHECK(decode_creator_follow(key).label == std::nullopt);
}

}  // namespace parasol::protocol
