// The personas of issue #5 through the whole pure pipeline the host runs on
// every poll (history -> check-in tuning -> signals -> rules -> delivery
// policy), polled every 30 minutes through 28 days, with the policy's
// decisions applied to the nudge history as the store would apply them.
#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/nudges/checkin_tuning.hpp"
#include "core/nudges/delivery_policy.hpp"
#include "core/nudges/persona_activity.hpp"
#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

constexpr int kOffset = 60;
constexpr Instant kPollEvery = 30 * kMsPerMinute;

struct Handed {
    int day = 0;  // 1 = the persona's first day
    int minute_of_day = 0;
    RuleId rule = RuleId::unknown;
    std::string id;
};

// What the user does with a nudge just handed out: nothing by default.
using Answer = std::function<void(NudgeRecord&, Settings&)>;

class Simulation {
public:
    Simulation(Persona persona, Settings settings) : settings_(std::move(settings)) {
        plan_.persona = persona;
        plan_.utc_offset_min = kOffset;
        activity_ = generate_persona_activity(plan_);
    }

    // Polls from day 1 00:00 to the end of day `last_day`; each poll hands
    // out what the policy says, and `answer` reacts to it.
    std::vector<Handed> run(int last_day = 28, const Answer& answer = {}) {
        std::vector<Handed> out;
        const Instant start = local_midnight(plan_.first_day, kOffset);
        const Instant end = local_midnight(plan_.first_day.plus_days(last_day), kOffset);
        for (Instant now = start + kPollEvery; now <= end; now += kPollEvery) {
            for (const auto& id : poll(now)) {
                NudgeRecord& r = find(id);
                const auto local = now + kOffset * kMsPerMinute;
                out.push_back({static_cast<int>(local_date_of(now, kOffset).to_days() -
                                                plan_.first_day.to_days()) +
                                   1,
                               static_cast<int>((local % kMsPerDay) / kMsPerMinute), r.rule, id});
                if (answer) answer(r, settings_);
            }
        }
        return out;
    }

    [[nodiscard]] const std::vector<NudgeRecord>& history() const { return history_; }
    Settings& settings() { return settings_; }

private:
    // One poll, as service/handlers/nudges.cpp runs it; the ids handed out.
    std::vector<std::string> poll(Instant now) {
        const ActivityHistory h =
            history_as_of(activity_.spans, activity_.marks, activity_.checkins, now, kOffset);
        const Settings tuned =
            tuned_by_checkins(settings_, h.checkins, local_date_of(now, kOffset));
        DeliveryInput in;
        in.now = now;
        in.utc_offset_min = kOffset;
        in.first_activity_at = h.first_activity_at;
        in.history = history_;
        if (tuned.nudges.enabled && h.first_activity_at) {
            const Signals s = compute_signals(h, tuned, now, kOffset);
            in.findings = evaluate_rules(s, tuned);
            in.connection_above_baseline_today = s.connection_above_baseline_today();
        }
        const DeliveryDecision d = decide_delivery(in, tuned);
        std::vector<std::string> handed;
        for (const auto& id : d.drop) find(id).dropped_at = now;
        for (const auto& id : d.deliver) {
            find(id).delivered_at = now;
            handed.push_back(id);
        }
        for (const auto& n : d.create) {
            NudgeRecord r;
            r.id = "n-" + std::to_string(history_.size() + 1);
            r.rule = n.rule;
            r.wording = n.wording;
            r.creator = n.creator;
            r.creator_label = n.creator_label;
            r.created_at = now;
            if (n.deliver_now) {
                r.delivered_at = now;
                handed.push_back(r.id);
            }
            history_.push_back(r);
        }
        return handed;
    }

    NudgeRecord& find(const std::string& id) {
        for (auto& r : history_) {
            if (r.id == id) return r;
        }
        FAIL("the policy named a nudge that does not exist: " << id);
        throw std::logic_error("unreachable");
    }

    PersonaPlan plan_;
    PersonaActivity activity_;
    Settings settings_;
    std::vector<NudgeRecord> history_;
};

std::string describe(const std::vector<Handed>& handed) {
    std::string text;
    for (const auto& h : handed) {
        text += "day " + std::to_string(h.day) + " " + std::to_string(h.minute_of_day / 60) + ":" +
                std::to_string(h.minute_of_day % 60) + " " + to_string(h.rule) + "\n";
    }
    return text;
}

// rule -> the days it was handed out on.
std::map<std::string, std::vector<int>> days_by_rule(const std::vector<Handed>& handed) {
    std::map<std::string, std::vector<int>> out;
    for (const auto& h : handed) out[to_string(h.rule)].push_back(h.day);
    return out;
}

