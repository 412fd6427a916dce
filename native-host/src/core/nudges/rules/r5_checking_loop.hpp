#pragma once
// R5 Checking loop: checks_d >= the day's threshold with a short-check share >=
// min_short_share. The threshold is min_checks_per_day; with a checks baseline
// it is min(min_checks_per_day, baseline_factor x baseline) (rounded up) but
// never below half of min_checks_per_day, so "12, or twice your usual"
// cannot fire on 2 checks against a usual 1.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r5(const Signals& signals, const Settings::R5& rule);

}  // namespace parasol::core::nudges
