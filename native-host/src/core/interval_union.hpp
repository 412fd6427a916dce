#pragma once
// Length of a union of half-open intervals, built incrementally so callers
// that already hold intervals in start order pay no extra sort or allocation.
#include "core/instant.hpp"

namespace parasol::core {

// Feed intervals in non-decreasing order of start; empty or reversed
// intervals add nothing. length_ms() is the length of their union so far.
class UnionLength {
public:
    void add(Instant start, Instant end) {
        if (end <= start) return;
        if (!open_ || start > end_) {
            total_ += end_ - start_;
            start_ = start;
            end_ = end;
            open_ = true;
        } else if (end > end_) {
            end_ = end;
        }
    }
    [[nodiscard]] Instant length_ms() const { return total_ + (end_ - start_); }

private:
    bool open_ = false;
    Instant start_ = 0;  // the run being extended
    Instant end_ = 0;
    Instant total_ = 0;  // closed runs
};

}  // namespace parasol::core
