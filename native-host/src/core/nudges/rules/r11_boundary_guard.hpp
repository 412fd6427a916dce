#pragma once
// R11 Boundary guard (opt-in): >= max_messages_24h chat messages to one creator
// in the last 24 h (detail "messages"). People-search detection needs the
// extension to see those sites and is not implemented. Never nearly fires,
// and carries no insight: it is shown once, in-page, never reported.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r11(const Signals& signals, const Settings::R11& rule);

}  // namespace parasol::core::nudges
