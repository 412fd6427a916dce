#pragma once
// One nudge in the history (the `nudges` table): what was created, when it
// was handed out or dropped, and what the user answered. The delivery policy
// computes cooldowns, budgets, back-off and rotation from these, so they
// survive restarts. Plain data.
#include <cstddef>
#include <optional>
#include <string>

#include "core/activity.hpp"
#include "core/instant.hpp"
#include "core/nudges/nudge_action.hpp"
#include "core/nudges/rule_id.hpp"

namespace parasol::core::nudges {

struct NudgeRecord {
    std::string id;  // the id on the wire
    RuleId rule = RuleId::unknown;
    std::size_t wording = 0;  // the variant shown (wording rotation)
    std::string title;
    std::string message;
    std::optional<CreatorKey> creator;
    std::string creator_label;
    Instant created_at = 0;
    // Set in the transaction that hands it out, so it is handed out once.
    std::optional<Instant> delivered_at;
    // Held past 24 h (quiet hours), or its rule was turned off while held.
    std::optional<Instant> dropped_at;
    NudgeAction response = NudgeAction::unknown;  // unknown: not answered
    std::optional<int> snooze_min;                // with NudgeAction::snoozed only
    std::optional<Instant> responded_at;

    // Created and neither handed out nor dropped: waiting for a breakpoint
    // after quiet hours (or spacing).
    [[nodiscard]] bool held() const { return !delivered_at && !dropped_at; }
};

// R1..R11: the rules that count against the daily and weekly budget
// (first_week and reflection do not).
[[nodiscard]] inline bool counted(RuleId rule) {
    return rule != RuleId::first_week && rule != RuleId::reflection && rule != RuleId::unknown;
}

}  // namespace parasol::core::nudges
