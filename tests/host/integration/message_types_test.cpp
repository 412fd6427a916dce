// Every message type, answered by the real parasol-host over real pipes.
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "support/clock.hpp"
#include "support/project_version.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

json summary(HostProcess& host, int days, const std::string& until) {
    return host.call_ok("summary.get", {{"days", days}, {"until", until}});
}

std::int64_t creator_seconds(HostProcess& host, std::int64_t day_start) {
    return summary(host, 1, utc_date(day_start))["totals"]["creator_s"].get<std::int64_t>();
}

std::size_t count_id(const std::vector<json>& export_lines, const std::string& id) {
    return static_cast<std::size_t>(
        std::count_if(export_lines.begin(), export_lines.end(), [&](const json& line) {
            return line.value("type", "") == "span" && line.value("id", "") == id;
        }));
}

std::vector<std::string> handles_of(const json& creators) {
    std::vector<std::string> handles;
    for (const auto& c : creators) handles.push_back(c["handle"].get<std::string>());
    return handles;
}

}  // namespace

TEST_CASE("hello answers with protocol 1, the host version and every type as a feature",
          "[protocol][hello]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json body = host->call_ok("hello", hello_body());
    CHECK(body["protocol"] == 1);
    CHECK(body["host"]["version"] == project_version());
    REQUIRE(body["features"].is_array());
    std::set<std::string> features;
    for (const auto& f : body["features"]) features.insert(f.get<std::string>());
    for (const char* type : {"hello", "activity.record", "creators.follow", "creators.unfollow",
                             "creators.update", "creators.list", "creators.forget", "summary.get",
                             "checkin.record", "settings.get", "settings.set", "data.erase"}) {
        INFO("feature " << type);
        CHECK(features.count(type) == 1);
    }
}

TEST_CASE("activity.record acknowledges spans and marks, and a resend is idempotent and widens",
          "[protocol][activity]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t day = utc_midnight(now_ms()) - 2 * kDay;
    const std::int64_t ten = day + 10 * kHour;

    SECTION("a batch of spans and marks is stored and counted item by item") {
        const json body = {
            {"spans",
             {creator_span("span-aaaa-1", "youtube", "alice", ten, ten + 10 * kMinute),
              connection_span("span-conn-1", "whatsapp", ten, ten + 5 * kMinute)}},
            {"marks", {mark("mark-aaaa-1", "spend", "youtube", "alice", ten + kMinute)}}};
        CHECK(host->call_ok("activity.record", body)["stored"] == 3);
        const auto lines = sandbox.export_lines();
        CHECK(count_id(lines, "span-aaaa-1") == 1);
        CHECK(count_id(lines, "span-conn-1") == 1);
    }

    SECTION("resends never double count; a wider resend widens, a stale one never shrinks") {
        auto record = [&](std::int64_t start, std::int64_t end) {
            return host->call_ok(
                "activity.record",
                spans_body({creator_span("span-open-1", "youtube", "alice", start, end)}));
        };
        CHECK(record(ten, ten + 10 * kMinute)["stored"] == 1);
        CHECK(creator_seconds(*host, day) == 600);

        CHECK(record(ten, ten + 10 * kMinute)["stored"] == 1);  // resend after a doubt
        CHECK(creator_seconds(*host, day) == 600);

        CHECK(record(ten - 5 * kMinute, ten + 20 * kMinute)["stored"] == 1);  // it grew
        CHECK(creator_seconds(*host, day) == 1500);

        CHECK(record(ten, ten + 5 * kMinute)["stored"] == 1);  // a stale, shorter copy
        CHECK(creator_seconds(*host, day) == 1500);

        CHECK(count_id(sandbox.export_lines(), "span-open-1") == 1);
    }

    SECTION("the latest label names the creator") {
        json span = creator_span("span-label-1", "youtube", "alice", ten, ten + kMinute);
        span["label"] = "Alice First";
        host->call_ok("activity.record", spans_body({span}));
        span["label"] = "Alice Renamed";
        span["end"] = ten + 2 * kMinute;
        host->call_ok("activity.record", spans_body({span}));
        const json creators = summary(*host, 1, utc_date(day))["creators"];
        REQUIRE(creators.size() == 1);
        CHECK(creators[0]["label"] == "Alice Renamed");
    }

    SECTION("the same id with another platform is invalid and changes nothing") {
        host->call_ok(
            "activity.record",
            spans_body({creator_span("span-same-1", "youtube", "alice", ten, ten + 10 * kMinute)}));
        const json reply = host->call(
            "activity.record",
            spans_body({creator_span("span-same-1", "twitch", "alice", ten, ten + 30 * kMinute)}));
        CHECK(reply["ok"] == false);
        CHECK(reply["error"]["code"] == "invalid");
        CHECK(reply["error"]["path"] == "/body/spans/0/platform");
        CHECK(creator_seconds(*host, day) == 600);
    }
}

