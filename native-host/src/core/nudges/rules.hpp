#pragma once
// R1..R11 of NUDGES.md over the signals. Each rule is a pure function in its
// own file under core/nudges/rules/; this is the one place that runs them all.
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/nudges/rule_id.hpp"
#include "core/nudges/signals.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

struct Finding {
    RuleId rule = RuleId::unknown;
    // true: the rule's conditions hold now; false: it nearly fired (for the
    // weekly reflection's insight), never delivered.
    bool fired = false;
    std::optional<CreatorKey> creator;  // the creator it is about (R6, R7, R8, R10, R11)
    std::string creator_label;
    // Which way the rule fired, when it has more than one, for the wording:
    // R3 "goal" | "median"; R7 "first_spend" | "night_spend" | "repeat_spend";
    // R11 "messages" | "people_search"; "" otherwise.
    std::string detail;
    // One neutral sentence for the weekly reflection, no numbers framed as loss.
    std::string insight;
    // The rule's main figure now and the threshold it is compared with, in
    // the rule's own units (see kNearMissShare below); for tests and logs.
    double figure = 0.0;
    double threshold = 0.0;
};

// "Nearly fired" (Finding::fired == false): every other condition of the rule
// holds and its main figure reached kNearMissShare of its threshold. Main
// figures: R1 ratio_7; R2 drought hours; R3 PT_d minutes; R4 late nights;
// R5 checks_d; R6 the top creator's share_7; R7 spend marks in 7 days; R8
// live hours in 7 days; R9 PT_7 / its weekly baseline; R10 lean answers at
// or above min_lean. R11 is never reported, so it has no near misses.
constexpr double kNearMissShare = 0.8;
// The tolerance keeps "exactly 80%" from failing on rounding (0.8 x 1.5).
[[nodiscard]] constexpr bool nearly(double figure, double threshold) {
    return figure >= kNearMissShare * threshold - 1e-9;
}

// Every rule's finding at this moment, fired or nearly fired, in NUDGES.md's
// priority order. Ignores `enabled`, cooldowns, budgets and quiet hours: the
// delivery policy applies those.
std::vector<Finding> evaluate_rules(const Signals& signals, const Settings& settings);

}  // namespace parasol::core::nudges
