#pragma once
// The domain records the extension sends (PROTOCOL.md, activity.record) and
// the user's check-ins. Plain values: validation lives in protocol/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/instant.hpp"
#include "core/local_date.hpp"

namespace parasol::core {

// Each enum starts with an explicit `unknown` that validation rejects.
enum class SpanKind { unknown, creator, connection };
enum class Attention { unknown, focused, audible };
enum class MarkWhat { unknown, spend, chat };
enum class Felt { unknown, chosen, autopilot, hard_to_stop };

struct Span {
    std::string id;
    SpanKind kind = SpanKind::unknown;
    std::string platform;
    std::string handle;  // "" for connection spans
    std::optional<std::string> label;
    Instant start = 0;
    Instant end = 0;
    int utc_offset_min = 0;
    Attention attention = Attention::unknown;
};

struct Mark {
    std::string id;
    MarkWhat what = MarkWhat::unknown;
    std::string platform;
    std::string handle;
    Instant at = 0;
    int utc_offset_min = 0;
    int count = 1;
};

struct Checkin {
    LocalDate date;
    int social_min = 0;
    std::optional<int> lonely;  // 1..3
    std::optional<Felt> felt;
    std::optional<int> opinion_lean;  // 1..5
    std::optional<std::string> plan;
    std::optional<std::string> note;
};

// A creator as the host knows it: identity plus the user's choices.
struct CreatorKey {
    std::string platform;
    std::string handle;
    friend bool operator==(const CreatorKey&, const CreatorKey&) = default;
    friend auto operator<=>(const CreatorKey&, const CreatorKey&) = default;
};

struct CreatorRecord {
    CreatorKey key;
    std::string label;  // falls back to the handle
    bool followed = false;
    std::optional<Instant> followed_since;
    std::optional<int> daily_budget_min;  // 1..1440
};

const char* to_string(SpanKind);
const char* to_string(Attention);
const char* to_string(MarkWhat);
const char* to_string(Felt);
SpanKind span_kind_from(std::string_view);  // unknown if not a valid name
Attention attention_from(std::string_view);
MarkWhat mark_what_from(std::string_view);
Felt felt_from(std::string_view);

}  // namespace parasol::core
