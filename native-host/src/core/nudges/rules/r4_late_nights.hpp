#pragma once
// R4 Late nights: night_min >= min_night_minutes on at least `nights` of the
// last `of_nights` nights (the nights ending today and the days before).
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r4(const Signals& signals, const Settings::R4& rule);

}  // namespace parasol::core::nudges
