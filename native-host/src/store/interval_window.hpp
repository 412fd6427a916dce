#pragma once
// The spans whose start falls in one window of time, with their creators, as
// aggregation reads them, held in memory between summaries by one SpanStore.
// The host lives as long as the browser, and a year of spans (33k) read from
// SQLite costs ~9 ms every time (~280 ns a row), against ~0.2 ms to copy
// them from here, or nothing to lend them.
//
// Pure data: the owner loads it, feeds it every span its own connection
// writes, and clears it whenever Database::content_version() says anything
// else may have changed a row. Exact under that rule; not thread-safe.
#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/activity.hpp"
#include "core/summary.hpp"

namespace parasol::store {

class IntervalWindow {
public:
    // Whether every span with first <= start < last is held.
    [[nodiscard]] bool covers(core::Instant first, core::Instant last) const {
        return loaded_ && first_ <= first && last <= last_;
    }
    [[nodiscard]] bool loaded() const { return loaded_; }
    [[nodiscard]] core::Instant first() const { return first_; }
    [[nodiscard]] core::Instant last() const { return last_; }
    [[nodiscard]] std::size_t size() const { return rows_.size(); }

    // Starts over, empty, for the spans with first <= start < last: add()
    // each of them, then done_loading().
    void reset(core::Instant first, core::Instant last);
    // Holds nothing, covers nothing, and gives its memory back.
    void clear();

    // The slot of a creator (creators.id) in this window, -1 if none yet.
    [[nodiscard]] int slot_of(std::int64_t creator_row) const;
    int add_creator(std::int64_t creator_row, const core::CreatorRecord& record);

    // While loading, any order. `span.creator` is a slot (or -1).
    void add(std::int64_t row, const core::SpanInterval& span);
    void done_loading();

    // A span this connection has just inserted or widened, with its stored
    // values: taken in, moved, or let go as its start now says. `creator` is
    // null for a connection span.
    void put(std::int64_t row, core::Instant start, core::Instant end, int utc_offset_min,
             std::int64_t creator_row, const core::CreatorRecord* creator);
    // A creator's label changed (a span brought a new one).
    void relabel(std::int64_t creator_row, const std::string& label);

    // What SpanStore::load_intervals promises, for [from, to) inside the
    // window (covers(from - 24 h, to)): the spans overlapping it, and exactly
    // the creators they refer to.
    void copy_out(core::Instant from, core::Instant to, std::vector<core::CreatorRecord>& creators,
                  std::vector<core::SpanInterval>& spans) const;

    // Moves every span and creator held into `creators` and `spans`
    // (span.creator indexes `creators`) without a copy, until give_back().
    // A put() or relabel() meanwhile drops the window (the loan is then
    // discarded on return); copy_out() or lend() meanwhile is a logic_error.
    void lend(std::vector<core::CreatorRecord>& creators, std::vector<core::SpanInterval>& spans);
    void give_back(std::vector<core::CreatorRecord>& creators,
                   std::vector<core::SpanInterval>& spans) noexcept;

private:
    bool loaded_ = false;
    bool lent_ = false;
    core::Instant first_ = 0;
    core::Instant last_ = 0;
    // Two columns by row (spans.id): new rows come last, widened ones are
    // found by halving. 40 bytes a span: ~1.2 MiB for a year of heavy use
    // (33k spans).
    std::vector<std::int64_t> rows_;
    std::vector<core::SpanInterval> spans_;  // creator: a slot in creators_
    std::vector<core::CreatorRecord> creators_;
    std::unordered_map<std::int64_t, int> slot_of_;  // creators.id -> slot
};

}  // namespace parasol::store
