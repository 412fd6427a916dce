#pragma once
// Typed request bodies and their decoders. Each decoder takes the envelope's
// `body` and throws ProtocolError `invalid` with the absolute JSON Pointer of
// the field at fault ("/body/spans/3/end") and a message naming the field and
// the rule ("body.spans[3].end: must not be earlier than start"). Unknown keys
// are rejected at every level.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/activity.hpp"

namespace parasol::protocol {

constexpr std::size_t kMaxRecordItems = 1000;

struct HelloRequest {
    int protocol = 0;
    std::string extension_version;
    std::string browser;  // chrome | chromium | edge | brave | firefox | other
};
// Checks the shape only; a protocol this host lacks is the service's call.
HelloRequest decode_hello(const nlohmann::json& body);

struct ActivityRecordRequest {
    std::vector<core::Span> spans;
    std::vector<core::Mark> marks;
};
ActivityRecordRequest decode_activity_record(const nlohmann::json& body, core::Instant now);

// creators.unfollow, creators.forget
struct CreatorKeyRequest {
    core::CreatorKey key;
};
CreatorKeyRequest decode_creator_key(const nlohmann::json& body);

struct CreatorFollowRequest {
    core::CreatorKey key;
    std::optional<std::string> label;
};
CreatorFollowRequest decode_creator_follow(const nlohmann::json& body);

struct CreatorUpdateRequest {
    core::CreatorKey key;
    std::optional<std::string> label;
    std::optional<std::optional<int>> daily_budget_min;  // outer: given; inner null: clear
};
CreatorUpdateRequest decode_creator_update(const nlohmann::json& body);

struct CreatorListRequest {
    int limit = 200;
    std::optional<std::string> cursor;
};
CreatorListRequest decode_creator_list(const nlohmann::json& body);

struct SummaryRequest {
    int days = 7;
    std::optional<core::LocalDate> until;  // default: today, the service's call
};
SummaryRequest decode_summary(const nlohmann::json& body);

struct CheckinRequest {
    core::Checkin checkin;
};
CheckinRequest decode_checkin(const nlohmann::json& body);

// settings.set: `{"settings": {...}}`. Only the wrapper is checked here; the
// partial document is merged and validated by merge_settings (settings_codec).
struct SettingsSetRequest {
    nlohmann::json partial;
};
SettingsSetRequest decode_settings_set(const nlohmann::json& body);

struct DataExportRequest {
    std::string format;                 // "json" | "csv"
    std::optional<std::string> cursor;  // from the previous page's next_cursor
};
DataExportRequest decode_data_export(const nlohmann::json& body);

struct DataEraseRequest {};  // `confirm` must be "erase-all"
DataEraseRequest decode_data_erase(const nlohmann::json& body);

// Types whose body must be {} (settings.get, nudges.poll); `type` is named in the message.
void decode_empty(const nlohmann::json& body, std::string_view type);

}  // namespace parasol::protocol
