// nudges.poll, nudges.respond and reflection.get through the dispatcher, over
// an in-memory database and a clock the test moves.
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/local_date.hpp"
#include "service/dispatcher.hpp"
#include "store/database.hpp"

namespace parasol::service {
namespace {

using core::kMsPerHour;
using core::kMsPerMinute;
using nlohmann::json;

constexpr int kOffset = 60;
const core::LocalDate kDay0{2026, 11, 2};  // a Monday

core::Instant at(int day, int hour, int minute = 0) {
    return core::local_midnight(kDay0.plus_days(day), kOffset) + hour * kMsPerHour +
           minute * kMsPerMinute;
}

class MovableClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override { return now; }
    [[nodiscard]] int utc_offset_min(core::Instant /*at*/) const override { return kOffset; }
    core::Instant now = 0;
};

class Log : public store::StoreLog, public ErrorLog {
public:
    void info(const std::string& /*line*/) override {}
    void warn(const std::string& /*line*/) override {}
    void error(const std::string& line) override { errors.push_back(line); }
    std::vector<std::string> errors;
};

struct Host {
    MovableClock clock;
    Log log;
    std::unique_ptr<store::Database> db = store::Database::open(":memory:", log);
    Deps deps{clock, *db, "0.0.0-test"};
    Dispatcher dispatcher{deps, log};

    json ask(const std::string& type, const json& body = json::object()) {
        const json request = {{"id", "t-1"}, {"type", type}, {"body", body}};
        return json::parse(dispatcher.handle(request.dump()));
    }
    json ok(const std::string& type, const json& body = json::object()) {
        const json reply = ask(type, body);
        INFO(reply.dump());
        REQUIRE(reply["ok"] == true);
        return reply["body"];
    }
    json poll() { return ok("nudges.poll")["nudges"]; }

    // `minutes` with a creator from 10:00 on days 0..last.
    void record_days(int last, int minutes = 30) {
        clock.now = at(last, 12);
        json spans = json::array();
        for (int day = 0; day <= last; ++day) {
            spans.push_back({{"id", "span-day-" + std::to_string(day)},
                             {"kind", "creator"},
                             {"platform", "youtube"},
                             {"handle", "alicetalks"},
                             {"label", "Alice Talks"},
                             {"start", at(day, 10)},
                             {"end", at(day, 10) + minutes * kMsPerMinute},
                             {"utc_offset_min", kOffset},
                             {"attention", "focused"}});
        }
        ok("activity.record", {{"spans", spans}});
    }

    store::Database::ContentVersion version() {
        store::Database::ContentVersion v;
        db->read([&](SQLite::Database&) { v = db->content_version(); });
        return v;
    }
};

}  // namespace

TEST_CASE("a fresh host has nothing to hand out, and writes nothing", "[service][nudges]") {
    Host host;
    host.clock.now = at(0, 12);
    const auto before = host.version();
    CHECK(host.poll() == json::array());
    CHECK(host.version() == before);
    CHECK(host.deps.nudges.history().empty());
}

TEST_CASE("in the learning period a poll writes nothing", "[service][nudges]") {
    Host host;
    host.record_days(6);
    const auto before = host.version();
    CHECK(host.poll() == json::array());
    CHECK(host.version() == before);
}

TEST_CASE("day 8 hands out the first_week card once, with its choices", "[service][nudges]") {
    Host host;
    host.record_days(7);
    const json nudges = host.poll();
    REQUIRE(nudges.size() == 1);
    const json& n = nudges[0];
    CHECK(n["rule"] == "first_week");
    CHECK(n["created_at"] == at(7, 12));
    CHECK(n["creator"].is_null());
    CHECK_FALSE(n["title"].get<std::string>().empty());
    CHECK_FALSE(n["message"].get<std::string>().empty());
    const std::string id = n["id"];
    CHECK(id.size() == 18);
    CHECK(id.rfind("n-", 0) == 0);
    REQUIRE(n["choices"].is_array());
    CHECK(n["choices"].size() >= 1);
    CHECK(n["choices"].size() <= 3);

    // The second browser polling right after gets nothing, and nothing is written.
    host.clock.now += 1000;
    const auto before = host.version();
    CHECK(host.poll() == json::array());
    CHECK(host.version() == before);

    const auto stored = host.deps.nudges.history();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].delivered_at == at(7, 12));
}

TEST_CASE("respond records the answer; a second replaces it", "[service][nudges]") {
    Host host;
    host.record_days(7);
    const std::string id = host.poll()[0]["id"];
    host.clock.now += kMsPerMinute;
    CHECK(host.ok("nudges.respond", {{"id", id}, {"action", "helpful"}}) == json::object());
    CHECK(host.deps.nudges.find(id)->record.response == core::nudges::NudgeAction::helpful);
    CHECK(host.ok("nudges.respond", {{"id", id}, {"action", "unhelpful"}}) == json::object());
    CHECK(host.deps.nudges.find(id)->record.response == core::nudges::NudgeAction::unhelpful);
}

TEST_CASE("respond with snooze_min snoozes every nudge for that long", "[service][nudges]") {
    Host host;
    host.record_days(7);
    const std::string id = host.poll()[0]["id"];
    CHECK(host.ok("nudges.respond", {{"id", id}, {"action", "snoozed"}, {"snooze_min", 90}}) ==
          json::object());
    const json settings = host.ok("settings.get")["settings"];
    CHECK(settings["nudges"]["snoozed_until"] == at(7, 12) + 90 * kMsPerMinute);
}

