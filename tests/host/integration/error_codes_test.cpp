// Every error code of PROTOCOL.md, reached from outside through the real
// binary: what a browser (or a broken one) can actually send.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <set>

#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

constexpr std::size_t kMaxParsedFrame = 8 * 1024 * 1024;
constexpr std::size_t kMaxReply = 1024 * 1024;

void check_error(const json& reply, const json& id, const std::string& code) {
    INFO("reply " << reply.dump());
    CHECK(reply["ok"] == false);
    CHECK(reply["id"] == id);
    CHECK(reply["error"]["code"] == code);
    CHECK(!reply["error"].value("message", "").empty());
}

// A request of exactly `size` bytes: a hello padded with spaces, which JSON
// ignores, so only its size can make it fail.
std::string padded_hello(std::size_t size) {
    std::string payload = request("big", "hello", hello_body()).dump();
    REQUIRE(payload.size() < size);
    payload.insert(payload.size() - 1, size - payload.size(), ' ');
    return payload;
}

std::string length_bytes(std::uint32_t n) {
    std::string bytes(4, '\0');
    for (std::size_t i = 0; i < 4; ++i) bytes[i] = static_cast<char>((n >> (8 * i)) & 0xFFU);
    return bytes;
}

// The test process's own connection to the host's database, used to hold
// the write lock the way a second browser's host mid-commit would.
class LockHolder {
public:
    explicit LockHolder(const std::filesystem::path& file) {
        REQUIRE(sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        exec("BEGIN EXCLUSIVE");
    }
    ~LockHolder() { sqlite3_close(db_); }
    LockHolder(const LockHolder&) = delete;
    LockHolder& operator=(const LockHolder&) = delete;
    void release() { exec("ROLLBACK"); }

private:
    void exec(const char* sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
        INFO(sql << ": " << (error != nullptr ? error : "ok"));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
    sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("a frame that is not one UTF-8 JSON object gets bad_json, id null, and the host goes on",
          "[protocol][errors]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::vector<std::pair<std::string, std::string>> payloads = {
        {"not JSON", "{not json"},
        {"an array", "[1, 2]"},
        {"a string", "\"hello\""},
        {"a number", "42"},
        {"empty", ""},
        {"trailing bytes", R"({"id": "r1", "type": "hello"} trailing)"},
        {"two objects", R"({"id": "r1"}{"id": "r2"})"},
        {"bad UTF-8", "{\"id\": \"r1\", \"type\": \"hel\xff\xfelo\"}"},
        {"cut off", R"({"id": "r1", "type": "hel)"},
    };
    for (const auto& [name, payload] : payloads) {
        INFO(name);
        host->send_raw(payload);
        check_error(host->read_reply(), nullptr, "bad_json");
    }
    CHECK(host->call_ok("hello", hello_body())["protocol"] == 1);
}

TEST_CASE("a frame over 8 MiB is drained and answered too_large, and the host goes on",
          "[protocol][errors][frames]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();

    host->send_raw(padded_hello(kMaxParsedFrame + 1));
    check_error(host->read_reply(), nullptr, "too_large");
    CHECK(host->call_ok("hello", hello_body())["protocol"] == 1);

    // Exactly at the cap it is parsed and answered like any request.
    host->send_raw(padded_hello(kMaxParsedFrame));
    const json reply = host->read_reply();
    CHECK(reply["id"] == "big");
    CHECK(reply["ok"] == true);
}

TEST_CASE("an impossible frame length is answered bad_frame, then the host exits 2",
          "[protocol][errors][frames]") {
    const std::uint32_t length = GENERATE(0xFFFFFFFFU, 64U * 1024 * 1024 + 1);
    INFO("length " << length);
    Sandbox sandbox;
    auto host = sandbox.start_host();
    CHECK(host->call_ok("hello", hello_body())["protocol"] == 1);
    host->write_bytes(length_bytes(length));
    check_error(host->read_reply(), nullptr, "bad_frame");
    const auto status = host->wait_exit(std::chrono::seconds(10));
    REQUIRE(status.has_value());
    CHECK(status->exited);
    CHECK(status->code == 2);
}

TEST_CASE("invalid requests are answered invalid with the JSON Pointer of the field",
          "[protocol][errors]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t now = now_ms();
    const std::int64_t t = utc_midnight(now) - kDay + 10 * kHour;
    const json good = creator_span("valid-span-01", "youtube", "alice", t, t + kMinute);
    auto with = [&](const std::string& key, const json& value) {
        json span = good;
        span[key] = value;
        return span;
    };
    json too_many = json::array();
    for (int i = 0; i < 1001; ++i) {
        too_many.push_back(
            creator_span("many-span-" + std::to_string(i), "youtube", "alice", t, t + kSecond));
    }

    struct Case {
        std::string name;
        std::string payload;
        json id;           // expected in the reply
        std::string path;  // "" where PROTOCOL.md leaves the pointer open
    };
    auto req = [](const std::string& type, const json& body) {
        return request("r-1", type, body).dump();
    };
    const std::vector<Case> cases = {
        {"missing id", json({{"type", "hello"}, {"body", hello_body()}}).dump(), nullptr, "/id"},
        {"id with a space", request("r 1", "hello", hello_body()).dump(), nullptr, "/id"},
        {"id too long", request(std::string(65, 'a'), "hello", hello_body()).dump(), nullptr,
         "/id"},
        {"id not a string", json({{"id", 7}, {"type", "hello"}, {"body", hello_body()}}).dump(),
         nullptr, "/id"},
        {"unknown envelope field",
         json({{"id", "r-1"}, {"type", "hello"}, {"body", hello_body()}, {"extra", 1}}).dump(),
         "r-1", "/extra"},
        {"missing type", json({{"id", "r-1"}}).dump(), "r-1", "/type"},
        {"body not an object", req("summary.get", json::array()), "r-1", "/body"},
        {"span end before start", req("activity.record", spans_body({with("end", t - kMinute)})),
         "r-1", "/body/spans/0/end"},
        {"second span bad, first good (all or nothing)",
         req("activity.record",
             spans_body({good, creator_span("bad-span-0002", "youtube", "bob", t, t - 1)})),
         "r-1", "/body/spans/1/end"},
        {"span end in the future",
         req("activity.record", spans_body({with("end", now + 11 * kMinute)})), "r-1",
         "/body/spans/0/end"},
        {"span over 24 h", req("activity.record", spans_body({with("end", t + kDay + 1)})), "r-1",
         "/body/spans/0/end"},
        {"span id too short", req("activity.record", spans_body({with("id", "abc")})), "r-1",
         "/body/spans/0/id"},
        {"span id with a dot", req("activity.record", spans_body({with("id", "abc.defgh")})), "r-1",
         "/body/spans/0/id"},
        {"unknown kind", req("activity.record", spans_body({with("kind", "friend")})), "r-1",
         "/body/spans/0/kind"},
        {"platform upper case", req("activity.record", spans_body({with("platform", "YouTube")})),
         "r-1", "/body/spans/0/platform"},
        {"handle too long",
         req("activity.record", spans_body({with("handle", std::string(129, 'h'))})), "r-1",
         "/body/spans/0/handle"},
        {"connection span naming someone", req("activity.record", spans_body({[&] {
                                                   json s = connection_span(
                                                       "conn-span-01", "whatsapp", t, t + kMinute);
                                                   s["handle"] = "mum";
                                                   return s;
                                               }()})),
         "r-1", "/body/spans/0/handle"},
        {"offset out of range", req("activity.record", spans_body({with("utc_offset_min", 841)})),
         "r-1", "/body/spans/0/utc_offset_min"},
        {"unknown attention", req("activity.record", spans_body({with("attention", "asleep")})),
         "r-1", "/body/spans/0/attention"},
        {"unknown span field", req("activity.record", spans_body({with("colour", "red")})), "r-1",
         "/body/spans/0/colour"},
        {"start not an integer", req("activity.record", spans_body({with("start", 1.5)})), "r-1",
         "/body/spans/0/start"},
        {"empty batch", req("activity.record", spans_body(json::array())), "r-1", ""},
        {"1001 items", req("activity.record", spans_body(too_many)), "r-1", ""},
        {"mark count 0",
         req("activity.record", {{"marks", {mark("mark-zero-01", "chat", "twitch", "bob", t, 0)}}}),
         "r-1", "/body/marks/0/count"},
        {"mark in the future",
         req("activity.record",
             {{"marks", {mark("mark-late-01", "spend", "twitch", "bob", now + 11 * kMinute)}}}),
         "r-1", "/body/marks/0/at"},
        {"summary of 0 days", req("summary.get", {{"days", 0}}), "r-1", "/body/days"},
        {"summary of 367 days", req("summary.get", {{"days", 367}}), "r-1", "/body/days"},
        {"summary until no such date", req("summary.get", {{"until", "2026-02-30"}}), "r-1",
         "/body/until"},
        {"checkin of 1441 minutes",
         req("checkin.record", {{"date", "2026-01-05"}, {"social_min", 1441}}), "r-1",
         "/body/social_min"},
        {"checkin feeling unknown",
         req("checkin.record", {{"date", "2026-01-05"}, {"social_min", 5}, {"felt", "meh"}}), "r-1",
         "/body/felt"},
        {"checkin without a date", req("checkin.record", {{"social_min", 5}}), "r-1", "/body/date"},
        {"follow with an empty handle",
         req("creators.follow", {{"platform", "youtube"}, {"handle", ""}}), "r-1", "/body/handle"},
        {"budget over a day",
         req("creators.update",
             {{"platform", "youtube"}, {"handle", "alice"}, {"daily_budget_min", 1441}}),
         "r-1", "/body/daily_budget_min"},
        {"list limit 0", req("creators.list", {{"limit", 0}}), "r-1", "/body/limit"},
        {"list limit 1001", req("creators.list", {{"limit", 1001}}), "r-1", "/body/limit"},
        {"unknown browser",
         req("hello",
             {{"protocol", 1}, {"extension", {{"version", "1"}, {"browser", "netscape"}}}}),
         "r-1", "/body/extension/browser"},
        {"settings.get with a body field", req("settings.get", {{"verbose", true}}), "r-1",
         "/body/verbose"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        host->send_raw(c.payload);
        const json reply = host->read_reply();
        check_error(reply, c.id, "invalid");
        if (!c.path.empty()) CHECK(reply["error"].value("path", "(none)") == c.path);
    }

    // A request is all or nothing: none of the rejected spans went in.
    const json summary = host->call_ok("summary.get", {{"days", 7}});
    CHECK(summary["totals"]["creator_s"] == 0);
    CHECK(host->call_ok("creators.list")["creators"].empty());
}

TEST_CASE("a type this host does not know gets unknown_type with the request's id",
          "[protocol][errors]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    // Near misses of real types must be refused, not guessed at.
    for (const char* type : {"nudges.pol", "Nudges.poll", "nudges", "frobnicate", "HELLO", ""}) {
        INFO("type '" << type << "'");
        const json reply = host->call(type);
        check_error(reply, reply["id"], "unknown_type");
    }
}

TEST_CASE("hello asking for a protocol this host lacks gets unsupported_protocol",
          "[protocol][errors][hello]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json reply = host->call("hello", hello_body(2));
    check_error(reply, reply["id"], "unsupported_protocol");
    CHECK(host->call_ok("hello", hello_body(1))["protocol"] == 1);
}

TEST_CASE("naming a creator the host has never seen gets not_found and creates nothing",
          "[protocol][errors][creators]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json key = {{"platform", "youtube"}, {"handle", "nobody"}};
    json update = key;
    update["label"] = "No One";
    for (const auto& [type, body] : std::vector<std::pair<std::string, json>>{
             {"creators.unfollow", key}, {"creators.update", update}, {"creators.forget", key}}) {
        INFO(type);
        const json reply = host->call(type, body);
        check_error(reply, reply["id"], "not_found");
    }
    CHECK(host->call_ok("creators.list")["creators"].empty());
}

TEST_CASE(
    "a write while another process holds the database lock is answered unavailable, "
    "and the retry succeeds",
    "[protocol][errors][slow]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    host->call_ok("hello", hello_body());  // the database now exists
    const std::int64_t t = utc_midnight(now_ms()) - kDay + 10 * kHour;
    const json batch =
        spans_body({creator_span("locked-span-1", "youtube", "alice", t, t + kHour)});
    const json query = {{"days", 1}, {"until", utc_date(t)}};

    LockHolder lock(sandbox.database());
    // Reads don't need the write lock (WAL): the popup keeps working.
    CHECK(host->call_ok("summary.get", query)["totals"]["creator_s"] == 0);
    // The host waits its busy timeout (5 s) and then gives up, changing nothing.
    const json reply = host->call("activity.record", batch);
    check_error(reply, reply["id"], "unavailable");
    lock.release();

    CHECK(host->call_ok("summary.get", query)["totals"]["creator_s"] == 0);
    CHECK(host->call_ok("activity.record", batch)["stored"] == 1);
    CHECK(host->call_ok("summary.get", query)["totals"]["creator_s"] == 3600);
}

TEST_CASE("replies stay under 1 MiB: a year with 3,000 creators is capped and paged",
          "[protocol][limits]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    constexpr int kCreators = 3000;
    // Long handles and labels, to make each entry as large as the wire allows.
    auto handle_of = [](int i) {
        std::string h = "creator-" + std::to_string(i) + "-";
        h.resize(128, 'h');
        return h;
    };
    const std::int64_t first_day = utc_midnight(now_ms()) - 365 * kDay;
    json spans = json::array();
    for (int i = 0; i < kCreators; ++i) {
        // Spread over the year without overlaps: 3000 creators, ~8 a day.
        const std::int64_t start = first_day + (i % 365) * kDay + (i / 365) * kHour;
        json span = creator_span("year-span-" + std::to_string(i), "youtube", handle_of(i), start,
                                 start + (1 + i % 50) * kMinute);
        span["label"] = std::string(200, 'L');
        spans.push_back(std::move(span));
        if (spans.size() == 1000) {
            REQUIRE(host->call_ok("activity.record", spans_body(spans))["stored"] == 1000);
            spans = json::array();
        }
    }
    for (int i = 0; i < kCreators; i += 7) {
        host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", handle_of(i)}});
    }

    SECTION("summary.get over 366 days lists the top 50 and adds up the rest") {
        host->send(request("year", "summary.get", {{"days", 366}}));
        const auto payload = host->read_frame();
        REQUIRE(payload.has_value());
        CHECK(payload->size() <= kMaxReply);
        const json body = json::parse(*payload)["body"];
        CHECK(body["days"].size() == 366);
        REQUIRE(body["creators"].size() == 50);
        std::int64_t listed = 0;
        for (const auto& c : body["creators"]) listed += c["seconds"].get<std::int64_t>();
        CHECK(body["others_s"].get<std::int64_t>() > 0);
        // No overlaps and whole minutes: the parts add up exactly.
        CHECK(listed + body["others_s"].get<std::int64_t>() == body["totals"]["creator_s"]);
        CHECK(body["creators"][0]["seconds"] == 50 * 60);
        CHECK(body["creators"][49]["seconds"] <= body["creators"][0]["seconds"]);
    }

    SECTION("creators.list with limit 1000 stays under 1 MiB and pages through all 3,000") {
        std::set<std::string> seen;
        json cursor = nullptr;
        int pages = 0;
        bool followed_phase = true;
        do {
            json body = {{"limit", 1000}};
            if (!cursor.is_null()) body["cursor"] = cursor;
            host->send(request("page", "creators.list", body));
            const auto payload = host->read_frame();
            REQUIRE(payload.has_value());
            CHECK(payload->size() <= kMaxReply);
            const json reply = json::parse(*payload);
            REQUIRE(reply["ok"] == true);
            for (const auto& c : reply["body"]["creators"]) {
                seen.insert(c["handle"].get<std::string>());
                if (!c["followed"].get<bool>()) followed_phase = false;
                // Followed creators all come before the rest.
                if (!followed_phase) CHECK_FALSE(c["followed"].get<bool>());
            }
            cursor = reply["body"]["next_cursor"];
            REQUIRE(++pages <= kCreators);
        } while (!cursor.is_null());
        CHECK(seen.size() == static_cast<std::size_t>(kCreators));
        CHECK(pages >= 3);
    }
}

TEST_CASE("requests sent together are answered in order, exactly one reply each",
          "[protocol][frames]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    auto frame = [](const std::string& payload) {
        return length_bytes(static_cast<std::uint32_t>(payload.size())) + payload;
    };
    // Written in one go, as a browser may queue them.
    host->write_bytes(frame(request("a-1", "hello", hello_body()).dump()) + frame("{oops") +
                      frame(request("a-3", "nudges.snooze", json::object()).dump()) +
                      frame(request("a-4", "summary.get", {{"days", 0}}).dump()) +
                      frame(request("a-5", "settings.get", json::object()).dump()));
    const std::vector<std::pair<json, std::string>> expected = {{"a-1", ""},
                                                                {nullptr, "bad_json"},
                                                                {"a-3", "unknown_type"},
                                                                {"a-4", "invalid"},
                                                                {"a-5", ""}};
    for (const auto& [id, code] : expected) {
        const json reply = host->read_reply();
        INFO(reply.dump());
        CHECK(reply["id"] == id);
        CHECK(reply["ok"] == code.empty());
        if (!code.empty()) CHECK(reply["error"]["code"] == code);
    }
    host->close_stdin();
    CHECK_FALSE(host->read_frame().has_value());  // nothing more
}
