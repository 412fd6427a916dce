#pragma once
// What a user did with a nudge (PROTOCOL.md nudges.respond), and what each
// answer means to the delivery policy (NUDGES.md "Backing off").
#include <string_view>

namespace parasol::core::nudges {

// - helpful:   took the offered action, or thumbs up in the reflection.
// - snoozed:   "Keep watching" / "Not now" without snooze_min (two in a row on
//              a rule double its cooldown); with snooze_min, snooze every
//              nudge for that long (sets settings.nudges.snoozed_until).
// - dismissed: closed without choosing; three in 7 days pause all nudges for
//              7 days.
// - unhelpful: thumbs down (reflection) or "Don't show this kind" (the
//              extension then also turns the rule off with settings.set).
enum class NudgeAction { unknown, dismissed, snoozed, helpful, unhelpful };

const char* to_string(NudgeAction action);
NudgeAction nudge_action_from(std::string_view name);  // unknown if not a wire name

}  // namespace parasol::core::nudges
