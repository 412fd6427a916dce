#include "store/interval_window.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace parasol::store {

void IntervalWindow::reset(core::Instant first, core::Instant last) {
    clear();
    first_ = first;
    last_ = last;
}

void IntervalWindow::clear() {
    loaded_ = false;
    lent_ = false;
    first_ = 0;
    last_ = 0;
    std::vector<std::int64_t>().swap(rows_);
    std::vector<core::SpanInterval>().swap(spans_);
    std::vector<core::CreatorRecord>().swap(creators_);
    std::unordered_map<std::int64_t, int>().swap(slot_of_);
}

int IntervalWindow::slot_of(std::int64_t creator_row) const {
    const auto it = slot_of_.find(creator_row);
    return it == slot_of_.end() ? -1 : it->second;
}

int IntervalWindow::add_creator(std::int64_t creator_row, const core::CreatorRecord& record) {
    const auto [it, added] = slot_of_.try_emplace(creator_row, static_cast<int>(creators_.size()));
    if (added) {
        creators_.push_back(record);
    }
    return it->second;
}

void IntervalWindow::add(std::int64_t row, const core::SpanInterval& span) {
    rows_.push_back(row);
    spans_.push_back(span);
}

void IntervalWindow::done_loading() {
    // Rows come in start order from the index; for data recorded as it
    // happened that is row order already, and checking costs one pass.
    if (!std::is_sorted(rows_.begin(), rows_.end())) {
        std::vector<std::size_t> order(rows_.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return rows_[a] < rows_[b]; });
        std::vector<std::int64_t> rows(rows_.size());
        std::vector<core::SpanInterval> spans(spans_.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            rows[i] = rows_[order[i]];
            spans[i] = spans_[order[i]];
        }
        rows_.swap(rows);
        spans_.swap(spans);
    }
    rows_.shrink_to_fit();
    spans_.shrink_to_fit();
    loaded_ = true;
}

void IntervalWindow::put(std::int64_t row, core::Instant start, core::Instant end,
                         int utc_offset_min, std::int64_t creator_row,
                         const core::CreatorRecord* creator) {
    if (lent_) {
        clear();
    }
    if (!loaded_) {
        return;
    }
    const auto at = std::lower_bound(rows_.begin(), rows_.end(), row);
    const auto i = at - rows_.begin();
    const bool held = at != rows_.end() && *at == row;
    if (start < first_ || start >= last_) {
        if (held) {  // widened to start before the window: no query served here needs it
            rows_.erase(at);
            spans_.erase(spans_.begin() + i);
        }
        return;
    }
    core::SpanInterval span{start, end, utc_offset_min, core::SpanKind::connection, -1};
    if (creator != nullptr) {
        span.kind = core::SpanKind::creator;
        span.creator = slot_of(creator_row);
        if (span.creator < 0) {
            span.creator = add_creator(creator_row, *creator);
        }
    }
    if (held) {
        spans_[static_cast<std::size_t>(i)] = span;
    } else {  // a new row: at the end
        rows_.insert(at, row);
        spans_.insert(spans_.begin() + i, span);
    }
}

void IntervalWindow::relabel(std::int64_t creator_row, const std::string& label) {
    if (lent_) {
        clear();
    }
    if (const int slot = slot_of(creator_row); slot >= 0) {
        creators_[static_cast<std::size_t>(slot)].label = label;
    }
}

void IntervalWindow::copy_out(core::Instant from, core::Instant to,
                              std::vector<core::CreatorRecord>& creators,
                              std::vector<core::SpanInterval>& spans) const {
    if (lent_) {
        throw std::logic_error("IntervalWindow::copy_out while its spans are lent");
    }
    creators.clear();
    spans.clear();
    // The same rows as SpanStore's overlap query: a span lasts at most a day.
    const auto overlaps = [&](const core::SpanInterval& s) {
        return s.start >= from - core::kMsPerDay && s.start < to && s.end > from;
    };
    spans.reserve(static_cast<std::size_t>(std::count_if(spans_.begin(), spans_.end(), overlaps)));
    std::vector<int> index_of(creators_.size(), -1);  // slot -> index in `creators`
    for (const core::SpanInterval& held : spans_) {
        if (!overlaps(held)) {
            continue;
        }
        core::SpanInterval span = held;
        if (held.creator >= 0) {
            int& index = index_of[static_cast<std::size_t>(held.creator)];
            if (index < 0) {
                index = static_cast<int>(creators.size());
                creators.push_back(creators_[static_cast<std::size_t>(held.creator)]);
            }
            span.creator = index;
        }
        spans.push_back(span);
    }
}

void IntervalWindow::lend(std::vector<core::CreatorRecord>& creators,
                          std::vector<core::SpanInterval>& spans) {
    if (lent_ || !loaded_) {
        throw std::logic_error("IntervalWindow::lend: already lent, or nothing loaded");
    }
    creators = std::move(creators_);
    spans = std::move(spans_);
    creators_.clear();
    spans_.clear();
    lent_ = true;
}

void IntervalWindow::give_back(std::vector<core::CreatorRecord>& creators,
                               std::vector<core::SpanInterval>& spans) noexcept {
    if (lent_) {
        creators_ = std::move(creators);
        spans_ = std::move(spans);
        lent_ = false;
    }
    creators.clear();
    spans.clear();
}

}  // namespace parasol::store
