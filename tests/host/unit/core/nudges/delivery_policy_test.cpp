#include "core/nudges/delivery_policy.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/local_date.hpp"
#include "core/nudges/wording.hpp"

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

// Day 0 is a Monday; the host runs at UTC+60 so local days differ from UTC ones.
const LocalDate kDay0{2026, 11, 2};
constexpr int kOffset = 60;

Instant at(int day, int hour, int minute = 0) {
    return local_midnight(kDay0.plus_days(day), kOffset) + hour * kMsPerHour +
           minute * kMsPerMinute;
}

// Thursday of the third week at noon: past the learning period and the
// first_week card, far from Sunday's reflection, outside default quiet hours.
const Instant kThursdayNoon = at(17, 12);

struct Scene {
    Settings s;
    DeliveryInput in;
    int next_id = 1;

    Scene() {
        in.now = kThursdayNoon;
        in.utc_offset_min = kOffset;
        in.first_activity_at = at(0, 9);
        // The first_week card and the last reflection are done already.
        add(RuleId::first_week, at(7, 12));
        add(RuleId::reflection, at(13, 18));
    }

    void fire(RuleId rule, bool fired = true) {
        Finding f;
        f.rule = rule;
        f.fired = fired;
        in.findings.push_back(f);
    }

    // A nudge created at `created` and handed out then (or held, when
    // `delivered` is false).
    NudgeRecord& add(RuleId rule, Instant created, bool delivered = true) {
        NudgeRecord r;
        r.id = "n-" + std::to_string(next_id++);
        r.rule = rule;
        r.created_at = created;
        if (delivered) r.delivered_at = created;
        in.history.push_back(r);
        return in.history.back();
    }

    void answer(NudgeRecord& r, NudgeAction action, std::optional<int> snooze_min = {}) {
        r.response = action;
        r.snooze_min = snooze_min;
        r.responded_at = r.created_at + kMsPerMinute;
    }

    [[nodiscard]] DeliveryDecision run() const { return decide_delivery(in, s); }

    // The rules created this poll, in order.
    [[nodiscard]] std::vector<RuleId> created() const {
        std::vector<RuleId> rules;
        for (const auto& n : run().create) rules.push_back(n.rule);
        return rules;
    }
};

using Rules = std::vector<RuleId>;

}  // namespace

TEST_CASE("A fired rule is created and handed out at once", "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r1);
    const auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].rule == RuleId::r1);
    CHECK(d.create[0].deliver_now);
    CHECK(d.deliver.empty());
    CHECK(d.drop.empty());
}

TEST_CASE("Nothing due writes nothing", "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r1, false);  // nearly fired: the reflection's business only
    CHECK(scene.run().empty());
    scene.in.findings.clear();
    CHECK(scene.run().empty());
}

TEST_CASE("No data, no nudges", "[core][nudges][delivery]") {
    Scene scene;
    scene.in.history.clear();
    scene.in.first_activity_at.reset();
    scene.fire(RuleId::r1);
    CHECK(scene.run().empty());
}

TEST_CASE("Learning period: day 7 is quiet, day 8 brings the first_week card",
          "[core][nudges][delivery]") {
    struct Case {
        int day;
        int hour;
        Rules expected;
    };
    // Day index 6 is "day 7" of data; index 7 is day 8 (learning_days = 7).
    // Day 0 is a Monday, so no reflection falls due here (Sunday 18:00 is day 6).
    const std::vector<Case> cases{
        {0, 12, {}},
        {6, 12, {}},
        {6, 23, {}},  // (quiet hours anyway)
        {7, 9, {RuleId::first_week}},
        {9, 12, {RuleId::first_week}},  // missed day 8: still comes that week
        {15, 12, {RuleId::r1}},         // a week later: too late for the card
    };
    for (const auto& c : cases) {
        INFO("day " << c.day << " " << c.hour << ":00");
        Scene scene;
        scene.in.history.clear();
        scene.in.now = at(c.day, c.hour);
        scene.fire(RuleId::r1);
        CHECK(scene.created() == c.expected);
    }
}

TEST_CASE("Learning period counts from the local date of the first activity",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.in.history.clear();
    // 23:30 UTC on day -1 is 00:30 local on day 0 (UTC+60).
    scene.in.first_activity_at = at(0, 0, 30);
    scene.in.now = at(7, 9);
    CHECK(scene.created() == Rules{RuleId::first_week});
    scene.in.now = at(6, 22) - kMsPerMinute;  // day 6, 21:59, before quiet hours
    CHECK(scene.created().empty());
}