TEST_CASE("summary.get: overlapping tabs count once, midnight splits, check-ins feed the balance",
          "[protocol][summary]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t d = utc_midnight(now_ms()) - 3 * kDay;
    const std::string day1 = utc_date(d);
    const std::string day2 = utc_date(d + kDay);

    host->call_ok(
        "activity.record",
        spans_body({
            // Two tabs on one creator, overlapping by 30 min: 1 h 30 of her, not 2 h.
            creator_span("tab-one-0001", "youtube", "alice", d + 10 * kHour, d + 11 * kHour),
            creator_span("tab-two-0001", "youtube", "alice", d + 10 * kHour + 30 * kMinute,
                         d + 11 * kHour + 30 * kMinute),
            // Across midnight: half on each day.
            creator_span("late-bob-001", "twitch", "bob", d + 23 * kHour + 30 * kMinute,
                         d + 24 * kHour + 30 * kMinute, 0, "audible"),
            connection_span("call-0000001", "meet", d + 12 * kHour, d + 12 * kHour + 20 * kMinute),
        }));
    host->call_ok("creators.follow", {{"platform", "twitch"}, {"handle", "bob"}});

    const json before = summary(*host, 2, day2);
    CHECK(before["from"] == day1);
    CHECK(before["to"] == day2);
    REQUIRE(before["days"].size() == 2);
    CHECK(before["days"][0] ==
          json({{"date", day1}, {"creator_s", 7200}, {"connection_s", 1200}, {"social_min", 0}}));
    CHECK(before["days"][1] ==
          json({{"date", day2}, {"creator_s", 1800}, {"connection_s", 0}, {"social_min", 0}}));
    REQUIRE(before["creators"].size() == 2);
    const json& alice = before["creators"][0];
    CHECK(alice["platform"] == "youtube");
    CHECK(alice["handle"] == "alice");
    CHECK(alice["seconds"] == 5400);
    CHECK(alice["share"].get<double>() == Approx(0.6));
    CHECK(alice["days_active"] == 1);
    CHECK(alice["followed"] == false);
    const json& bob = before["creators"][1];
    CHECK(bob["handle"] == "bob");
    CHECK(bob["seconds"] == 3600);
    CHECK(bob["share"].get<double>() == Approx(0.4));
    CHECK(bob["days_active"] == 2);
    CHECK(bob["followed"] == true);
    CHECK(before["others_s"] == 0);
    CHECK(before["totals"]["creator_s"] == 9000);
    CHECK(before["totals"]["followed_s"] == 3600);
    CHECK(before["totals"]["connection_s"] == 1200);
    CHECK(before["totals"]["social_min"] == 0);
    CHECK(before["totals"]["balance"].get<double>() == Approx(9000.0 / 1200.0));

    SECTION("checkin.record adds social minutes to its day and to the balance") {
        CHECK(host->call_ok("checkin.record", {{"date", day1},
                                               {"social_min", 30},
                                               {"lonely", 2},
                                               {"felt", "chosen"},
                                               {"opinion_lean", 2},
                                               {"plan", "call Sam on Wednesday"},
                                               {"note", "a good week"}}) == json::object());
        json after = summary(*host, 2, day2);
        CHECK(after["days"][0]["social_min"] == 30);
        CHECK(after["days"][1]["social_min"] == 0);
        CHECK(after["totals"]["social_min"] == 30);
        CHECK(after["totals"]["balance"].get<double>() == Approx(9000.0 / (1200.0 + 1800.0)));

        // One check-in a date: the second replaces the first.
        host->call_ok("checkin.record", {{"date", day1}, {"social_min", 60}});
        after = summary(*host, 2, day2);
        CHECK(after["totals"]["social_min"] == 60);
        CHECK(after["totals"]["balance"].get<double>() == Approx(9000.0 / (1200.0 + 3600.0)));
    }

    SECTION("a day with creator time and no people has a null balance") {
        const json second_day = summary(*host, 1, day2);
        CHECK(second_day["totals"]["creator_s"] == 1800);
        CHECK(second_day["totals"]["balance"].is_null());
    }

    SECTION("every date in range has an entry, empty ones included") {
        const json quiet = summary(*host, 3, utc_date(d - kDay));
        REQUIRE(quiet["days"].size() == 3);
        CHECK(quiet["days"][0]["date"] == utc_date(d - 3 * kDay));
        CHECK(quiet["days"][2]["date"] == utc_date(d - kDay));
        for (const auto& day : quiet["days"]) CHECK(day["creator_s"] == 0);
        CHECK(quiet["creators"].empty());
        CHECK(quiet["totals"]["balance"].is_null());
    }

    SECTION("days defaults to 7 ending today") {
        const json week = host->call_ok("summary.get");
        CHECK(week["to"] == utc_date(now_ms()));
        CHECK(week["days"].size() == 7);
        CHECK(week["totals"]["creator_s"] == 9000);
    }
}

