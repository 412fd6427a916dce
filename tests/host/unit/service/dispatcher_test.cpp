// The dispatcher over an in-memory database and a fixed clock: JSON in, JSON
// out, as the host answers. Regression cases for what fuzzing the dispatcher
// (tests/fuzz/fuzz_dispatch.cpp) and probing it by hand turned up.
#include "service/dispatcher.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "protocol/frame_reader.hpp"
#include "store/database.hpp"

namespace parasol::service {
namespace {

using nlohmann::json;

class FixedClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override { return 1'795'000'000'000; }
    [[nodiscard]] int utc_offset_min(core::Instant /*at*/) const override { return 60; }
};

class Log : public store::StoreLog, public ErrorLog {
public:
    void info(const std::string& /*line*/) override {}
    void warn(const std::string& /*line*/) override {}
    void error(const std::string& line) override { errors.push_back(line); }
    std::vector<std::string> errors;
};

struct Host {
    FixedClock clock;
    Log log;
    std::unique_ptr<store::Database> db = store::Database::open(":memory:", log);
    Deps deps{clock, *db, "0.0.0-test"};
    Dispatcher dispatcher{deps, log};

    json ask(const std::string& type, const json& body) {
        const json request = {{"id", "t-1"}, {"type", type}, {"body", body}};
        return json::parse(dispatcher.handle(request.dump()));
    }

    void record_creators(int count) {
        json spans = json::array();
        for (int i = 0; i < count; ++i) {
            spans.push_back({{"id", "span-000" + std::to_string(i)},
                             {"kind", "creator"},
                             {"platform", "youtube"},
                             {"handle", "creator-" + std::to_string(i)},
                             {"start", 1'794'990'000'000},
                             {"end", 1'794'990'000'000 + (i + 1) * std::int64_t{60'000}},
                             {"utc_offset_min", 60},
                             {"attention", "focused"}});
        }
        REQUIRE(ask("activity.record", {{"spans", spans}})["ok"] == true);
    }
};

}  // namespace

TEST_CASE("creators.list: a cursor past the end is an empty last page, never a wrap-around") {
    Host host;
    host.record_creators(3);
    struct Case {
        std::string cursor;
        int limit;
        std::size_t creators;
        json next_cursor;
    };
    const std::vector<Case> cases = {
        {"0", 2, 2, "2"},
        {"2", 2, 1, nullptr},
        {"3", 1, 0, nullptr},
        {"1000", 1000, 0, nullptr},
        // offset + limit wrapped around to 0 and the reply pointed back at "0".
        {"18446744073709551615", 1, 0, nullptr},
        {"18446744073709551615", 1000, 0, nullptr},
        {"18446744073709551000", 1000, 0, nullptr},
    };
    for (const Case& c : cases) {
        CAPTURE(c.cursor, c.limit);
        const json reply = host.ask("creators.list", {{"cursor", c.cursor}, {"limit", c.limit}});
        REQUIRE(reply["ok"] == true);
        CHECK(reply["body"]["creators"].size() == c.creators);
        CHECK(reply["body"]["next_cursor"] == c.next_cursor);
    }
    // A cursor too big for any offset is one the host never handed out.
    const json reply =
        host.ask("creators.list", {{"cursor", "18446744073709551616"}, {"limit", 1}});
    CHECK(reply["error"]["code"] == "invalid");
    CHECK(reply["error"]["path"] == "/body/cursor");
    CHECK(host.log.errors.empty());
}

TEST_CASE("creators.list pages rather than pass 1 MiB, even 1000 creators with long names") {
    Host host;
    std::string wide;  // 124 code points of 3 bytes each in UTF-8
    for (int i = 0; i < 124; ++i) wide += "\u8a9e";
    const std::string label = wide + wide.substr(0, std::size_t{3} * 72);  // 196 code points
    json spans = json::array();
    for (int i = 0; i < 1000; ++i) {
        const std::string n = std::to_string(1000 + i);
        spans.push_back({{"id", "long-name-" + n},
                         {"kind", "creator"},
                         {"platform", "youtube"},
                         {"handle", wide + n},
                         {"label", label + n},
                         {"start", 1'794'990'000'000},
                         {"end", 1'794'990'060'000},
                         {"utc_offset_min", 60},
                         {"attention", "focused"}});
    }
    REQUIRE(host.ask("activity.record", {{"spans", spans}})["ok"] == true);

    std::set<std::string> seen;
    json cursor = nullptr;
    int pages = 0;
    do {
        json body = {{"limit", 1000}};
        if (!cursor.is_null()) body["cursor"] = cursor;
        const std::string reply = host.dispatcher.handle(
            json({{"id", "p"}, {"type", "creators.list"}, {"body", body}}).dump());
        CHECK(reply.size() <= protocol::kMaxReply);
        const json parsed = json::parse(reply);
        REQUIRE(parsed["ok"] == true);
        REQUIRE(!parsed["body"]["creators"].empty());
        for (const auto& c : parsed["body"]["creators"])
            seen.insert(c["handle"].get<std::string>());
        cursor = parsed["body"]["next_cursor"];
        ++pages;
    } while (!cursor.is_null() && pages < 10);
    CHECK(pages == 2);
    CHECK(seen.size() == 1000);
}

TEST_CASE("summary.get answers every date as YYYY-MM-DD, or refuses the range") {
    Host host;
    const json first_year = host.ask("summary.get", {{"until", "0000-12-31"}, {"days", 366}});
    REQUIRE(first_year["ok"] == true);
    CHECK(first_year["body"]["from"] == "0000-01-01");
    CHECK(first_year["body"]["days"][0]["date"] == "0000-01-01");

    const json before = host.ask("summary.get", {{"until", "0000-01-01"}, {"days", 366}});
    CHECK(before["error"]["code"] == "invalid");
    CHECK(before["error"]["path"] == "/body/days");
    CHECK(host.log.errors.empty());
}

TEST_CASE("the dispatcher answers every type it lists, and hello lists them") {
    Host host;
    const json hello = host.ask(
        "hello", {{"protocol", 1}, {"extension", {{"version", "0.3.1"}, {"browser", "firefox"}}}});
    REQUIRE(hello["ok"] == true);
    CHECK(hello["body"]["features"] == json(host.dispatcher.features()));
    const json unknown = host.ask("nudges.later", json::object());
    CHECK(unknown["error"]["code"] == "unknown_type");
    CHECK(unknown["id"] == "t-1");
}

}  // namespace parasol::service