TEST_CASE("The first_week card comes once, with a rule nudge only after spacing",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.in.history.clear();
    scene.in.now = at(7, 12);
    scene.fire(RuleId::r3);
    auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].rule == RuleId::first_week);
    CHECK(d.create[0].deliver_now);

    scene.add(RuleId::first_week, scene.in.now);
    scene.in.now += 10 * kMsPerMinute;
    CHECK(scene.created() == Rules{RuleId::r3});
}

TEST_CASE("learning_days 0: no learning period and no first_week card",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.in.history.clear();
    scene.s.nudges.learning_days = 0;
    scene.in.now = at(0, 12);
    scene.fire(RuleId::r7);
    CHECK(scene.created() == Rules{RuleId::r7});
}

TEST_CASE("Budget: max_per_day and max_per_week, exactly reached", "[core][nudges][delivery]") {
    struct Case {
        const char* what;
        int per_day;
        int per_week;
        std::vector<Instant> delivered;  // earlier R-nudges handed out
        bool expect_nudge;
    };
    const std::vector<Case> cases{
        {"none yet", 1, 3, {}, true},
        {"one today, max 1", 1, 3, {at(17, 9)}, false},
        {"one today, max 2", 2, 3, {at(17, 9)}, true},
        {"two today, max 2", 2, 3, {at(17, 9), at(17, 10)}, false},
        {"one yesterday", 1, 3, {at(16, 12)}, true},
        {"one yesterday just before local midnight", 1, 3, {at(17, 0) - kMsPerMinute}, true},
        {"three this week", 1, 3, {at(11, 12), at(14, 12), at(16, 12)}, false},
        {"three, the oldest 7 local days ago", 1, 3, {at(10, 23), at(14, 12), at(16, 12)}, true},
        {"two this week, max 3", 1, 3, {at(14, 12), at(16, 12)}, true},
        {"max_per_day 0", 0, 3, {}, false},
        {"max_per_week 0", 1, 0, {}, false},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        Scene scene;
        scene.s.nudges.max_per_day = c.per_day;
        scene.s.nudges.max_per_week = c.per_week;
        for (Instant t : c.delivered) scene.add(RuleId::r10, t);  // R10: other rule, cools down
        scene.fire(RuleId::r1);
        CHECK(scene.created() == (c.expect_nudge ? Rules{RuleId::r1} : Rules{}));
    }
}

