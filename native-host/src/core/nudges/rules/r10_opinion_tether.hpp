#pragma once
// R10 Opinion tether (self-report): opinion_lean >= min_lean in at least
// min_count of the last of_checkins check-ins that answered the item. About
// the creator with most time this week.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r10(const Signals& signals, const Settings::R10& rule);

}  // namespace parasol::core::nudges
