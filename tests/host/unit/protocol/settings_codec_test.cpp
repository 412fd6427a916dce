#include "protocol/settings_codec.hpp"

#include <catch2/catch.hpp>

#include "expect_error.hpp"

namespace parasol::protocol {
namespace {

using core::Settings;
using nlohmann::json;
using testing::expect_error;

const std::string kBase = "/body/settings";

Settings merge(const json& partial, const Settings& current = Settings{}) {
    return merge_settings(current, partial, kBase);
}

}  // namespace

TEST_CASE("the encoded defaults hold every key of the settings document") {
    const json doc = encode_settings(Settings{});
    CHECK(doc["nudges"]["max_per_day"] == 1);
    CHECK(doc["nudges"]["quiet_hours"] == json{{"start", "22:00"}, {"end", "08:00"}});
    CHECK(doc["nudges"]["sleep_window"] == json{{"start", "00:30"}, {"end", "05:30"}});
    CHECK(doc["nudges"]["snoozed_until"].is_null());
    CHECK(doc["nudges"]["reflection"] == json{{"weekday", 0}, {"time", "18:00"}});
    CHECK(doc["rules"].size() == 11);
    CHECK(doc["rules"]["R1"] == json{{"enabled", true},
                                     {"cooldown_days", 4},
                                     {"min_ratio", 0.85},
                                     {"min_creator_hours_7d", 10},
                                     {"max_connection_vs_baseline", 0.7},
                                     {"connection_floor_min_7d", 150}});
    CHECK(doc["rules"]["R3"]["daily_goal_min"].is_null());
    CHECK(doc["rules"]["R7"]["monthly_budget"].is_null());
    CHECK(doc["rules"]["R11"]["enabled"] == false);
    CHECK(doc["tracking"] == json{{"private_windows", false},
                                  {"background_audio", true},
                                  {"connection_time", true},
                                  {"idle_threshold_s", 60}});
    CHECK(doc["connection_sites"].size() == 9);
    CHECK(doc["connection_sites"][0] ==
          json{{"platform", "whatsapp"}, {"match", "web.whatsapp.com"}, {"kind", "messaging"}});
    CHECK(doc.size() == 5);
    CHECK(doc["digest"]["enabled"] == false);
}

TEST_CASE("encode then decode round-trips") {
    CHECK(decode_settings_document(encode_settings(Settings{})) == Settings{});

    Settings changed;
    changed.nudges.snoozed_until = 1'800'000'000'000;
    changed.nudges.quiet_hours = {{23 * 60 + 59}, {0}};
    changed.r3.daily_goal_min = 90;
    changed.r5.baseline_factor = 3.25;
    changed.r7.monthly_budget = 0;
    changed.connection_sites = {{"signal", "app.signal.org", core::ConnectionKind::messaging}};
    CHECK(decode_settings_document(encode_settings(changed)) == changed);
}

TEST_CASE("a stored document missing keys loads onto the defaults") {
    CHECK(decode_settings_document(json::object()) == Settings{});
    const Settings s = decode_settings_document({{"nudges", {{"max_per_day", 2}}}});
    CHECK(s.nudges.max_per_day == 2);
    CHECK(s.nudges.max_per_week == Settings{}.nudges.max_per_week);
}

TEST_CASE("a partial document changes only what it names") {
    Settings current;
    current.r1.min_ratio = 0.5;
    const Settings s =
        merge({{"nudges", {{"quiet_hours", {{"start", "21:30"}}}}},
               {"rules", {{"R4", {{"nights", 2}}}, {"R3", {{"daily_goal_min", 45}}}}},
               {"tracking", {{"private_windows", true}}}},
              current);
    Settings expected = current;
    expected.nudges.quiet_hours.start = {21 * 60 + 30};
    expected.r4.nights = 2;
    expected.r3.daily_goal_min = 45;
    expected.tracking.private_windows = true;
    CHECK(s == expected);

    const Settings cleared = merge({{"rules", {{"R3", {{"daily_goal_min", nullptr}}}}}}, s);
    CHECK_FALSE(cleared.r3.daily_goal_min);
    CHECK(merge(json::object(), expected) == expected);
}

TEST_CASE("a whole document replaces everything") {
    Settings target;
    target.nudges.enabled = false;
    target.r2.drought_hours = 100;
    target.r9.min_ramp_factor = 2;
    target.tracking.idle_threshold_s = 15;
    target.connection_sites.clear();
    CHECK(merge(encode_settings(target)) == target);
}

TEST_CASE("connection_sites, when given, replaces the whole list") {
    const Settings s =
        merge({{"connection_sites",
                {{{"platform", "signal"}, {"match", "app.signal.org"}, {"kind", "messaging"}},
                 {{"platform", "jitsi"}, {"match", "meet.jit.si"}, {"kind", "call"}}}}});
    REQUIRE(s.connection_sites.size() == 2);
    CHECK(s.connection_sites[1] ==
          core::ConnectionSite{"jitsi", "meet.jit.si", core::ConnectionKind::call});
    CHECK(merge({{"connection_sites", json::array()}}).connection_sites.empty());
    CHECK(merge({{"nudges", {{"enabled", false}}}}).connection_sites ==
          Settings::default_connection_sites());
}

TEST_CASE("settings rules name the field and the rule") {
    const json site = {{"platform", "signal"}, {"match", "app.signal.org"}, {"kind", "messaging"}};
    const auto with_site = [&](const char* key, json value) {
        json s = site;
        s[key] = std::move(value);
        return json{{"connection_sites", {s}}};
    };
    struct Case {
        json partial;
        std::string path;
        std::string words;
    };
    const Case cases[] = {
        {{{"nudges", {{"max_per_day", 3}}}},
         "/body/settings/nudges/max_per_day",
         "body.settings.nudges.max_per_day: must be an integer from 0 to 2"},
        {{{"nudges", {{"max_per_week", 15}}}}, "/body/settings/nudges/max_per_week", "0 to 14"},
        {{{"nudges", {{"enabled", 1}}}}, "/body/settings/nudges/enabled", "true or false"},
        {{{"nudges", {{"quiet_hours", {{"start", "24:00"}}}}}},
         "/body/settings/nudges/quiet_hours/start",
         "HH:MM"},
        {{{"nudges", {{"quiet_hours", {{"end", "7:00"}}}}}},
         "/body/settings/nudges/quiet_hours/end",
         "HH:MM"},
        {{{"nudges", {{"sleep_window", {{"end", "05:60"}}}}}},
         "/body/settings/nudges/sleep_window/end",
         "00:00 to 23:59"},
        {{{"nudges", {{"sleep_window", "night"}}}},
         "/body/settings/nudges/sleep_window",
         "must be an object"},
        {{{"nudges", {{"snoozed_until", -1}}}},
         "/body/settings/nudges/snoozed_until",
         "integer from 0 to 9007199254740991"},
        {{{"nudges", {{"paused_until", "tomorrow"}}}},
         "/body/settings/nudges/paused_until",
         "must be an integer"},
        {{{"nudges", {{"reflection", {{"weekday", 7}}}}}},
         "/body/settings/nudges/reflection/weekday",
         "0 to 6"},
        {{{"nudges", {{"reflection", {{"time", 1800}}}}}},
         "/body/settings/nudges/reflection/time",
         "HH:MM"},
        {{{"nudges", {{"learning_days", 29}}}}, "/body/settings/nudges/learning_days", "0 to 28"},
        {{{"nudges", {{"spacing_min", 1441}}}}, "/body/settings/nudges/spacing_min", "0 to 1440"},
        {{{"nudges", {{"enabled", nullptr}}}}, "/body/settings/nudges/enabled", "true or false"},
        {{{"rules", {{"R1", {{"cooldown_days", 366}}}}}},
         "/body/settings/rules/R1/cooldown_days",
         "0 to 365"},
        {{{"rules", {{"R1", {{"min_ratio", 1.01}}}}}},
         "/body/settings/rules/R1/min_ratio",
         "number from 0"},
        {{{"rules", {{"R1", {{"min_ratio", "0.5"}}}}}},
         "/body/settings/rules/R1/min_ratio",
         "must be a number"},
        {{{"rules", {{"R1", {{"min_creator_hours_7d", 2.5}}}}}},
         "/body/settings/rules/R1/min_creator_hours_7d",
         "must be an integer"},
        {{{"rules", {{"R1", {{"connection_floor_min_7d", 10081}}}}}},
         "/body/settings/rules/R1/connection_floor_min_7d",
         "0 to 10080"},
        {{{"rules", {{"R2", {{"drought_hours", 0}}}}}},
         "/body/settings/rules/R2/drought_hours",
         "1 to 720"},
        {{{"rules", {{"R3", {{"daily_goal_min", 0}}}}}},
         "/body/settings/rules/R3/daily_goal_min",
         "1 to 1440"},
        {{{"rules", {{"R3", {{"median_factor", 0.9}}}}}},
         "/body/settings/rules/R3/median_factor",
         "number from 1"},
        {{{"rules", {{"R4", {{"min_night_minutes", 301}}}}}},
         "/body/settings/rules/R4/min_night_minutes",
         "1 to 300"},
        {{{"rules", {{"R4", {{"of_nights", 8}}}}}}, "/body/settings/rules/R4/of_nights", "1 to 7"},
        {{{"rules", {{"R4", {{"nights", 5}, {"of_nights", 4}}}}}},
         "/body/settings/rules/R4/nights",
         "must not exceed of_nights"},
        {{{"rules", {{"R4", {{"of_nights", 2}}}}}},
         "/body/settings/rules/R4/nights",
         "must not exceed of_nights"},
        {{{"rules", {{"R5", {{"min_short_share", -0.1}}}}}},
         "/body/settings/rules/R5/min_short_share",
         "number from 0"},
        {{{"rules", {{"R5", {{"baseline_factor", 11}}}}}},
         "/body/settings/rules/R5/baseline_factor",
         "to 10"},
        {{{"rules", {{"R6", {{"min_days", 8}}}}}}, "/body/settings/rules/R6/min_days", "1 to 7"},
        {{{"rules", {{"R7", {{"monthly_budget", 1000001}}}}}},
         "/body/settings/rules/R7/monthly_budget",
         "0 to 1000000"},
        {{{"rules", {{"R8", {{"min_chat_messages_7d", 0}}}}}},
         "/body/settings/rules/R8/min_chat_messages_7d",
         "1 to 100000"},
        {{{"rules", {{"R9", {{"max_connection_vs_baseline", 2}}}}}},
         "/body/settings/rules/R9/max_connection_vs_baseline",
         "number from 0"},
        {{{"rules", {{"R10", {{"min_count", 4}}}}}},
         "/body/settings/rules/R10/min_count",
         "must not exceed of_checkins"},
        {{{"rules", {{"R11", {{"max_messages_24h", 1001}}}}}},
         "/body/settings/rules/R11/max_messages_24h",
         "1 to 1000"},
        {{{"rules", {{"R12", {{"enabled", true}}}}}},
         "/body/settings/rules/R12",
         "body.settings.rules.R12: is not a known field"},
        {{{"rules", {{"R1", {{"min_ratios", 0.5}}}}}},
         "/body/settings/rules/R1/min_ratios",
         "not a known field"},
        {{{"nudges", {{"quiet_hours", {{"middle", "01:00"}}}}}},
         "/body/settings/nudges/quiet_hours/middle",
         "not a known field"},
        {{{"nudges", {{"quiet_hours/start", "01:00"}}}},
         "/body/settings/nudges/quiet_hours~1start",
         "not a known field"},
        {{{"digests", json::object()}}, "/body/settings/digests", "not a known field"},
        {{{"tracking", {{"idle_threshold_s", 14}}}},
         "/body/settings/tracking/idle_threshold_s",
         "15 to 3600"},
        {{{"tracking", true}}, "/body/settings/tracking", "must be an object"},
        {{{"connection_sites", json(std::vector<json>(101, site))}},
         "/body/settings/connection_sites",
         "at most 100 items"},
        {{{"connection_sites", site}}, "/body/settings/connection_sites", "must be an array"},
        {with_site("platform", "Signal"), "/body/settings/connection_sites/0/platform",
         "[a-z0-9.-]"},
        {with_site("match", ""), "/body/settings/connection_sites/0/match", "1 to 200"},
        {with_site("match", "app signal.org"), "/body/settings/connection_sites/0/match",
         "whitespace"},
        {with_site("kind", "video"), "/body/settings/connection_sites/0/kind",
         "one of messaging, call"},
        {with_site("extra", 1), "/body/settings/connection_sites/0/extra", "not a known field"},
    };
    for (const auto& c : cases) {
        INFO(c.partial.dump());
        const auto e = expect_error([&] { merge(c.partial); });
        CHECK(e.code() == ErrorCode::invalid);
        CHECK(e.path() == c.path);
        CHECK_THAT(e.what(), Catch::Contains(c.words));
    }
    CHECK(expect_error([] { merge(json::array()); }).path() == kBase);
}

TEST_CASE("settings boundary values are accepted") {
    const Settings s = merge({{"nudges",
                               {{"max_per_day", 0},
                                {"quiet_hours", {{"start", "00:00"}, {"end", "23:59"}}},
                                {"paused_until", 9007199254740991}}},
                              {"rules",
                               {{"R1", {{"min_ratio", 0}, {"max_connection_vs_baseline", 1}}},
                                {"R4", {{"nights", 7}, {"of_nights", 7}}},
                                {"R5", {{"baseline_factor", 10}}}}}});
    CHECK(s.nudges.quiet_hours.end.minute_of_day == 23 * 60 + 59);
    CHECK(s.nudges.paused_until == 9007199254740991);
    CHECK(s.r1.min_ratio == 0.0);
    CHECK(s.r5.baseline_factor == 10.0);
}

TEST_CASE("a stored document reports paths from its own root") {
    const auto e = expect_error([] {
        decode_settings_document({{"nudges", {{"max_per_day", 9}}}});
    });
    CHECK(e.path() == "/nudges/max_per_day");
    CHECK_THAT(e.what(), Catch::StartsWith("nudges.max_per_day: "));
}

}  // namespace parasol::protocol
