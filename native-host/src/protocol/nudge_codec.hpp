#pragma once
// The wire form of the nudge types: nudges.respond and reflection.get
// bodies in (errors name the field by JSON Pointer and the rule), Nudge,
// Choice and the reflection reply out (NUDGE_CONTRACT.md, schemas/).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/local_date.hpp"
#include "core/nudges/nudge_action.hpp"
#include "core/nudges/nudge_record.hpp"
#include "core/nudges/reflection.hpp"
#include "core/nudges/wording.hpp"

namespace parasol::protocol {

struct NudgeRespondRequest {
    std::string id;  // 1-64 of [A-Za-z0-9_-]
    core::nudges::NudgeAction action = core::nudges::NudgeAction::unknown;
    std::optional<int> snooze_min;  // 1..10080, only with `snoozed`
};
NudgeRespondRequest decode_nudges_respond(const nlohmann::json& body);

struct ReflectionGetRequest {
    std::optional<core::LocalDate> until;  // default: today, the service's call
};
ReflectionGetRequest decode_reflection_get(const nlohmann::json& body);

nlohmann::json encode_choice(const core::nudges::Choice& choice);
// The buttons as the store keeps them (opaque text to it): their wire form.
std::string encode_choices_document(const std::vector<core::nudges::Choice>& choices);

// A Nudge as nudges.poll hands it out; `choices_document` as stored.
// Throws std::runtime_error when the stored document is not a JSON array.
nlohmann::json encode_nudge(const core::nudges::NudgeRecord& nudge,
                            std::string_view choices_document);

// reflection.get's reply body.
nlohmann::json encode_reflection(const core::nudges::Reflection& reflection);

}  // namespace parasol::protocol
