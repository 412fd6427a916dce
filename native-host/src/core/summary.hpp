#pragma once
// summary.get's arithmetic (PROTOCOL.md): union of intervals per creator and
// for totals, split at local midnight by each span's own offset. Pure.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/local_date.hpp"

namespace parasol::core {

// One stored span as aggregation needs it. `creator` indexes the creator list
// given alongside (creator spans only; -1 for connection spans).
struct SpanInterval {
    Instant start = 0;
    Instant end = 0;
    int utc_offset_min = 0;
    SpanKind kind = SpanKind::unknown;
    int creator = -1;
};

struct SummaryInput {
    LocalDate from;
    LocalDate to;  // inclusive
    std::vector<CreatorRecord> creators;
    std::vector<SpanInterval> spans;      // any order; may reach outside the range
    std::map<LocalDate, int> social_min;  // check-ins by date
    std::size_t top_n = 50;
};

struct DaySummary {
    LocalDate date;
    std::int64_t creator_s = 0;
    std::int64_t connection_s = 0;
    int social_min = 0;
};

struct CreatorSummary {
    CreatorRecord creator;
    std::int64_t seconds = 0;
    double share = 0.0;  // seconds / totals.creator_s (0 when that is 0)
    int days_active = 0;
};

struct SummaryTotals {
    std::int64_t creator_s = 0;
    std::int64_t followed_s = 0;
    std::int64_t connection_s = 0;
    int social_min = 0;
    std::optional<double> balance;  // creator_s / (connection_s + 60 * social_min)
};

struct Summary {
    LocalDate from;
    LocalDate to;
    std::vector<DaySummary> days;  // one per date in range, zeros included
    // Creators with any time in range (even under a second), top_n by seconds,
    // ties by platform then handle; creators without time in range are left out.
    std::vector<CreatorSummary> creators;
    std::int64_t others_s = 0;  // sum of seconds of the rest
    SummaryTotals totals;
};

// O(n log n) in the number of spans. Throws std::invalid_argument when `to`
// is before `from`, a span's kind is unknown, or a creator span's index is
// not in `creators` (caller bugs, not user input).
Summary summarize(const SummaryInput& input);

// The length, in ms, of the union of [start, end) intervals. Sorts a copy.
struct Interval {
    Instant start = 0;
    Instant end = 0;
};
Instant union_length_ms(std::vector<Interval> intervals);

// Pieces of one span, one per local date it touches under its own offset.
struct DayPiece {
    LocalDate date;
    Interval interval;
};
std::vector<DayPiece> split_at_local_midnight(Instant start, Instant end, int utc_offset_min);

}  // namespace parasol::core