using DaysByRule = std::map<std::string, std::vector<int>>;

// Persona day 1 is Monday 2026-10-05: the weekly reflection (Sunday 18:00)
// falls on days 7 (inside the learning period), 14, 21 and 28.
const std::vector<int> kReflections{14, 21, 28};

}  // namespace

TEST_CASE("personas through the whole pipeline: the nudges handed out by day",
          "[core][nudges][persona]") {
    struct Expect {
        Persona persona;
        DaysByRule handed;
    };
    const std::vector<Expect> table{
        {Persona::healthy_fan, {}},
        {Persona::weekend_binge, {}},
        {Persona::late_night_checker, {{"R4", {16, 23}}}},
        {Persona::one_creator_absorption, {{"R6", {15}}}},
        // R2 would come again on day 25, but R1 (20, 24) and R2 (21) have
        // spent the week's budget of 3 until day 27.
        {Persona::isolation_drift, {{"R2", {17, 21, 27}}, {"R1", {20, 24, 28}}}},
        {Persona::big_spender, {{"R7", {9, 15, 17, 20}}}},
        {Persona::chatty_streamer_fan, {{"R8", {16, 23}}}},
        {Persona::sudden_ramp_up, {{"R9", {16, 23}}}},
        {Persona::opinion_tether, {{"R10", {18}}}},
    };
    for (const Expect& e : table) {
        DYNAMIC_SECTION(to_string(e.persona)) {
            Simulation sim(e.persona, Settings{});
            const auto handed = sim.run();
            INFO(describe(handed));
            DaysByRule expected = e.handed;
            expected["first_week"] = {8};
            expected["reflection"] = kReflections;
            CHECK(days_by_rule(handed) == expected);
            for (const auto& h : handed) {
                INFO(describe({h}));
                // Never inside the default quiet hours 22:00-08:00.
                CHECK(h.minute_of_day >= 8 * 60);
                CHECK(h.minute_of_day < 22 * 60);
            }
        }
    }
}

TEST_CASE("personas: the budget caps nudges a day and a week", "[core][nudges][persona]") {
    // Isolation drift fires R1 and R2 every evening from day 20: without
    // cooldowns only the budget holds them back.
    Settings settings;
    settings.r1.cooldown_days = 0;
    settings.r2.cooldown_days = 0;
    Simulation sim(Persona::isolation_drift, settings);
    const auto handed = sim.run();
    INFO(describe(handed));
    std::map<int, int> per_day;
    for (const auto& h : handed) {
        if (counted(h.rule)) ++per_day[h.day];
    }
    const auto days_with_nudges = static_cast<int>(per_day.size());
    for (const auto& [day, count] : per_day) CHECK(count <= 1);
    // Any 7 consecutive local days: at most 3.
    for (int first = 1; first <= 22; ++first) {
        int week = 0;
        for (int day = first; day < first + 7; ++day) {
            if (per_day.count(day)) week += per_day.at(day);
        }
        INFO("days " << first << ".." << first + 6);
        CHECK(week <= 3);
    }
    CHECK(days_with_nudges == 6);  // R2 from day 17: 17, 18, 19, then 24, 25, 26

    settings.nudges.max_per_day = 2;
    settings.nudges.max_per_week = 14;
    Simulation generous(Persona::isolation_drift, settings);
    const auto more = generous.run();
    int counted_total = 0;
    std::map<int, int> more_per_day;
    for (const auto& h : more) {
        if (counted(h.rule)) {
            ++counted_total;
            ++more_per_day[h.day];
        }
    }
    for (const auto& [day, count] : more_per_day) CHECK(count <= 2);
    CHECK(counted_total > days_with_nudges);
}

TEST_CASE("personas: quiet hours hold the late-night nudge until morning",
          "[core][nudges][persona]") {
    Simulation sim(Persona::late_night_checker, Settings{});
    const auto handed = sim.run();
    const auto first_r4 = std::find_if(handed.begin(), handed.end(),
                                       [](const auto& h) { return h.rule == RuleId::r4; });
    REQUIRE(first_r4 != handed.end());
    // The third late night ends at 01:25 on day 16: R4 comes due inside quiet
    // hours, is created then and handed out at the first poll at 08:00.
    CHECK(first_r4->minute_of_day == 8 * 60);
    const auto& record = *std::find_if(sim.history().begin(), sim.history().end(),
                                       [&](const auto& r) { return r.id == first_r4->id; });
    CHECK(record.created_at < *record.delivered_at);

    Settings no_quiet;
    no_quiet.nudges.quiet_hours = {{0}, {0}};
    Simulation awake(Persona::late_night_checker, no_quiet);
    const auto at_night = awake.run();
    const auto r4 = std::find_if(at_night.begin(), at_night.end(),
                                 [](const auto& h) { return h.rule == RuleId::r4; });
    REQUIRE(r4 != at_night.end());
    CHECK(r4->minute_of_day < 8 * 60);
}

