#pragma once
// The export file: JSON Lines, one record a line, the first line a header.
// The same objects as the wire protocol (a span line is an activity.record
// span plus "type"), so import reuses the protocol's validation.
#include <nlohmann/json.hpp>

#include "core/activity.hpp"

namespace parasol::protocol::export_format {

constexpr const char* kFormat = "parasol-export";
constexpr int kVersion = 1;

nlohmann::json header(core::Instant exported_at);
nlohmann::json creator_line(const core::CreatorRecord& creator);
nlohmann::json checkin_line(const core::Checkin& checkin);

}  // namespace parasol::protocol::export_format
