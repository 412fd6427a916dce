#pragma once
// Spans and marks: idempotent writes by id, range reads for aggregation.
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/summary.hpp"
#include "store/database.hpp"

namespace parasol::store {

// The same id was stored earlier with another kind, platform or handle.
struct SpanConflict {
    bool is_mark = false;
    std::size_t index = 0;  // in the request's spans or marks
    std::string field;      // "kind", "platform", "handle" or "what"
};

struct RecordOutcome {
    std::optional<SpanConflict> conflict;  // set: nothing was written
    int inserted = 0;
    int widened = 0;    // existing id whose interval grew (or label/attention changed)
    int unchanged = 0;
};

class SpanStore {
public:
    explicit SpanStore(Database& db) : db_(db) {}

    // One BEGIN IMMEDIATE transaction for the whole batch; all or nothing.
    // Creator spans/marks create their creator row if new (label updated when
    // given). Widening rules as PROTOCOL.md says.
    RecordOutcome record(const std::vector<core::Span>& spans, const std::vector<core::Mark>& marks);

    // Spans overlapping [from, to) as aggregation input, with creators indexed
    // into `creators` (filled with every creator those spans refer to).
    void load_intervals(core::Instant from, core::Instant to,
                        std::vector<core::CreatorRecord>& creators,
                        std::vector<core::SpanInterval>& spans);

    std::vector<core::Mark> marks_between(core::Instant from, core::Instant to);

    // Every stored span/mark in start order, for export; calls `each` per row.
    void for_each_span(const std::function<void(const core::Span&)>& each);
    void for_each_mark(const std::function<void(const core::Mark&)>& each);

private:
    Database& db_;
};

}  // namespace parasol::store