TEST_CASE("personas: a snooze holds everything back, with no catch-up", "[core][nudges][persona]") {
    // Snoozed until day 17 00:00: the big spender's spends of days 9 and 15
    // (each due for 24 h) pass unnoticed, and so do the first_week card
    // (due days 8..14) and day 14's reflection. Day 17's spend, after the
    // snooze, is noticed as usual.
    Settings settings;
    settings.nudges.snoozed_until = local_midnight(PersonaPlan{}.first_day.plus_days(16), kOffset);
    Simulation sim(Persona::big_spender, settings);
    const auto handed = sim.run();
    INFO(describe(handed));
    const DaysByRule expected{{"R7", {17, 20}}, {"reflection", {21, 28}}};
    CHECK(days_by_rule(handed) == expected);
}

TEST_CASE("personas: 'Keep watching' twice in a row doubles the cooldown",
          "[core][nudges][persona]") {
    // Sudden ramp-up fires R9 every evening from day 16 (cooldown 7 days).
    const auto keep_watching = [](NudgeRecord& r, Settings&) {
        if (counted(r.rule)) {
            r.response = NudgeAction::snoozed;
            r.responded_at = *r.delivered_at + kMsPerMinute;
        }
    };
    Simulation once(Persona::sudden_ramp_up, Settings{});
    CHECK(days_by_rule(once.run(28, keep_watching)).at("R9") == std::vector<int>{16, 23});

    // Two answers in, the next comes 14 days later: past day 28, so run longer.
    Simulation twice(Persona::sudden_ramp_up, Settings{});
    twice.settings().r9.cooldown_days = 3;
    const auto handed = twice.run(28, keep_watching);
    INFO(describe(handed));
    // 16, 19 (3 d), then 2 x 3 = 6 d: 25.
    CHECK(days_by_rule(handed).at("R9") == std::vector<int>{16, 19, 25});
}

TEST_CASE("personas: three dismissals in a week pause everything but the reflection",
          "[core][nudges][persona]") {
    Settings settings;
    settings.r7.cooldown_days = 0;
    const auto dismiss = [](NudgeRecord& r, Settings&) {
        r.response = NudgeAction::dismissed;
        r.responded_at = *r.delivered_at + kMsPerMinute;
    };
    Simulation sim(Persona::big_spender, settings);
    const auto handed = sim.run(28, dismiss);
    INFO(describe(handed));
    // Undisturbed (no cooldown; each spend is due for 24 h), R7 comes on days
    // 9, 10, 15, 16 and 17, then the week's budget is spent. Dismissed:
    // first_week (8) and R7 (9, 10) pause everything from day 10 for 7 days,
    // so day 15's spend passes unnoticed and the budget is still free on
    // days 17, 18 and 20. The reflections come all the same.
    const DaysByRule expected{
        {"first_week", {8}}, {"R7", {9, 10, 17, 18, 20}}, {"reflection", kReflections}};
    CHECK(days_by_rule(handed) == expected);

    Simulation undisturbed(Persona::big_spender, settings);
    CHECK(days_by_rule(undisturbed.run()).at("R7") == std::vector<int>{9, 10, 15, 16, 17});
}

TEST_CASE("personas: spacing keeps two nudges at least 10 minutes apart",
          "[core][nudges][persona]") {
    // Isolation drift on a generous budget: several nudges a day.
    Settings settings;
    settings.nudges.max_per_day = 2;
    settings.nudges.max_per_week = 14;
    settings.r1.cooldown_days = 0;
    settings.r2.cooldown_days = 0;
    Simulation sim(Persona::isolation_drift, settings);
    sim.run();
    std::vector<Instant> delivered;
    for (const auto& r : sim.history()) {
        if (r.delivered_at) delivered.push_back(*r.delivered_at);
    }
    std::sort(delivered.begin(), delivered.end());
    REQUIRE(delivered.size() > 2);
    for (std::size_t i = 1; i < delivered.size(); ++i) {
        CHECK(delivered[i] - delivered[i - 1] >= 10 * kMsPerMinute);
    }
}
