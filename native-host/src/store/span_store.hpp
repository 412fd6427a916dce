#pragma once
// Spans and marks: idempotent writes by id, range reads for aggregation.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/summary.hpp"
#include "store/database.hpp"

namespace parasol::store {

// The same id was stored earlier with another kind, platform, handle or
// what; or widening the stored span by this one would make it longer than
// 24 hours (field "end").
struct SpanConflict {
    bool is_mark = false;
    std::size_t index = 0;  // in the request's spans or marks
    std::string field;      // "kind", "platform", "handle", "what" or "end"
    std::string message;    // the rule, for a person: "was stored earlier with kind \"creator\""
};

struct RecordOutcome {
    std::optional<SpanConflict> conflict;  // set: nothing was written
    // Spans and marks together.
    int inserted = 0;
    int widened = 0;  // existing id that changed: interval grew, label/attention or count changed
    int unchanged = 0;
};

class SpanStore {
  public:
    explicit SpanStore(Database& db) : db_(db) {}

    // One BEGIN IMMEDIATE transaction for the whole batch; all or nothing.
    // Creator spans/marks create their creator row if new; a span's label
    // becomes its creator's label. An existing span is widened to
    // min(start)..max(end); utc_offset_min follows the earliest start; label
    // and attention take the latest value (an absent label keeps the stored
    // one). An existing mark keeps its `at`; count becomes the larger.
    // Throws StoreUnavailable (nothing written).
    RecordOutcome record(const std::vector<core::Span>& spans,
                         const std::vector<core::Mark>& marks);

    // Replaces `creators` and `spans` with the spans overlapping [from, to)
    // as aggregation input; `creators` holds every creator they refer to.
    void load_intervals(core::Instant from, core::Instant to,
                        std::vector<core::CreatorRecord>& creators,
                        std::vector<core::SpanInterval>& spans);

    // Marks with from <= at < to, in `at` order.
    std::vector<core::Mark> marks_between(core::Instant from, core::Instant to);

    // Every stored span/mark in start order, for export; calls `each` per row.
    void for_each_span(const std::function<void(const core::Span&)>& each);
    void for_each_mark(const std::function<void(const core::Mark&)>& each);

    // load_intervals' query (?1 = from, ?2 = to), public so a test can check
    // its plan searches spans_by_start. A span lasts at most 24 hours, so
    // every span overlapping [from, to) starts at or after from - 24 h.
    static constexpr const char* kOverlapQuery =
        "SELECT s.start_ms, s.end_ms, s.utc_offset_min, s.kind, s.creator_id, "
        "c.platform, c.handle, c.label, c.followed, c.followed_since, c.daily_budget_min "
        "FROM spans s LEFT JOIN creators c ON c.id = s.creator_id "
        "WHERE s.start_ms >= ?1 - 86400000 AND s.start_ms < ?2 AND s.end_ms > ?1";

  private:
    Database& db_;
};

}  // namespace parasol::store
