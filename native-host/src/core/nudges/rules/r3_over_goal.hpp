#pragma once
// R3 Over your own goal: PT_d (today so far) over daily_goal_min (strictly,
// detail "goal"), or with no goal PT_d >= max(floor_min, median_factor x the
// daily PT baseline) (detail "median"; floor_min alone without a baseline).
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r3(const Signals& signals, const Settings::R3& rule);

}  // namespace parasol::core::nudges