TEST_CASE("summary.get splits a span at the midnight of its own utc offset",
          "[protocol][summary]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t d = utc_midnight(now_ms()) - 5 * kDay;
    // 21:30-22:30 UTC is 23:30-00:30 at UTC+2: two local days, though one UTC day.
    host->call_ok(
        "activity.record",
        spans_body({creator_span("offset-span-1", "youtube", "alice", d + 21 * kHour + 30 * kMinute,
                                 d + 22 * kHour + 30 * kMinute, 120)}));
    const json s = summary(*host, 2, utc_date(d + kDay));
    CHECK(s["days"][0]["creator_s"] == 1800);
    CHECK(s["days"][1]["creator_s"] == 1800);
    CHECK(s["creators"][0]["days_active"] == 2);
}

TEST_CASE("creators.follow, update, unfollow and forget", "[protocol][creators]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json alice_key = {{"platform", "youtube"}, {"handle", "alice"}};

    const std::int64_t before = now_ms();
    json followed = host->call_ok(
        "creators.follow", {{"platform", "youtube"}, {"handle", "alice"}, {"label", "Alice"}});
    const std::int64_t after = now_ms();
    const json creator = followed["creator"];
    CHECK(creator["platform"] == "youtube");
    CHECK(creator["handle"] == "alice");
    CHECK(creator["label"] == "Alice");
    CHECK(creator["followed"] == true);
    REQUIRE(creator["followed_since"].is_number_integer());
    CHECK(creator["followed_since"].get<std::int64_t>() >= before);
    CHECK(creator["followed_since"].get<std::int64_t>() <= after);
    CHECK(creator["daily_budget_min"].is_null());
    CHECK(creator["today_s"] == 0);
    CHECK(creator["week_s"] == 0);

    SECTION("following again is idempotent") {
        const json again = host->call_ok("creators.follow", alice_key)["creator"];
        CHECK(again["followed_since"] == creator["followed_since"]);
        CHECK(again["label"] == "Alice");
        CHECK(host->call_ok("creators.list")["creators"].size() == 1);
    }

    SECTION("update sets and clears the label and the daily budget") {
        json update = alice_key;
        update["label"] = "Alice B.";
        update["daily_budget_min"] = 45;
        json updated = host->call_ok("creators.update", update)["creator"];
        CHECK(updated["label"] == "Alice B.");
        CHECK(updated["daily_budget_min"] == 45);
        CHECK(updated["followed"] == true);

        update = alice_key;
        update["daily_budget_min"] = nullptr;
        updated = host->call_ok("creators.update", update)["creator"];
        CHECK(updated["daily_budget_min"].is_null());
        CHECK(updated["label"] == "Alice B.");
    }

    SECTION("unfollow keeps the creator and its history") {
        const std::int64_t start = utc_midnight(now_ms()) - kDay + 9 * kHour;
        host->call_ok("activity.record",
                      spans_body({creator_span("alice-hist-1", "youtube", "alice", start,
                                               start + 30 * kMinute)}));
        CHECK(host->call_ok("creators.unfollow", alice_key) == json::object());
        const json list = host->call_ok("creators.list")["creators"];
        REQUIRE(list.size() == 1);
        CHECK(list[0]["followed"] == false);
        CHECK(list[0]["week_s"] == 1800);
    }

    SECTION("today_s and week_s count this creator's time today and in the last 7 days") {
        const std::int64_t now = now_ms();
        const std::int64_t midnight = utc_midnight(now);
        const std::int64_t yesterday = midnight - 2 * kHour;
        const std::int64_t start = now - 15 * kMinute;
        const std::int64_t end = now - 5 * kMinute;
        host->call_ok("activity.record",
                      spans_body({creator_span("alice-yday-1", "youtube", "alice", yesterday,
                                               yesterday + 30 * kMinute),
                                  creator_span("alice-today1", "youtube", "alice", start, end)}));
        const json c = host->call_ok("creators.follow", alice_key)["creator"];
        const std::int64_t today_ms = end - std::max(start, midnight);
        CHECK(c["today_s"] == today_ms / 1000);
        CHECK(c["week_s"] == 1800 + (end - start) / 1000);
    }

    SECTION("forget erases every trace and reports the spans deleted") {
        const std::int64_t start = utc_midnight(now_ms()) - 2 * kDay;
        host->call_ok("activity.record",
                      {{"spans",
                        {creator_span("alice-gone-1", "youtube", "alice", start, start + kHour),
                         creator_span("alice-gone-2", "youtube", "alice", start + 2 * kHour,
                                      start + 3 * kHour),
                         creator_span("bob-stays-01", "twitch", "bob", start, start + kHour)}},
                       {"marks", {mark("alice-mark-1", "chat", "youtube", "alice", start, 4)}}});
        CHECK(host->call_ok("creators.forget", alice_key)["deleted_spans"] == 2);
        const json list = host->call_ok("creators.list")["creators"];
        CHECK(handles_of(list) == std::vector<std::string>{"bob"});
        const json s = summary(*host, 1, utc_date(start));
        CHECK(s["totals"]["creator_s"] == 3600);
        CHECK(handles_of(s["creators"]) == std::vector<std::string>{"bob"});
        for (const auto& line : sandbox.export_lines()) {
            INFO(line.dump());
            CHECK(line.value("handle", "") != "alice");
        }
        // Forgotten means never seen.
        CHECK(host->call("creators.unfollow", alice_key)["error"]["code"] == "not_found");
    }
}

