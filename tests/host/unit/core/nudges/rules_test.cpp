// R1..R11 at each threshold edge: just below, at and above, with and without
// a baseline, and where "nearly fired" starts (80% of the main figure).
#include "core/nudges/rules.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/nudges/rules/r1_balance_shift.hpp"
#include "core/nudges/rules/r7_spending.hpp"

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

enum class Outcome { none, nearly, fired };

const char* name(Outcome o) {
    switch (o) {
        case Outcome::none:
            return "none";
        case Outcome::nearly:
            return "nearly";
        case Outcome::fired:
            return "fired";
    }
    return "?";
}

using Setup = std::function<void(Signals&, Settings&)>;

struct Row {
    std::string name;
    Setup setup;
    Outcome expect;
    std::string detail = "";
};

constexpr std::int64_t kHour = 3600;

// A quiet week with every figure at zero and baselines where a row sets them.
Signals blank() {
    Signals s;
    s.today = LocalDate{2026, 11, 25};
    return s;
}

const Finding* find(const std::vector<Finding>& findings, RuleId rule) {
    for (const Finding& f : findings) {
        if (f.rule == rule) return &f;
    }
    return nullptr;
}

void check_rule(RuleId rule, const Setup& base, const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        DYNAMIC_SECTION(to_string(rule) << ": " << row.name) {
            Signals s = blank();
            Settings settings;
            base(s, settings);
            row.setup(s, settings);
            const std::vector<Finding> findings = evaluate_rules(s, settings);
            const Finding* f = find(findings, rule);
            const Outcome got = !f ? Outcome::none : f->fired ? Outcome::fired : Outcome::nearly;
            INFO("expected " << name(row.expect) << ", got " << name(got));
            CHECK(got == row.expect);
            if (f && row.expect == Outcome::fired) {
                CHECK(f->detail == row.detail);
                if (rule != RuleId::r11) CHECK_FALSE(f->insight.empty());
            }
        }
    }
}

}  // namespace

TEST_CASE("rules: R1 balance shift") {
    const Setup base = [](Signals& s, Settings&) {
        s.ratio_7 = 0.85;
        s.pt_7_s = 10 * kHour;
        s.rt_d_baseline_min = 30;  // 210 a week; 0.7 x = 147
        s.rt_7_min = 147;
    };
    check_rule(
        RuleId::r1, base,
        {
            {"all at their thresholds", [](Signals&, Settings&) {}, Outcome::fired},
            {"ratio just below", [](Signals& s, Settings&) { s.ratio_7 = 0.8499; },
             Outcome::nearly},
            {"ratio above", [](Signals& s, Settings&) { s.ratio_7 = 0.95; }, Outcome::fired},
            {"ratio at 80% of the threshold", [](Signals& s, Settings&) { s.ratio_7 = 0.68; },
             Outcome::nearly},
            {"ratio under 80%", [](Signals& s, Settings&) { s.ratio_7 = 0.679; }, Outcome::none},
            {"no ratio", [](Signals& s, Settings&) { s.ratio_7.reset(); }, Outcome::none},
            {"PT_7 a second short", [](Signals& s, Settings&) { s.pt_7_s -= 1; }, Outcome::none},
            {"PT_7 above", [](Signals& s, Settings&) { s.pt_7_s += kHour; }, Outcome::fired},
            {"RT_7 just above 0.7 x baseline", [](Signals& s, Settings&) { s.rt_7_min = 147.01; },
             Outcome::none},
            {"RT_7 below", [](Signals& s, Settings&) { s.rt_7_min = 100; }, Outcome::fired},
            {"no baseline, RT_7 just under the floor",
             [](Signals& s, Settings&) {
                 s.rt_d_baseline_min.reset();
                 s.rt_7_min = 149.9;
             },
             Outcome::fired},
            {"no baseline, RT_7 at the floor",
             [](Signals& s, Settings&) {
                 s.rt_d_baseline_min.reset();
                 s.rt_7_min = 150;
             },
             Outcome::none},
            {"a stricter user setting", [](Signals&, Settings& c) { c.r1.min_ratio = 0.9; },
             Outcome::nearly},
        });
}

