#pragma once
// What the nudge signals are computed from: the stored activity of the last
// kHistoryDays local days up to now, as the store hands it over. Plain data.
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/instant.hpp"

namespace parasol::core::nudges {

// The current week (7 days) plus a 28-day baseline before it, plus margin.
constexpr int kHistoryDays = 42;

struct HistorySpan {
    Instant start = 0;
    Instant end = 0;
    int utc_offset_min = 0;
    SpanKind kind = SpanKind::unknown;
    Attention attention = Attention::unknown;
    int creator = -1;      // index into ActivityHistory::creators (creator spans); -1 otherwise
    std::string platform;  // connection spans: weighs messaging (x0.5) against calls (x1.0)
};

struct ActivityHistory {
    std::vector<CreatorRecord> creators;  // those the spans and marks refer to
    std::vector<HistorySpan> spans;       // overlapping the window, any order
    std::vector<Mark> marks;              // `at` inside the window
    std::vector<Checkin> checkins;        // dates inside the window
    // Earliest span start or mark ever stored (not only in the window): the
    // learning period counts from its local date. nullopt: no data at all.
    std::optional<Instant> first_activity_at;
};

}  // namespace parasol::core::nudges