TEST_CASE("Budget: the reflection and first_week don't count", "[core][nudges][delivery]") {
    Scene scene;
    scene.add(RuleId::reflection, at(17, 9));
    scene.add(RuleId::first_week, at(17, 10));
    scene.fire(RuleId::r1);
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("Budget: dropped nudges don't count, held ones do", "[core][nudges][delivery]") {
    Scene scene;
    auto& dropped = scene.add(RuleId::r4, at(16, 23), false);
    dropped.dropped_at = at(17, 23);
    scene.fire(RuleId::r1);
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("Quiet hours: a due nudge is created but held", "[core][nudges][delivery]") {
    struct Case {
        int hour;
        int minute;
        bool quiet;
    };
    const std::vector<Case> cases{
        {21, 59, false}, {22, 0, true}, {23, 30, true}, {0, 0, true},
        {7, 59, true},   {8, 0, false}, {12, 0, false},
    };
    for (const auto& c : cases) {
        INFO(c.hour << ":" << c.minute);
        Scene scene;
        scene.in.now = at(17, c.hour, c.minute);
        scene.fire(RuleId::r4);
        const auto d = scene.run();
        REQUIRE(d.create.size() == 1);
        CHECK(d.create[0].deliver_now == !c.quiet);
    }
}

TEST_CASE("Quiet hours that don't wrap midnight, and none at all", "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r4);
    scene.s.nudges.quiet_hours = {{13 * 60}, {15 * 60}};
    scene.in.now = at(17, 12, 59);
    CHECK(scene.run().create.at(0).deliver_now);
    scene.in.now = at(17, 13);
    CHECK_FALSE(scene.run().create.at(0).deliver_now);
    scene.in.now = at(17, 15);
    CHECK(scene.run().create.at(0).deliver_now);
    scene.s.nudges.quiet_hours = {{13 * 60}, {13 * 60}};
    scene.in.now = at(17, 13);
    CHECK(scene.run().create.at(0).deliver_now);
}

TEST_CASE("A held nudge is handed out at the first poll after quiet hours",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.add(RuleId::r4, at(16, 23), false);
    scene.fire(RuleId::r1);

    scene.in.now = at(17, 7, 59);  // still quiet: nothing moves
    CHECK(scene.run().empty());

    scene.in.now = at(17, 8);
    auto d = scene.run();
    CHECK(d.deliver == std::vector<std::string>{"n-3"});
    CHECK(d.create.empty());  // one a poll, and the budget is spent
    CHECK(d.drop.empty());
}

TEST_CASE("A held nudge is dropped after 24 h", "[core][nudges][delivery]") {
    Scene scene;
    scene.add(RuleId::r4, at(16, 12), false);
    scene.in.now = at(17, 12) - 1;
    scene.s.nudges.snoozed_indefinitely = true;  // kept from being handed out
    CHECK(scene.run().empty());
    scene.in.now = at(17, 12);
    CHECK(scene.run().drop == std::vector<std::string>{"n-3"});
}

TEST_CASE("Only one rule nudge is held at a time", "[core][nudges][delivery]") {
    Scene scene;
    scene.in.now = at(17, 23, 30);
    scene.add(RuleId::r4, at(17, 23), false);
    scene.fire(RuleId::r7);
    CHECK(scene.run().empty());
}

TEST_CASE("Snooze: nothing until snoozed_until, exactly, and no catch-up",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r1);
    scene.s.nudges.snoozed_until = kThursdayNoon + kMsPerHour;
    CHECK(scene.run().empty());
    scene.in.now = kThursdayNoon + kMsPerHour - 1;
    CHECK(scene.run().empty());
    scene.in.now = kThursdayNoon + kMsPerHour;
    CHECK(scene.created() == Rules{RuleId::r1});
    // A rule that fired during the snooze and no longer does is not owed.
    scene.in.findings.clear();
    CHECK(scene.run().empty());
}

TEST_CASE("Snooze holds back the reflection and held nudges too", "[core][nudges][delivery]") {
    Scene scene;
    scene.in.now = at(20, 18, 5);  // Sunday, just after the reflection time
    scene.s.nudges.snoozed_indefinitely = true;
    scene.add(RuleId::r2, at(20, 7), false);
    CHECK(scene.run().empty());
    scene.s.nudges.snoozed_indefinitely = false;
    auto d = scene.run();
    CHECK(d.deliver == std::vector<std::string>{"n-3"});
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].rule == RuleId::reflection);
    CHECK_FALSE(d.create[0].deliver_now);  // one a poll: held for the next one
}