TEST_CASE("rules: R2 connection drought") {
    const Setup base = [](Signals& s, Settings&) {
        s.drought_ms = 72 * kMsPerHour;
        s.drought_min_creator_min_per_day = 60;
    };
    check_rule(
        RuleId::r2, base,
        {
            {"72 h, 60 min every day", [](Signals&, Settings&) {}, Outcome::fired},
            {"a millisecond short", [](Signals& s, Settings&) { s.drought_ms -= 1; },
             Outcome::nearly},
            {"longer", [](Signals& s, Settings&) { s.drought_ms *= 2; }, Outcome::fired},
            {"80% of 72 h",
             [](Signals& s, Settings&) { s.drought_ms = 57 * kMsPerHour + 36 * kMsPerMinute; },
             Outcome::nearly},
            {"under 80%", [](Signals& s, Settings&) { s.drought_ms = 57 * kMsPerHour; },
             Outcome::none},
            {"a day just under 60 min",
             [](Signals& s, Settings&) { s.drought_min_creator_min_per_day = 59.99; },
             Outcome::none},
            {"more creator time",
             [](Signals& s, Settings&) { s.drought_min_creator_min_per_day = 200; },
             Outcome::fired},
            {"no complete day: today's PT counts",
             [](Signals& s, Settings& c) {
                 c.r2.drought_hours = 12;
                 s.drought_min_creator_min_per_day.reset();
                 s.pt_d_s = 60 * 60;
             },
             Outcome::fired},
            {"no complete day, today under 60",
             [](Signals& s, Settings& c) {
                 c.r2.drought_hours = 12;
                 s.drought_min_creator_min_per_day.reset();
                 s.pt_d_s = 59 * 60;
             },
             Outcome::none},
            {"connection tracking off",
             [](Signals& s, Settings&) { s.connection_tracking = false; }, Outcome::none},
        });
}

TEST_CASE("rules: R3 over your own goal") {
    const auto minutes = [](double m) { return static_cast<std::int64_t>(m * 60); };
    check_rule(
        RuleId::r3, [](Signals&, Settings&) {},
        {
            {"no baseline: the floor, just under",
             [&](Signals& s, Settings&) { s.pt_d_s = minutes(120) - 1; }, Outcome::nearly},
            {"no baseline: at the floor", [&](Signals& s, Settings&) { s.pt_d_s = minutes(120); },
             Outcome::fired, "median"},
            {"no baseline: above", [&](Signals& s, Settings&) { s.pt_d_s = minutes(200); },
             Outcome::fired, "median"},
            {"80% of the floor", [&](Signals& s, Settings&) { s.pt_d_s = minutes(96); },
             Outcome::nearly},
            {"under 80%", [&](Signals& s, Settings&) { s.pt_d_s = minutes(96) - 1; },
             Outcome::none},
            {"1.5 x a 100 min median: just under 150",
             [&](Signals& s, Settings&) {
                 s.pt_d_baseline_s = minutes(100);
                 s.pt_d_s = minutes(150) - 1;
             },
             Outcome::nearly},
            {"1.5 x a 100 min median: at 150",
             [&](Signals& s, Settings&) {
                 s.pt_d_baseline_s = minutes(100);
                 s.pt_d_s = minutes(150);
             },
             Outcome::fired, "median"},
            {"a low median leaves the floor",
             [&](Signals& s, Settings&) {
                 s.pt_d_baseline_s = minutes(40);
                 s.pt_d_s = minutes(120);
             },
             Outcome::fired, "median"},
            {"a goal: at it is not over it",
             [&](Signals& s, Settings& c) {
                 c.r3.daily_goal_min = 60;
                 s.pt_d_s = minutes(60);
             },
             Outcome::nearly},
            {"a goal: a second over",
             [&](Signals& s, Settings& c) {
                 c.r3.daily_goal_min = 60;
                 s.pt_d_s = minutes(60) + 1;
             },
             Outcome::fired, "goal"},
            {"a goal below the floor replaces it",
             [&](Signals& s, Settings& c) {
                 c.r3.daily_goal_min = 30;
                 s.pt_d_s = minutes(45);
             },
             Outcome::fired, "goal"},
            {"a goal above the floor replaces it",
             [&](Signals& s, Settings& c) {
                 c.r3.daily_goal_min = 180;
                 s.pt_d_s = minutes(130);
             },
             Outcome::none},
        });
}

TEST_CASE("rules: R4 late nights") {
    check_rule(
        RuleId::r4, [](Signals&, Settings&) {},
        {
            {"2 of 7 nights", [](Signals& s, Settings&) { s.night_min = {30, 0, 0, 45, 0, 0, 0}; },
             Outcome::none},
            {"3 of 7 nights", [](Signals& s, Settings&) { s.night_min = {30, 0, 0, 45, 0, 0, 31}; },
             Outcome::fired},
            {"5 of 7 nights",
             [](Signals& s, Settings&) { s.night_min = {30, 30, 30, 30, 30, 0, 0}; },
             Outcome::fired},
            {"a night just under 30 min",
             [](Signals& s, Settings&) { s.night_min = {30, 0, 0, 45, 0, 0, 29.99}; },
             Outcome::none},
            {"3 of 7, but only the last 5 looked at",
             [](Signals& s, Settings& c) {
                 c.r4.of_nights = 5;
                 s.night_min = {30, 0, 0, 45, 0, 0, 31};
             },
             Outcome::none},
            {"4 of 5 required: 4 is nearly",
             [](Signals& s, Settings& c) {
                 c.r4.nights = 5;
                 s.night_min = {30, 30, 30, 30, 0, 0, 0};
             },
             Outcome::nearly},
        });
}