TEST_CASE("creators.list puts followed creators first, then pages by this week's time",
          "[protocol][creators]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t start = utc_midnight(now_ms()) - 2 * kDay + 8 * kHour;
    json spans = json::array();
    // c1 has the most time this week, c5 the least; the two least are followed.
    for (int i = 1; i <= 5; ++i) {
        const std::int64_t begin = start + (i - 1) * kHour;
        spans.push_back(creator_span("list-span-" + std::to_string(i), "youtube",
                                     "c" + std::to_string(i), begin,
                                     begin + (60 - 10 * i) * kMinute));
    }
    host->call_ok("activity.record", spans_body(spans));
    host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", "c5"}});
    host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", "c4"}});

    std::vector<std::string> order;
    json cursor = nullptr;
    int pages = 0;
    do {
        json body = {{"limit", 2}};
        if (!cursor.is_null()) body["cursor"] = cursor;
        const json page = host->call_ok("creators.list", body);
        CHECK(page["creators"].size() <= 2);
        for (const auto& h : handles_of(page["creators"])) order.push_back(h);
        cursor = page["next_cursor"];
        REQUIRE(++pages <= 5);
    } while (!cursor.is_null());
    CHECK(pages == 3);
    CHECK(order == std::vector<std::string>{"c4", "c5", "c1", "c2", "c3"});

    const json all = host->call_ok("creators.list");
    CHECK(handles_of(all["creators"]) == order);
    CHECK(all["next_cursor"].is_null());
    CHECK(all["creators"][2]["week_s"] == 50 * 60);
    CHECK(all["creators"][0]["followed"] == true);
    CHECK(all["creators"][2]["followed"] == false);
}