TEST_CASE("A pause keeps only the reflection", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.paused_until = at(30, 0);
    scene.fire(RuleId::r1);
    scene.in.now = at(20, 17, 59);
    CHECK(scene.run().empty());
    scene.in.now = at(20, 18);
    CHECK(scene.created() == Rules{RuleId::reflection});
    scene.in.now = at(30, 0) - 1;
    CHECK(scene.run().empty());
    scene.in.now = at(30, 0);
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("settings.nudges.enabled false: nothing, and held nudges are dropped",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.enabled = false;
    scene.fire(RuleId::r1);
    scene.in.now = at(20, 18, 1);
    CHECK(scene.run().create.empty());
    scene.add(RuleId::r4, at(20, 7), false);
    const auto d = scene.run();
    CHECK(d.create.empty());
    CHECK(d.deliver.empty());
    CHECK(d.drop == std::vector<std::string>{"n-3"});
}

TEST_CASE("A rule turned off is not created, and dropped if held", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.r1.enabled = false;
    scene.fire(RuleId::r1);
    scene.fire(RuleId::r3);
    CHECK(scene.created() == Rules{RuleId::r3});
    scene.in.findings.clear();
    scene.add(RuleId::r1, at(17, 7), false);
    CHECK(scene.run().drop == std::vector<std::string>{"n-3"});
}

TEST_CASE("R11 is off by default", "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r11);
    CHECK(scene.run().empty());
    scene.s.r11.enabled = true;
    CHECK(scene.created() == Rules{RuleId::r11});
}

TEST_CASE("Cooldown counts from the last nudge of that rule created", "[core][nudges][delivery]") {
    struct Case {
        RuleId rule;
        Instant last_created;
        bool expect_nudge;
    };
    const std::vector<Case> cases{
        {RuleId::r1, kThursdayNoon - 4 * kMsPerDay + 1, false},  // 4 d cooldown
        {RuleId::r1, kThursdayNoon - 4 * kMsPerDay, true},
        {RuleId::r6, kThursdayNoon - 13 * kMsPerDay, false},  // 14 d
        {RuleId::r6, kThursdayNoon - 14 * kMsPerDay, true},
        {RuleId::r3, kThursdayNoon - kMsPerDay + kMsPerMinute, false},  // 1 d
        {RuleId::r3, kThursdayNoon - kMsPerDay, true},
    };
    for (const auto& c : cases) {
        INFO(to_string(c.rule) << " created " << (kThursdayNoon - c.last_created) << " ms ago");
        Scene scene;
        scene.s.nudges.max_per_day = 2;
        scene.s.nudges.max_per_week = 14;
        scene.add(c.rule, c.last_created);
        scene.fire(c.rule);
        CHECK(scene.created() == (c.expect_nudge ? Rules{c.rule} : Rules{}));
    }
}

TEST_CASE("Cooldown 0 means none; a dropped nudge starts no cooldown", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.max_per_day = 2;
    scene.s.r1.cooldown_days = 0;
    scene.add(RuleId::r1, kThursdayNoon - kMsPerHour);
    scene.fire(RuleId::r1);
    CHECK(scene.created() == Rules{RuleId::r1});

    Scene other;
    auto& held = other.add(RuleId::r2, kThursdayNoon - 2 * kMsPerDay, false);
    held.dropped_at = held.created_at + kMsPerDay;
    other.fire(RuleId::r2);
    CHECK(other.created() == Rules{RuleId::r2});
}

TEST_CASE("Back-off: two 'Keep watching' in a row double the cooldown",
          "[core][nudges][delivery]") {
    struct Case {
        const char* what;
        std::vector<std::pair<NudgeAction, std::optional<int>>> answers;  // oldest first
        Instant factor;
    };
    const auto keep = std::pair<NudgeAction, std::optional<int>>{NudgeAction::snoozed, {}};
    const auto hour = std::pair<NudgeAction, std::optional<int>>{NudgeAction::snoozed, 60};
    const auto helpful = std::pair<NudgeAction, std::optional<int>>{NudgeAction::helpful, {}};
    const std::vector<Case> cases{
        {"none", {}, 1},
        {"one", {keep}, 1},
        {"two", {keep, keep}, 2},
        {"three", {keep, keep, keep}, 2},
        {"four", {keep, keep, keep, keep}, 4},
        {"reset by another answer", {keep, keep, helpful}, 1},
        {"reset, then two", {keep, helpful, keep, keep}, 2},
        {"a timed snooze is another answer", {keep, hour}, 1},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        Scene scene;
        Instant t = at(1, 12);
        for (const auto& [action, minutes] : c.answers) {
            scene.answer(scene.add(RuleId::r1, t), action, minutes);
            t += kMsPerDay;
        }
        scene.add(RuleId::r1, at(2, 12), true);  // unanswered: skipped
        CHECK(effective_cooldown_ms(scene.s, RuleId::r1, scene.in.history) ==
              4 * kMsPerDay * c.factor);
        // Another rule's answers don't touch it.
        CHECK(effective_cooldown_ms(scene.s, RuleId::r2, scene.in.history) == 4 * kMsPerDay);
    }
}

TEST_CASE("Back-off holds back a rule inside its doubled cooldown", "[core][nudges][delivery]") {
    Scene scene;
    scene.answer(scene.add(RuleId::r1, at(5, 12)), NudgeAction::snoozed);
    scene.answer(scene.add(RuleId::r1, at(11, 12)), NudgeAction::snoozed);
    scene.fire(RuleId::r1);
    scene.in.now = at(11, 12) + 8 * kMsPerDay - 1;
    CHECK(scene.created().empty());
    scene.in.now = at(11, 12) + 8 * kMsPerDay;  // day 19, Saturday
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("Three dismissed in 7 days pause all but the reflection for 7 days",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.max_per_week = 14;
    scene.answer(scene.add(RuleId::r3, at(12, 12)), NudgeAction::dismissed);
    scene.answer(scene.add(RuleId::r5, at(14, 12)), NudgeAction::dismissed);
    auto& third = scene.add(RuleId::r9, at(16, 12));
    scene.answer(third, NudgeAction::dismissed);
    const Instant third_at = *third.responded_at;
    CHECK(dismissal_pause_until(scene.in.history, kThursdayNoon) == third_at + 7 * kMsPerDay);

    scene.fire(RuleId::r1);
    CHECK(scene.run().empty());
    scene.in.now = at(20, 18);
    CHECK(scene.created() == Rules{RuleId::reflection});
    scene.in.now = third_at + 7 * kMsPerDay - 1;
    CHECK(scene.created().empty());
    scene.in.now = third_at + 7 * kMsPerDay;
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("Dismissals spread over more than 7 days, or of the reflection, don't pause",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.answer(scene.add(RuleId::r3, at(8, 12)), NudgeAction::dismissed);
    scene.answer(scene.add(RuleId::r5, at(12, 12)), NudgeAction::dismissed);
    scene.answer(scene.add(RuleId::r9, at(15, 12, 2)), NudgeAction::dismissed);
    CHECK_FALSE(dismissal_pause_until(scene.in.history, kThursdayNoon));

    Scene reflections;
    reflections.answer(reflections.add(RuleId::reflection, at(13, 18)), NudgeAction::dismissed);
    reflections.answer(reflections.add(RuleId::r5, at(14, 12)), NudgeAction::dismissed);
    reflections.answer(reflections.add(RuleId::r9, at(16, 12)), NudgeAction::dismissed);
    CHECK_FALSE(dismissal_pause_until(reflections.in.history, kThursdayNoon));
}

TEST_CASE("Spacing: 9 minutes after the last nudge is too soon, 10 is fine",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.add(RuleId::first_week, kThursdayNoon - 9 * kMsPerMinute);
    scene.fire(RuleId::r1);
    CHECK(scene.run().empty());  // not held either: looked at again next poll
    scene.in.now = kThursdayNoon + kMsPerMinute;
    CHECK(scene.created() == Rules{RuleId::r1});
    scene.s.nudges.spacing_min = 0;
    scene.in.now = kThursdayNoon - 9 * kMsPerMinute;
    CHECK(scene.created() == Rules{RuleId::r1});
}

TEST_CASE("Spacing holds back a held nudge too", "[core][nudges][delivery]") {
    Scene scene;
    scene.add(RuleId::r4, at(16, 23), false);
    scene.add(RuleId::reflection, at(17, 8));  // hypothetically just handed out
    scene.in.now = at(17, 8, 9);
    CHECK(scene.run().empty());
    scene.in.now = at(17, 8, 10);
    CHECK(scene.run().deliver == std::vector<std::string>{"n-3"});
}

TEST_CASE("Never a rule nudge while connection is above baseline today",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r1);
    scene.in.connection_above_baseline_today = true;
    CHECK(scene.run().empty());
    scene.in.now = at(20, 18);
    CHECK(scene.created() == Rules{RuleId::reflection});
}

TEST_CASE("Priority: one rule a poll, in NUDGES.md's order", "[core][nudges][delivery]") {
    struct Case {
        Rules fired;
        RuleId winner;
    };
    const std::vector<Case> cases{
        {{RuleId::r3, RuleId::r1}, RuleId::r1},
        {{RuleId::r10, RuleId::r3, RuleId::r6, RuleId::r5}, RuleId::r5},
        {{RuleId::r1, RuleId::r2}, RuleId::r2},
        {{RuleId::r2, RuleId::r4, RuleId::r7}, RuleId::r7},
        {{RuleId::r9, RuleId::r8}, RuleId::r8},
        {{RuleId::r7, RuleId::r11}, RuleId::r11},
    };
    for (const auto& c : cases) {
        INFO("winner " << to_string(c.winner));
        Scene scene;
        scene.s.r11.enabled = true;
        for (RuleId r : c.fired) scene.fire(r);
        CHECK(scene.created() == Rules{c.winner});
    }
}

TEST_CASE("A cooling rule lets the next in priority through", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.max_per_week = 14;
    scene.add(RuleId::r4, at(15, 12));
    scene.fire(RuleId::r4);
    scene.fire(RuleId::r3);
    CHECK(scene.created() == Rules{RuleId::r3});
}

TEST_CASE("Findings carry their creator and detail into the new nudge",
          "[core][nudges][delivery]") {
    Scene scene;
    Finding f;
    f.rule = RuleId::r6;
    f.fired = true;
    f.creator = CreatorKey{"youtube", "alicetalks"};
    f.creator_label = "Alice Talks";
    f.detail = "x";
    scene.in.findings.push_back(f);
    const auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].creator == CreatorKey{"youtube", "alicetalks"});
    CHECK(d.create[0].creator_label == "Alice Talks");
    CHECK(d.create[0].detail == "x");
}

