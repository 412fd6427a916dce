#pragma once
// The nudge rules of NUDGES.md, plus the two cards outside the rulebook.
#include <array>
#include <string_view>

namespace parasol::core::nudges {

// `unknown` first: decoding rejects it.
enum class RuleId { unknown, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, first_week, reflection };

// R1..R11 in NUDGES.md's priority order: when several are due, the first wins.
constexpr std::array<RuleId, 11> kPriorityOrder{RuleId::r11, RuleId::r7, RuleId::r4, RuleId::r2,
                                                RuleId::r1,  RuleId::r8, RuleId::r9, RuleId::r5,
                                                RuleId::r6,  RuleId::r3, RuleId::r10};

// "R1".."R11", "first_week", "reflection" (the wire names).
const char* to_string(RuleId rule);
RuleId rule_id_from(std::string_view name);  // unknown if not a wire name

// Position in kPriorityOrder (0 wins); first_week and reflection come before
// every rule, since neither is counted against the budget.
int priority(RuleId rule);

}  // namespace parasol::core::nudges
