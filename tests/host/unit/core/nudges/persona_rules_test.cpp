// Each persona of issue #5 through signals, check-in tuning and the rules,
// at 21:00 local on days 8..28: which rules fire on which days.
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/nudges/checkin_tuning.hpp"
#include "core/nudges/persona_activity.hpp"
#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

constexpr int kOffset = 60;

// Day number -> the enabled rules that fired at 21:00 that day.
std::map<int, std::set<std::string>> fired_by_day(Persona persona, const Settings& settings) {
    PersonaPlan plan;
    plan.persona = persona;
    const PersonaActivity a = generate_persona_activity(plan);
    std::map<int, std::set<std::string>> out;
    for (int day = 8; day <= 28; ++day) {
        const Instant now =
            local_midnight(plan.first_day.plus_days(day - 1), kOffset) + 21 * kMsPerHour;
        const ActivityHistory h = history_as_of(a.spans, a.marks, a.checkins, now, kOffset);
        const Signals s = compute_signals(h, settings, now, kOffset);
        const Settings tuned = tuned_by_checkins(settings, h.checkins, s.today);
        for (const Finding& f : evaluate_rules(s, tuned)) {
            const bool enabled = f.rule != RuleId::r11 || tuned.r11.enabled;
            if (f.fired && enabled) out[day].insert(to_string(f.rule));
        }
    }
    return out;
}

std::string describe(const std::map<int, std::set<std::string>>& m) {
    std::string text;
    for (const auto& [day, rules] : m) {
        text += std::to_string(day) + ":";
        for (const auto& r : rules) text += " " + r;
        text += "\n";
    }
    return text;
}

}  // namespace

using Days = std::set<int>;

Days range(int from, int to) {
    Days d;
    for (int i = from; i <= to; ++i) d.insert(i);
    return d;
}

// The days on which `rule` fired, and every other rule that fired at all.
Days days_of(const std::map<int, std::set<std::string>>& fired, const std::string& rule) {
    Days d;
    for (const auto& [day, rules] : fired) {
        if (rules.count(rule)) d.insert(day);
    }
    return d;
}

std::set<std::string> rules_other_than(const std::map<int, std::set<std::string>>& fired,
                                       const std::string& rule) {
    std::set<std::string> others;
    for (const auto& [day, rules] : fired) {
        for (const auto& r : rules) {
            if (r != rule) others.insert(r + " on day " + std::to_string(day));
        }
    }
    return others;
}

TEST_CASE("personas: the rules that fire by day at 21:00, days 8-28, default settings") {
    struct Expect {
        Persona persona;
        std::vector<std::pair<std::string, Days>> fired;  // rule -> exactly these days
    };
    const std::vector<Expect> table{
        {Persona::healthy_fan, {}},
        {Persona::weekend_binge, {}},
        {Persona::late_night_checker, {{"R4", range(16, 28)}}},
        {Persona::one_creator_absorption, {{"R6", range(15, 28)}}},
        {Persona::isolation_drift, {{"R2", range(17, 28)}, {"R1", range(20, 28)}}},
        {Persona::big_spender, {{"R7", {9, 15, 17, 20}}}},
        {Persona::chatty_streamer_fan, {{"R8", range(16, 28)}}},
        {Persona::sudden_ramp_up, {{"R9", range(16, 28)}}},
        {Persona::opinion_tether, {{"R10", range(18, 28)}}},
    };
    for (const Expect& e : table) {
        DYNAMIC_SECTION(to_string(e.persona)) {
            const auto fired = fired_by_day(e.persona, Settings{});
            INFO(describe(fired));
            std::set<std::string> expected_rules;
            for (const auto& [rule, days] : e.fired) {
                CHECK(days_of(fired, rule) == days);
                expected_rules.insert(rule);
            }
            std::set<std::string> unexpected;
            for (const auto& [day, rules] : fired) {
                for (const auto& r : rules) {
                    if (!expected_rules.count(r))
                        unexpected.insert(r + " on day " + std::to_string(day));
                }
            }
            CHECK(unexpected.empty());
        }
    }
}