TEST_CASE("settings.get gives the documented defaults", "[protocol][settings]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json settings = host->call_ok("settings.get")["settings"];
    const std::vector<std::pair<std::string, json>> expected = {
        {"/nudges/enabled", true},
        {"/nudges/max_per_day", 1},
        {"/nudges/max_per_week", 3},
        {"/nudges/quiet_hours/start", "22:00"},
        {"/nudges/quiet_hours/end", "08:00"},
        {"/nudges/sleep_window/start", "00:30"},
        {"/nudges/sleep_window/end", "05:30"},
        {"/nudges/snoozed_until", nullptr},
        {"/nudges/snoozed_indefinitely", false},
        {"/nudges/paused_until", nullptr},
        {"/nudges/reflection/weekday", 0},
        {"/nudges/reflection/time", "18:00"},
        {"/nudges/learning_days", 7},
        {"/rules/R1/enabled", true},
        {"/rules/R1/cooldown_days", 4},
        {"/rules/R1/min_ratio", 0.85},
        {"/rules/R1/min_creator_hours_7d", 10},
        {"/rules/R2/drought_hours", 72},
        {"/rules/R3/daily_goal_min", nullptr},
        {"/rules/R4/nights", 3},
        {"/rules/R4/of_nights", 7},
        {"/rules/R6/cooldown_days", 14},
        {"/rules/R10/cooldown_days", 21},
        {"/rules/R11/enabled", false},
        {"/tracking/private_windows", false},
        {"/connection_sites/0",
         {{"platform", "whatsapp"}, {"match", "web.whatsapp.com"}, {"kind", "messaging"}}},
        {"/connection_sites/8",
         {{"platform", "teams"}, {"match", "teams.microsoft.com"}, {"kind", "call"}}},
    };
    for (const auto& [pointer, value] : expected) {
        INFO(pointer);
        REQUIRE(settings.contains(json::json_pointer(pointer)));
        CHECK(settings.at(json::json_pointer(pointer)) == value);
    }
    CHECK(settings["connection_sites"].size() == 9);
    for (int rule = 1; rule <= 11; ++rule) {
        INFO("R" << rule);
        CHECK(settings["rules"].contains("R" + std::to_string(rule)));
    }
}

