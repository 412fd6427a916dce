#pragma once
// R8 One-and-a-half-sided chat: live time >= min_live_hours_7d hours and
// >= min_chat_messages_7d chat messages in 7 days, with RT_7 below its weekly
// baseline; no baseline yet, no finding. About the creator with most chat.
// Pure; nullopt when the rule neither fired nor nearly fired (rules.hpp).
#include <optional>

#include "core/nudges/rules.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r8(const Signals& signals, const Settings::R8& rule);

}  // namespace parasol::core::nudges
