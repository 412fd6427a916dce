#pragma once
// R1 Balance shift: ratio_7 >= min_ratio and PT_7 >= min_creator_hours_7d hours
// and RT_7 <= max_connection_vs_baseline x the weekly RT baseline, or, with no
// baseline yet, RT_7 < connection_floor_min_7d.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r1(const Signals& signals, const Settings::R1& rule);

}  // namespace parasol::core::nudges