TEST_CASE("The weekly reflection: at its weekday and time, once a week",
          "[core][nudges][delivery]") {
    Scene scene;  // Sunday day 13's reflection is in the history
    scene.in.now = at(20, 17, 59);
    CHECK(scene.run().empty());
    scene.in.now = at(20, 18);
    auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].rule == RuleId::reflection);
    CHECK(d.create[0].deliver_now);
    scene.add(RuleId::reflection, at(20, 18));
    scene.in.now = at(20, 19);
    CHECK(scene.run().empty());
    scene.in.now = at(27, 18);
    CHECK(scene.created() == Rules{RuleId::reflection});
}

TEST_CASE("The reflection is due for 24 h, then skipped", "[core][nudges][delivery]") {
    Scene scene;
    scene.in.now = at(21, 18) - 1;
    CHECK(scene.created() == Rules{RuleId::reflection});
    scene.in.now = at(21, 18);
    CHECK(scene.run().empty());
}

TEST_CASE("The reflection follows its weekday and time settings", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.reflection_weekday = 4;  // Thursday
    scene.s.nudges.reflection_time = {9 * 60 + 30};
    CHECK(last_reflection_time(scene.s, kThursdayNoon, kOffset) == at(17, 9, 30));
    CHECK(last_reflection_time(scene.s, at(17, 9, 29), kOffset) == at(10, 9, 30));
    CHECK(scene.created() == Rules{RuleId::reflection});
}