TEST_CASE("rules: R5 checking loop") {
    const auto checks = [](int n, int short_n) {
        return [=](Signals& s, Settings&) {
            s.checks_d = n;
            s.short_checks_d = short_n;
        };
    };
    const auto with_baseline = [](double usual, int n, int short_n) {
        return [=](Signals& s, Settings&) {
            s.checks_d_baseline = usual;
            s.checks_d = n;
            s.short_checks_d = short_n;
        };
    };
    check_rule(RuleId::r5, [](Signals&, Settings&) {},
               {
                   {"no baseline: 11 checks", checks(11, 6), Outcome::nearly},
                   {"no baseline: 12 checks, half short", checks(12, 6), Outcome::fired},
                   {"no baseline: 20 checks", checks(20, 20), Outcome::fired},
                   {"under 80% of 12", checks(9, 9), Outcome::none},
                   {"12 checks, under half short", checks(12, 5), Outcome::none},
                   {"no checks", checks(0, 0), Outcome::none},
                   {"usual 3: twice that is 6", with_baseline(3, 6, 3), Outcome::fired},
                   {"usual 3: 5 is nearly", with_baseline(3, 5, 3), Outcome::nearly},
                   {"usual 1: never under half of 12", with_baseline(1, 5, 5), Outcome::nearly},
                   {"usual 1: 6", with_baseline(1, 6, 6), Outcome::fired},
                   {"usual 10: 12 still", with_baseline(10, 11, 11), Outcome::nearly},
                   {"usual 10: at 12", with_baseline(10, 12, 12), Outcome::fired},
                   {"usual 2.5: 2 x rounds up to 5, floored at 6", with_baseline(2.5, 6, 3),
                    Outcome::fired},
               });
}

TEST_CASE("rules: R6 one-person absorption") {
    const Setup base = [](Signals& s, Settings&) {
        CreatorWeek top;
        top.key = {"youtube", "nova"};
        top.label = "Nova";
        top.seconds_7d = 5 * kHour;
        top.share_7d = 0.6;
        top.episodes_by_day = {5, 0, 6, 5, 0, 7, 0};
        s.creators_7d.push_back(top);
        CreatorWeek other;
        other.key = {"youtube", "lab"};
        other.seconds_7d = kHour;
        s.creators_7d.push_back(other);
    };
    const auto top = [](Signals& s) -> CreatorWeek& { return s.creators_7d.front(); };
    check_rule(
        RuleId::r6, base,
        {
            {"all at their thresholds", [](Signals&, Settings&) {}, Outcome::fired},
            {"share just under", [=](Signals& s, Settings&) { top(s).share_7d = 0.599; },
             Outcome::nearly},
            {"share above", [=](Signals& s, Settings&) { top(s).share_7d = 0.9; }, Outcome::fired},
            {"share at 80%", [=](Signals& s, Settings&) { top(s).share_7d = 0.48; },
             Outcome::nearly},
            {"share under 80%", [=](Signals& s, Settings&) { top(s).share_7d = 0.47; },
             Outcome::none},
            {"a second under 5 h", [=](Signals& s, Settings&) { top(s).seconds_7d -= 1; },
             Outcome::none},
            {"only 3 busy days",
             [=](Signals& s, Settings&) { top(s).episodes_by_day = {5, 0, 6, 4, 0, 7, 0}; },
             Outcome::none},
            {"5 busy days",
             [=](Signals& s, Settings&) { top(s).episodes_by_day = {5, 5, 5, 5, 5, 0, 0}; },
             Outcome::fired},
            {"no creators", [](Signals& s, Settings&) { s.creators_7d.clear(); }, Outcome::none},
        });
    Signals s = blank();
    Settings settings;
    base(s, settings);
    const std::vector<Finding> findings = evaluate_rules(s, settings);
    const Finding* f = find(findings, RuleId::r6);
    REQUIRE(f);
    REQUIRE(f->creator);
    CHECK(f->creator->handle == "nova");
    CHECK(f->creator_label == "Nova");
    CHECK(f->insight.find("Nova") != std::string::npos);
}