TEST_CASE("respond to a nudge never handed out is not_found", "[service][nudges]") {
    Host host;
    host.record_days(7);
    host.clock.now = at(7, 23);  // quiet hours: the card is created but held
    CHECK(host.poll() == json::array());
    const auto held = host.deps.nudges.history();
    REQUIRE(held.size() == 1);
    CHECK(held[0].held());
    for (const std::string& id : {held[0].id, std::string("n-42")}) {
        const json reply = host.ask("nudges.respond", {{"id", id}, {"action", "helpful"}});
        CHECK(reply["ok"] == false);
        CHECK(reply["error"]["code"] == "not_found");
        CHECK_FALSE(reply["error"].contains("path"));
    }
    // Handed out at the first poll after quiet hours.
    host.clock.now = at(8, 8);
    const json nudges = host.poll();
    REQUIRE(nudges.size() == 1);
    CHECK(nudges[0]["id"] == held[0].id);
    CHECK(nudges[0]["created_at"] == at(7, 23));
    CHECK(host.ok("nudges.respond", {{"id", held[0].id}, {"action", "dismissed"}}) ==
          json::object());
}

TEST_CASE("a held nudge is dropped after 24 h", "[service][nudges]") {
    Host host;
    host.record_days(7);
    host.clock.now = at(7, 23);
    CHECK(host.poll() == json::array());
    json snooze = {{"nudges", {{"snoozed_until", at(9, 0)}}}};
    host.ok("settings.set", {{"settings", snooze}});
    host.clock.now = at(8, 23);
    CHECK(host.poll() == json::array());
    const auto stored = host.deps.nudges.history();
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].dropped_at == at(8, 23));
}

TEST_CASE("nudges.poll takes an empty body; respond checks its fields", "[service][nudges]") {
    Host host;
    host.clock.now = at(0, 12);
    json reply = host.ask("nudges.poll", {{"all", true}});
    CHECK(reply["error"]["code"] == "invalid");
    CHECK(reply["error"]["path"] == "/body/all");
    reply = host.ask("nudges.respond", {{"id", "n-1"}, {"action", "dismissed"}, {"snooze_min", 5}});
    CHECK(reply["error"]["path"] == "/body/snooze_min");
    CHECK(host.log.errors.empty());
}

TEST_CASE("hello announces nudges and reflection.get", "[service][nudges]") {
    Host host;
    const json body = host.ok(
        "hello", {{"protocol", 1}, {"extension", {{"version", "0.3.1"}, {"browser", "firefox"}}}});
    std::vector<std::string> features = body["features"];
    for (const char* name : {"nudges", "nudges.poll", "nudges.respond", "reflection.get"}) {
        INFO(name);
        CHECK(std::count(features.begin(), features.end(), name) == 1);
    }
}

TEST_CASE("reflection.get: the week, four weeks of trend, the week's nudges", "[service][nudges]") {
    Host host;
    host.record_days(13);
    host.clock.now = at(13, 12);
    host.poll();  // nothing or the card: what matters is the reply's shape
    host.ok("checkin.record", {{"date", kDay0.plus_days(12).to_string()},
                               {"social_min", 40},
                               {"felt", "chosen"},
                               {"lonely", 1}});
    const json r = host.ok("reflection.get");
    CHECK(r["to"] == kDay0.plus_days(13).to_string());
    CHECK(r["from"] == kDay0.plus_days(7).to_string());
    CHECK(r["headline"]["creator_s"] == 7 * 30 * 60);
    CHECK(r["headline"]["connection_min"] == 40);
    REQUIRE(r["weeks"].size() == 4);
    CHECK(r["weeks"][3]["creator_s"] == 7 * 30 * 60);
    CHECK(r["weeks"][2]["creator_s"] == 7 * 30 * 60);
    CHECK(r["weeks"][1]["creator_s"] == 0);
    CHECK(r["weeks"][1]["ratio"].is_null());
    CHECK(r["weeks"][2]["ratio"] == 1.0);
    REQUIRE(r["top_creators"].size() == 1);
    CHECK(r["top_creators"][0]["label"] == "Alice Talks");
    CHECK(r["checkin"]["social_min"] == 40);
    CHECK(r["goal"]["daily_goal_min"].is_null());
    CHECK(r["tuning"].size() == 2);  // chosen + hardly ever lonely: R1 and R3 eased

    const json earlier = host.ok("reflection.get", {{"until", kDay0.plus_days(6).to_string()}});
    CHECK(earlier["headline"]["creator_s"] == 7 * 30 * 60);
    CHECK(earlier["checkin"].is_null());
    CHECK(earlier["nudges"] == json::array());
    const json bad = host.ask("reflection.get", {{"until", "2026-13-01"}});
    CHECK(bad["error"]["path"] == "/body/until");
}

TEST_CASE("a connection drought after 'often lonely' twice also offers the support page",
          "[service][nudges]") {
    for (const bool lonely : {false, true}) {
        INFO("often lonely: " << lonely);
        Host host;
        host.record_days(9, 70);  // over an hour a day, no connection time at all
        for (int day : {3, 6}) {
            host.ok("checkin.record", {{"date", kDay0.plus_days(day).to_string()},
                                       {"social_min", 0},
                                       {"lonely", lonely ? 3 : 1}});
        }
        REQUIRE(host.poll().at(0)["rule"] == "first_week");
        host.clock.now += 10 * kMsPerMinute;
        const json nudges = host.poll();
        INFO(nudges.dump());
        REQUIRE(nudges.size() == 1);
        REQUIRE(nudges[0]["rule"] == "R2");
        const json& last = nudges[0]["choices"].back();
        CHECK((last.value("follow_up", "") == "open_support") == lonely);
        CHECK(nudges[0]["choices"].size() <= 3);
    }
}

}  // namespace parasol::service
