#pragma once
// Spans and marks: idempotent writes by id, range reads for aggregation.
#include <functional>
#include <memory>
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
    explicit SpanStore(Database& db);
    ~SpanStore();
    SpanStore(const SpanStore&) = delete;
    SpanStore& operator=(const SpanStore&) = delete;

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
    // as aggregation input (in no particular order); `creators` holds exactly
    // the creators they refer to.
    //
    // Served from memory when it can be: the first call reads the spans that
    // start in [from - 24 h, to) from SQLite and keeps them (an
    // IntervalWindow); later calls inside that window copy from it. It stays
    // exact: record() on this SpanStore updates it in place, and any other
    // change to the file (another process, CreatorStore, check-ins, erase,
    // a rollback) makes the next call read SQLite again
    // (Database::content_version, checked at the start of every call).
    // Memory: 40 bytes a span held (a year of heavy use, 33k spans: 1.2 MiB;
    // 100k: 3.8 MiB) until forget_cached(). Any write on this connection other
    // than record() costs one reload: fine for check-ins and settings; a
    // frequent writer would want a way to say it leaves spans and creators be.
    void load_intervals(core::Instant from, core::Instant to,
                        std::vector<core::CreatorRecord>& creators,
                        std::vector<core::SpanInterval>& spans);
    // Runs `use` on aggregation input for [from, to) (core::summarize, say):
    // input.creators and input.spans as load_intervals fills them, or, when
    // memory holds little more than that range, lent from memory without a
    // copy. Lent, they also hold spans outside [from, to), and their
    // creators; core::summarize clips those away, since it takes spans "that
    // may reach outside the range". Both are emptied (a loan given back)
    // when `use` returns or throws. The rest of `input` is the caller's.
    void with_intervals(core::Instant from, core::Instant to, core::SummaryInput& input,
                        const std::function<void(const core::SummaryInput&)>& use);
    // Drops what load_intervals and record keep in memory (a benchmark's cold
    // read; memory back after a one-off summary of a distant range).
    void forget_cached();

    // Marks with from <= at < to, in `at` order.
    std::vector<core::Mark> marks_between(core::Instant from, core::Instant to);

    // Every stored span/mark in start order, for export; calls `each` per row.
    void for_each_span(const std::function<void(const core::Span&)>& each);
    void for_each_mark(const std::function<void(const core::Mark&)>& each);

    // How load_intervals fills its window (?1 = first start, ?2 = last
    // start, excluded), public so a test can check its plan searches
    // spans_by_start. A span lasts at most 24 hours, so every span
    // overlapping [from, to) starts in [from - 24 h, to). Creators are read
    // once each afterwards, not joined on every row.
    static constexpr const char* kWindowQuery =
        "SELECT s.id, s.start_ms, s.end_ms, s.utc_offset_min, s.kind, s.creator_id "
        "FROM spans s WHERE s.start_ms >= ?1 AND s.start_ms < ?2";

private:
    class Memory;  // prepared statements, known creators, the interval window

    Database& db_;
    std::unique_ptr<Memory> memory_;
};

}  // namespace parasol::store
