#pragma once
// Cutting a stretch of time at local midnights under one fixed offset, without
// allocating: the summary calls this for every stored span.
#include <algorithm>
#include <cstdint>

#include "core/local_date.hpp"

namespace parasol::core {

// Calls f(day, piece_start, piece_end) for each local day [start, end)
// touches, in order; `day` is LocalDate::to_days() of that local date. An
// empty or reversed interval yields nothing.
template <typename F>
void for_each_local_day_piece(Instant start, Instant end, int utc_offset_min, F&& f) {
    if (end <= start) return;
    std::int64_t day = local_date_of(start, utc_offset_min).to_days();
    Instant next_midnight = local_midnight(LocalDate::from_days(day + 1), utc_offset_min);
    while (start < end) {
        const Instant piece_end = std::min(end, next_midnight);
        f(day, start, piece_end);
        start = piece_end;
        ++day;
        next_midnight += kMsPerDay;
    }
}

}  // namespace parasol::core
