#pragma once
// R2 Connection drought: no connection for drought_hours or more while every
// complete local day inside that stretch (today when there is none) had
// PT_d >= min_creator_min_per_day. Nothing when connection tracking is off:
// the check-in asks instead.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r2(const Signals& signals, const Settings::R2& rule);

}  // namespace parasol::core::nudges