TEST_CASE("rules: R7 spending check") {
    const auto spend = [](int marks_7d, bool night, bool first) {
        return [=](Signals& s, Settings&) {
            RecentSpend r;
            r.at = 1;
            r.creator = {"twitch", "ember"};
            r.label = "Ember";
            r.marks_7d = marks_7d;
            r.at_night = night;
            r.first_ever = first;
            s.recent_spends.push_back(r);
        };
    };
    check_rule(
        RuleId::r7, [](Signals&, Settings&) {},
        {
            {"no spend in 24 h", [](Signals&, Settings&) {}, Outcome::none},
            {"a second spend in 7 days", spend(2, false, false), Outcome::none},
            {"a third spend in 7 days", spend(3, false, false), Outcome::fired, "repeat_spend"},
            {"a fifth", spend(5, false, false), Outcome::fired, "repeat_spend"},
            {"a spend at night", spend(1, true, false), Outcome::fired, "night_spend"},
            {"night beats repeat", spend(4, true, false), Outcome::fired, "night_spend"},
            {"the first spend ever", spend(1, false, true), Outcome::fired, "first_spend"},
            {"4 of 5 is nearly",
             [=](Signals& s, Settings& c) {
                 c.r7.spend_marks_7d = 5;
                 spend(4, false, false)(s, c);
             },
             Outcome::nearly},
            {"a user's threshold of 2",
             [=](Signals& s, Settings& c) {
                 c.r7.spend_marks_7d = 2;
                 spend(2, false, false)(s, c);
             },
             Outcome::fired, "repeat_spend"},
        });
    // About the mark that triggered it: the latest of its kind.
    Signals s = blank();
    RecentSpend a;
    a.creator = {"twitch", "ember"};
    a.label = "Ember";
    a.marks_7d = 3;
    RecentSpend b = a;
    b.creator = {"patreon", "quill"};
    b.label = "Quill";
    b.marks_7d = 1;
    s.recent_spends = {a, b};
    const std::optional<Finding> f = evaluate_r7(s, Settings{}.r7);
    REQUIRE(f);
    CHECK(f->detail == "repeat_spend");
    CHECK(f->creator_label == "Ember");
}

TEST_CASE("rules: R8 one-and-a-half-sided chat") {
    const Setup base = [](Signals& s, Settings&) {
        s.live_s_7d = 8 * kHour;
        s.chat_messages_7d = 150;
        s.rt_d_baseline_min = 30;  // 210 a week
        s.rt_7_min = 209.9;
        s.top_chat_creator_7d = CreatorKey{"twitch", "comet"};
        s.top_chat_label_7d = "Comet";
    };
    check_rule(
        RuleId::r8, base,
        {
            {"all at their thresholds", [](Signals&, Settings&) {}, Outcome::fired},
            {"live a second short", [](Signals& s, Settings&) { s.live_s_7d -= 1; },
             Outcome::nearly},
            {"live above", [](Signals& s, Settings&) { s.live_s_7d += kHour; }, Outcome::fired},
            {"live at 80%", [](Signals& s, Settings&) { s.live_s_7d = 6 * kHour + 24 * 60; },
             Outcome::nearly},
            {"live under 80%", [](Signals& s, Settings&) { s.live_s_7d = 6 * kHour + 24 * 60 - 1; },
             Outcome::none},
            {"149 messages", [](Signals& s, Settings&) { s.chat_messages_7d = 149; },
             Outcome::none},
            {"connection at baseline", [](Signals& s, Settings&) { s.rt_7_min = 210; },
             Outcome::none},
            {"no baseline", [](Signals& s, Settings&) { s.rt_d_baseline_min.reset(); },
             Outcome::none},
        });
}

