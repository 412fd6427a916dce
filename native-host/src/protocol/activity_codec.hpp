#pragma once
// The wire form of a Span and a Mark (PROTOCOL.md, activity.record), shared
// by activity.record and by export/import, whose lines are the same objects.
#include <nlohmann/json.hpp>

#include "core/activity.hpp"
#include "protocol/json_path.hpp"

namespace parasol::protocol {

constexpr core::Instant kMaxFutureMs = 10 * core::kMsPerMinute;  // clock skew allowed
constexpr core::Instant kMaxSpanMs = core::kMsPerDay;

// Every rule of PROTOCOL.md; `now` bounds how far in the future an instant may be.
core::Span decode_span(const nlohmann::json& value, const JsonPath& path, core::Instant now);
core::Mark decode_mark(const nlohmann::json& value, const JsonPath& path, core::Instant now);

nlohmann::json encode_span(const core::Span& span);
nlohmann::json encode_mark(const core::Mark& mark);

}  // namespace parasol::protocol