TEST_CASE("A reflection in quiet hours is held until they end", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.reflection_time = {23 * 60};
    scene.in.now = at(20, 23);
    auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK_FALSE(d.create[0].deliver_now);
}

TEST_CASE("Reflection and a rule in one poll: the reflection now, the rule not held",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.in.now = at(20, 18);
    scene.fire(RuleId::r1);
    const auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    CHECK(d.create[0].rule == RuleId::reflection);
}

TEST_CASE("Two browsers poll in a row: the second gets nothing", "[core][nudges][delivery]") {
    Scene scene;
    scene.fire(RuleId::r1);
    auto d = scene.run();
    REQUIRE(d.create.size() == 1);
    // The first poll's outcome, as the store writes it.
    auto& made = scene.add(RuleId::r1, scene.in.now);
    made.wording = d.create[0].wording;
    scene.in.now += 200;
    CHECK(scene.run().empty());
}

TEST_CASE("Two held nudges after quiet hours come one a poll, spaced", "[core][nudges][delivery]") {
    Scene scene;
    scene.s.nudges.reflection_time = {23 * 60};
    scene.add(RuleId::reflection, at(20, 23), false);
    scene.add(RuleId::r4, at(20, 23, 30), false);
    scene.in.now = at(21, 8);
    CHECK(scene.run().deliver == std::vector<std::string>{"n-3"});
    scene.in.history[2].delivered_at = scene.in.now;
    scene.in.now = at(21, 8, 10);
    CHECK(scene.run().deliver == std::vector<std::string>{"n-4"});
}

TEST_CASE("Wording rotates with the number of earlier nudges of the rule",
          "[core][nudges][delivery]") {
    Scene scene;
    scene.s.r1.cooldown_days = 0;
    scene.s.nudges.max_per_day = 2;
    scene.s.nudges.max_per_week = 14;
    scene.fire(RuleId::r1);
    const std::size_t count = wording_count(RuleId::r1);
    REQUIRE(count >= 5);
    for (std::size_t i = 0; i < count + 2; ++i) {
        INFO(i);
        const auto d = scene.run();
        REQUIRE(d.create.size() == 1);
        CHECK(d.create[0].wording == i % count);
        auto& made = scene.add(RuleId::r1, at(1, 0) + static_cast<Instant>(i) * kMsPerMinute);
        made.dropped_at = made.created_at;  // out of the budget's way
    }
}

TEST_CASE("in_window handles wrapping windows", "[core][nudges][delivery]") {
    const TimeWindow night{{22 * 60}, {8 * 60}};
    CHECK(in_window(night, 22 * 60));
    CHECK(in_window(night, 0));
    CHECK(in_window(night, 8 * 60 - 1));
    CHECK_FALSE(in_window(night, 8 * 60));
    CHECK_FALSE(in_window(night, 22 * 60 - 1));
    CHECK_FALSE(in_window({{5}, {5}}, 5));
}
