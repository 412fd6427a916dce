// Check-in answers that raise R1's and R3's thresholds for two weeks.
#include "core/nudges/checkin_tuning.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

const LocalDate kToday{2026, 11, 25};

Checkin checkin(int day, std::optional<int> lonely, std::optional<Felt> felt) {
    Checkin c;
    c.date = kToday.plus_days(day);
    c.lonely = lonely;
    c.felt = felt;
    return c;
}

}  // namespace

TEST_CASE("checkin tuning: which check-ins relax R1 and R3, and for how long") {
    struct Row {
        const char* name;
        std::vector<Checkin> checkins;
        bool tuned;
    };
    const std::vector<Row> rows{
        {"none", {}, false},
        {"chosen + hardly ever, today", {checkin(0, 1, Felt::chosen)}, true},
        {"chosen + hardly ever, 13 days ago (its 14th day)", {checkin(-13, 1, Felt::chosen)}, true},
        {"chosen + hardly ever, 14 days ago", {checkin(-14, 1, Felt::chosen)}, false},
        {"dated tomorrow", {checkin(1, 1, Felt::chosen)}, false},
        {"chosen + some of the time", {checkin(0, 2, Felt::chosen)}, false},
        {"autopilot + hardly ever", {checkin(0, 1, Felt::autopilot)}, false},
        {"hard to stop + hardly ever", {checkin(0, 1, Felt::hard_to_stop)}, false},
        {"chosen, loneliness unanswered", {checkin(0, std::nullopt, Felt::chosen)}, false},
        {"hardly ever, felt unanswered", {checkin(0, 1, std::nullopt)}, false},
        {"the two answers in different check-ins",
         {checkin(-1, 1, Felt::autopilot), checkin(0, 3, Felt::chosen)},
         false},
    };
    for (const Row& row : rows) {
        DYNAMIC_SECTION(row.name) {
            const Settings defaults;
            const Settings tuned = tuned_by_checkins(defaults, row.checkins, kToday);
            CHECK((tuned != defaults) == row.tuned);
            CHECK(active_tunings(row.checkins, kToday).size() == (row.tuned ? 2U : 0U));
        }
    }
}

TEST_CASE("checkin tuning: R1 and R3 raised by 25%, nothing else touched") {
    const std::vector<Checkin> checkins{checkin(-2, 1, Felt::chosen)};
    SECTION("defaults, no goal") {
        const Settings defaults;
        const Settings tuned = tuned_by_checkins(defaults, checkins, kToday);
        CHECK(tuned.r1.min_ratio == defaults.r1.min_ratio);
        CHECK(tuned.r1.min_creator_hours_7d == 13);  // 12.5 rounded up
        CHECK(tuned.r1.max_connection_vs_baseline == Approx(0.56));
        CHECK(tuned.r1.connection_floor_min_7d == 120);
        CHECK_FALSE(tuned.r3.daily_goal_min);
        CHECK(tuned.r3.floor_min == 150);
        CHECK(tuned.r3.median_factor == Approx(1.875));

        Settings back = tuned;
        back.r1 = defaults.r1;
        back.r3 = defaults.r3;
        CHECK(back == defaults);
    }
    SECTION("a goal is raised instead of the floor") {
        Settings s;
        s.r3.daily_goal_min = 90;
        const Settings tuned = tuned_by_checkins(s, checkins, kToday);
        CHECK(tuned.r3.daily_goal_min == 113);  // 112.5 rounded up
        CHECK(tuned.r3.floor_min == s.r3.floor_min);
        CHECK(tuned.r3.median_factor == s.r3.median_factor);
    }
    SECTION("clamped to the settings' ranges") {
        Settings s;
        s.r1.min_creator_hours_7d = 160;
        s.r3.daily_goal_min = 1400;
        s.r3.median_factor = 9;
        const Settings tuned = tuned_by_checkins(s, checkins, kToday);
        CHECK(tuned.r1.min_creator_hours_7d == 168);
        CHECK(tuned.r3.daily_goal_min == 1440);
        s.r3.daily_goal_min.reset();
        s.r3.floor_min = 1300;
        const Settings tuned2 = tuned_by_checkins(s, checkins, kToday);
        CHECK(tuned2.r3.floor_min == 1440);
        CHECK(tuned2.r3.median_factor == Approx(10));
    }
}

TEST_CASE("checkin tuning: active tunings name the rules, factor, end date and why") {
    const std::vector<Checkin> checkins{checkin(-9, 1, Felt::chosen), checkin(-3, 1, Felt::chosen),
                                        checkin(-1, 3, Felt::chosen)};
    const std::vector<Tuning> tunings = active_tunings(checkins, kToday);
    REQUIRE(tunings.size() == 2);
    CHECK(tunings[0].rule == RuleId::r1);
    CHECK(tunings[1].rule == RuleId::r3);
    for (const Tuning& t : tunings) {
        CHECK(t.factor == Approx(1.25));
        CHECK(t.until == kToday.plus_days(-3 + 13));  // the latest such check-in's 14th day
        CHECK(t.why.find(kToday.plus_days(-3).to_string()) != std::string::npos);
        CHECK(t.why.find("should") == std::string::npos);
    }
}
