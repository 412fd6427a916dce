#pragma once
// Reply bodies whose shape PROTOCOL.md fixes: the Creator object and the
// summary.get body.
#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/activity.hpp"
#include "core/summary.hpp"

namespace parasol::protocol {

// PROTOCOL.md's Creator; an empty label falls back to the handle.
nlohmann::json encode_creator(const core::CreatorRecord& creator, std::int64_t today_s,
                              std::int64_t week_s);

// summary.get's reply body; `balance` is null where it is undefined.
nlohmann::json encode_summary(const core::Summary& summary);

}  // namespace parasol::protocol
