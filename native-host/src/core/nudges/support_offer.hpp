#pragma once
// NUDGES.md "Check-in": "often" lonely twice alongside R1 or R2 offers gentle
// resources. Pure; no score or label is ever shown, only one more choice.
#include <vector>

#include "core/activity.hpp"
#include "core/local_date.hpp"
#include "core/nudges/rule_id.hpp"
#include "core/nudges/wording.hpp"

namespace parasol::core::nudges {

// How far back "twice" looks: the check-ins of the last four weeks.
constexpr int kSupportLookbackDays = 28;

// Whether a nudge of `rule` offers the support page: the rule is R1 or R2 and
// at least two check-ins dated within kSupportLookbackDays up to `today`
// answered the loneliness item "often" (lonely == 3).
bool offers_support(RuleId rule, const std::vector<Checkin>& checkins, LocalDate today);

// The choice the nudge gains (last, after "Keep watching": the pop-up shows it;
// Chromium's two buttons keep the rule's own pair). Records `helpful` and
// opens the extension's support page.
Choice support_choice();

}  // namespace parasol::core::nudges