TEST_CASE("settings.set merges a partial document and validates the whole",
          "[protocol][settings]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json defaults = host->call_ok("settings.get")["settings"];

    json expected = defaults;
    expected["nudges"]["max_per_day"] = 2;
    CHECK(host->call_ok("settings.set",
                        {{"settings", {{"nudges", {{"max_per_day", 2}}}}}})["settings"] ==
          expected);

    // A second partial change keeps the first.
    expected["tracking"]["idle_threshold_s"] = 120;
    expected["rules"]["R3"]["daily_goal_min"] = 90;
    CHECK(host->call_ok("settings.set",
                        {{"settings",
                          {{"tracking", {{"idle_threshold_s", 120}}},
                           {"rules", {{"R3", {{"daily_goal_min", 90}}}}}}}})["settings"] ==
          expected);
    CHECK(host->call_ok("settings.get")["settings"] == expected);

    SECTION("connection_sites, when given, replaces the whole list") {
        const json sites = json::array(
            {{{"platform", "signal"}, {"match", "signal.example.org/chat"}, {"kind", "call"}}});
        expected["connection_sites"] = sites;
        CHECK(host->call_ok("settings.set",
                            {{"settings", {{"connection_sites", sites}}}})["settings"] == expected);
    }

    SECTION("a broken rule anywhere is invalid, names the field, and changes nothing") {
        struct Case {
            json partial;
            std::vector<std::string> paths;  // any of these is right
        };
        const std::vector<Case> cases = {
            {{{"nudges", {{"max_per_day", 3}}}}, {"/body/settings/nudges/max_per_day"}},
            {{{"nudges", {{"bogus", true}}}}, {"/body/settings/nudges/bogus"}},
            {{{"colour", "blue"}}, {"/body/settings/colour"}},
            {{{"tracking", {{"idle_threshold_s", 10}}}},
             {"/body/settings/tracking/idle_threshold_s"}},
            {{{"nudges", {{"quiet_hours", {{"start", "24:00"}}}}}},
             {"/body/settings/nudges/quiet_hours/start"}},
            {{{"nudges", {{"max_per_week", "3"}}}}, {"/body/settings/nudges/max_per_week"}},
            {{{"rules", {{"R1", {{"min_ratio", 1.5}}}}}}, {"/body/settings/rules/R1/min_ratio"}},
            {{{"rules", {{"R12", {{"enabled", true}}}}}}, {"/body/settings/rules/R12"}},
            {{{"rules", {{"R4", {{"nights", 5}, {"of_nights", 3}}}}}},
             {"/body/settings/rules/R4/nights", "/body/settings/rules/R4/of_nights"}},
            {{{"rules", {{"R10", {{"min_count", 5}, {"of_checkins", 3}}}}}},
             {"/body/settings/rules/R10/min_count", "/body/settings/rules/R10/of_checkins"}},
            {{{"connection_sites",
               {{{"platform", "x"}, {"match", "has space"}, {"kind", "messaging"}}}}},
             {"/body/settings/connection_sites/0/match"}},
            {{{"connection_sites",
               {{{"platform", "x"}, {"match", "x.com"}, {"kind", "carrier-pigeon"}}}}},
             {"/body/settings/connection_sites/0/kind"}},
        };
        for (const auto& c : cases) {
            INFO("partial " << c.partial.dump());
            const json reply = host->call("settings.set", {{"settings", c.partial}});
            CHECK(reply["ok"] == false);
            CHECK(reply["error"]["code"] == "invalid");
            const std::string path = reply["error"].value("path", "(none)");
            INFO("path " << path << ", message " << reply["error"].value("message", ""));
            CHECK(std::find(c.paths.begin(), c.paths.end(), path) != c.paths.end());
            CHECK(!reply["error"].value("message", "").empty());
        }
        CHECK(host->call_ok("settings.get")["settings"] == expected);
    }
}

TEST_CASE("data.erase empties every table and restores the default settings", "[protocol][erase]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const json defaults = host->call_ok("settings.get")["settings"];
    const std::int64_t start = utc_midnight(now_ms()) - kDay + 9 * kHour;
    host->call_ok("activity.record",
                  {{"spans",
                    {creator_span("erase-me-001", "youtube", "alice", start, start + kHour),
                     connection_span("erase-me-002", "whatsapp", start, start + kHour)}},
                   {"marks", {mark("erase-mark-1", "spend", "youtube", "alice", start)}}});
    host->call_ok("creators.follow", {{"platform", "twitch"}, {"handle", "bob"}});
    host->call_ok("checkin.record", {{"date", utc_date(start)}, {"social_min", 45}});
    host->call_ok("settings.set", {{"settings", {{"nudges", {{"enabled", false}}}}}});

    SECTION("without the confirmation it is invalid and nothing goes") {
        const json reply = host->call("data.erase", {{"confirm", "yes"}});
        CHECK(reply["error"]["code"] == "invalid");
        CHECK(reply["error"]["path"] == "/body/confirm");
        CHECK(host->call_ok("creators.list")["creators"].size() == 2);
        CHECK(host->call("data.erase")["error"]["code"] == "invalid");
    }

    SECTION("with it, everything goes") {
        CHECK(host->call_ok("data.erase", {{"confirm", "erase-all"}}) == json::object());
        const json s = summary(*host, 7, utc_date(now_ms()));
        CHECK(s["totals"]["creator_s"] == 0);
        CHECK(s["totals"]["connection_s"] == 0);
        CHECK(s["totals"]["social_min"] == 0);
        CHECK(s["creators"].empty());
        CHECK(host->call_ok("creators.list")["creators"].empty());
        CHECK(host->call_ok("settings.get")["settings"] == defaults);
        for (const auto& line : sandbox.export_lines()) {
            INFO(line.dump());
            CHECK(line.contains("format"));  // only the header is left
        }
        // The host goes on working on the emptied file.
        CHECK(host->call_ok("activity.record",
                            spans_body({creator_span("after-erase1", "youtube", "alice", start,
                                                     start + kMinute)}))["stored"] == 1);
    }
}