TEST_CASE("rules: R9 sudden ramp-up") {
    const Setup base = [](Signals& s, Settings&) {
        s.pt_d_baseline_s = 60 * 60;  // 7 h a week; 1.5 x = 10.5 h
        s.pt_7_s = 10 * kHour + 30 * 60;
        s.rt_d_baseline_min = 30;  // 210 a week; 0.8 x = 168
        s.rt_7_min = 168;
    };
    check_rule(
        RuleId::r9, base,
        {
            {"all at their thresholds", [](Signals&, Settings&) {}, Outcome::fired},
            {"PT_7 a second short", [](Signals& s, Settings&) { s.pt_7_s -= 1; }, Outcome::nearly},
            {"PT_7 above", [](Signals& s, Settings&) { s.pt_7_s *= 2; }, Outcome::fired},
            {"PT_7 at 80% of 1.5 x", [](Signals& s, Settings&) { s.pt_7_s = 8 * kHour + 24 * 60; },
             Outcome::nearly},
            {"PT_7 under 80%", [](Signals& s, Settings&) { s.pt_7_s = 8 * kHour + 24 * 60 - 1; },
             Outcome::none},
            {"RT_7 just above 0.8 x", [](Signals& s, Settings&) { s.rt_7_min = 168.01; },
             Outcome::none},
            {"no PT baseline", [](Signals& s, Settings&) { s.pt_d_baseline_s.reset(); },
             Outcome::none},
            {"a PT baseline of 0", [](Signals& s, Settings&) { s.pt_d_baseline_s = 0.0; },
             Outcome::none},
            {"no RT baseline", [](Signals& s, Settings&) { s.rt_d_baseline_min.reset(); },
             Outcome::none},
        });
}

TEST_CASE("rules: R10 opinion tether") {
    const auto leans = [](std::vector<int> v) {
        return [=](Signals& s, Settings&) { s.opinion_leans = v; };
    };
    check_rule(RuleId::r10, [](Signals&, Settings&) {},
               {
                   {"no check-ins", leans({}), Outcome::none},
                   {"one 5", leans({5}), Outcome::none},
                   {"4 and 5", leans({4, 5}), Outcome::fired},
                   {"2 of the last 3", leans({4, 1, 5}), Outcome::fired},
                   {"3 of 3", leans({4, 4, 5}), Outcome::fired},
                   {"older ones do not count", leans({5, 5, 1, 2, 3}), Outcome::none},
                   {"3s are not 4s", leans({3, 3, 3}), Outcome::none},
                   {"min_lean 3",
                    [](Signals& s, Settings& c) {
                        c.r10.min_lean = 3;
                        s.opinion_leans = {3, 3, 1};
                    },
                    Outcome::fired},
                   {"3 needed of 4, 2 there: under 80%, not nearly",
                    [](Signals& s, Settings& c) {
                        c.r10.of_checkins = 4;
                        c.r10.min_count = 3;
                        s.opinion_leans = {5, 1, 5, 1};
                    },
                    Outcome::none},
                   {"3 needed of 4, 3 there",
                    [](Signals& s, Settings& c) {
                        c.r10.of_checkins = 4;
                        c.r10.min_count = 3;
                        s.opinion_leans = {5, 1, 5, 4};
                    },
                    Outcome::fired},
               });
}

TEST_CASE("rules: R11 boundary guard") {
    const auto chat = [](int n) {
        return [=](Signals& s, Settings&) {
            s.chat_messages_24h_top = n;
            s.top_chat_creator_24h = CreatorKey{"twitch", "comet"};
            s.top_chat_label_24h = "Comet";
        };
    };
    check_rule(RuleId::r11, [](Signals&, Settings&) {},
               {
                   {"9 messages: never nearly", chat(9), Outcome::none},
                   {"10 messages", chat(10), Outcome::fired, "messages"},
                   {"40 messages", chat(40), Outcome::fired, "messages"},
                   {"no chat", [](Signals&, Settings&) {}, Outcome::none},
               });
}

TEST_CASE("rules: evaluate_rules reports in priority order and ignores `enabled`") {
    Signals s = blank();
    s.chat_messages_24h_top = 30;
    s.top_chat_creator_24h = CreatorKey{"twitch", "comet"};
    s.night_min = {40, 40, 40, 0, 0, 0, 0};
    s.pt_d_s = 100 * 60;  // R3 nearly (100 of 120)
    s.opinion_leans = {5, 5};
    Settings settings;
    settings.r4.enabled = false;
    const std::vector<Finding> findings = evaluate_rules(s, settings);
    std::vector<std::string> order;
    for (const Finding& f : findings)
        order.push_back(to_string(f.rule) + std::string(f.fired ? "!" : "?"));
    CHECK(order == std::vector<std::string>{"R11!", "R4!", "R3?", "R10!"});
}

TEST_CASE("rules: a rule function alone, as the delivery policy's tests may call it") {
    Signals s = blank();
    s.ratio_7 = 0.9;
    s.pt_7_s = 12 * kHour;
    s.rt_7_min = 20;
    const std::optional<Finding> f = evaluate_r1(s, Settings{}.r1);
    REQUIRE(f);
    CHECK(f->fired);
    CHECK(f->rule == RuleId::r1);
    CHECK(f->figure == Approx(0.9));
    CHECK(f->threshold == Approx(0.85));
    CHECK_FALSE(f->creator);
}