TEST_CASE("personas: weekend binge goes over a 60-minute goal on weekend days only") {
    Settings settings;
    settings.r3.daily_goal_min = 60;
    const auto fired = fired_by_day(Persona::weekend_binge, settings);
    INFO(describe(fired));
    CHECK(days_of(fired, "R3") == Days{13, 14, 20, 21, 27, 28});
    CHECK(rules_other_than(fired, "R3").empty());
}

TEST_CASE("personas: the chatty fan trips the opt-in boundary guard once chat passes 10 a day") {
    Settings settings;
    settings.r11.enabled = true;
    const auto fired = fired_by_day(Persona::chatty_streamer_fan, settings);
    INFO(describe(fired));
    CHECK(days_of(fired, "R11") == range(12, 28));
    CHECK(days_of(fired, "R8") == range(16, 28));
}

TEST_CASE("personas: isolation drift without connection tracking never reports a drought") {
    Settings settings;
    settings.tracking.connection_time = false;
    const auto fired = fired_by_day(Persona::isolation_drift, settings);
    INFO(describe(fired));
    CHECK(days_of(fired, "R2").empty());
    CHECK(days_of(fired, "R1") == range(20, 28));
}

TEST_CASE("personas: the generator is deterministic and its ids are protocol-valid and unique") {
    for (Persona p : kAllPersonas) {
        PersonaPlan plan;
        plan.persona = p;
        const PersonaActivity a = generate_persona_activity(plan);
        const PersonaActivity b = generate_persona_activity(plan);
        REQUIRE(a.spans.size() == b.spans.size());
        std::set<std::string> ids;
        for (std::size_t i = 0; i < a.spans.size(); ++i) {
            CHECK(a.spans[i].id == b.spans[i].id);
            CHECK(a.spans[i].start == b.spans[i].start);
            CHECK(a.spans[i].end == b.spans[i].end);
            CHECK(a.spans[i].start < a.spans[i].end);
            ids.insert(a.spans[i].id);
        }
        for (const Mark& m : a.marks) ids.insert(m.id);
        CHECK(ids.size() == a.spans.size() + a.marks.size());
        for (const std::string& id : ids) {
            CHECK(id.size() >= 8);
            CHECK(id.size() <= 64);
            CHECK(id.find_first_not_of(
                      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") ==
                  std::string::npos);
        }
        PersonaPlan other = plan;
        other.seed = 2;
        const PersonaActivity c = generate_persona_activity(other);
        REQUIRE(!c.spans.empty());
        CHECK((c.spans.size() != a.spans.size() || c.spans.back().end != a.spans.back().end));
    }
}

TEST_CASE("personas: history_as_of hands over only what happened by then") {
    PersonaPlan plan;
    plan.persona = Persona::big_spender;
    const PersonaActivity a = generate_persona_activity(plan);
    const Instant now =
        local_midnight(plan.first_day.plus_days(8), kOffset) + 15 * kMsPerHour + 20 * kMsPerMinute;
    const ActivityHistory h = history_as_of(a.spans, a.marks, a.checkins, now, kOffset);
    REQUIRE(h.first_activity_at);
    CHECK(*h.first_activity_at == a.spans.front().start);
    for (const HistorySpan& s : h.spans) {
        CHECK(s.end <= now);
        CHECK(s.start < s.end);
        if (s.kind == SpanKind::creator) {
            REQUIRE(s.creator >= 0);
            CHECK(static_cast<std::size_t>(s.creator) < h.creators.size());
        }
    }
    REQUIRE(h.marks.size() == 1);  // the first spend, day 9 15:10
    CHECK(h.marks.front().at <= now);
    bool ember_labelled = false;
    for (const CreatorRecord& c : h.creators)
        ember_labelled |= c.key.handle == "ember" && c.label == "Ember";
    CHECK(ember_labelled);
}
