#pragma once
// R7 Spending check, over spend marks of the last 24 h only: one inside the
// sleep window (detail "night_spend"), or one that makes spend_marks_7d in the
// 7 days ending at it ("repeat_spend"), or the first spend in the history
// ("first_spend"); that order when several hold. About that mark's creator.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r7(const Signals& signals, const Settings::R7& rule);

}  // namespace parasol::core::nudges
