#pragma once
// R6 One-person absorption: for the creator with most time this week,
// share_7(c) >= min_share, PT_7(c) >= min_creator_hours_7d hours, and
// >= min_episodes_per_day episodes with c on >= min_days of the 7 days.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r6(const Signals& signals, const Settings::R6& rule);

}  // namespace parasol::core::nudges
