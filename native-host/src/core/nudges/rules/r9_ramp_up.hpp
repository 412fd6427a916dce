#pragma once
// R9 Sudden ramp-up: PT_7 >= min_ramp_factor x the weekly PT baseline and
// RT_7 <= max_connection_vs_baseline x the weekly RT baseline. Needs both
// baselines, and a PT baseline above 0 (a ramp from nothing has no factor).
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r9(const Signals& signals, const Settings::R9& rule);

}  // namespace parasol::core::nudges
