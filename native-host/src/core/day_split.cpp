#include "core/day_split.hpp"

#include "core/summary.hpp"

namespace parasol::core {

std::vector<DayPiece> split_at_local_midnight(Instant start, Instant end, int utc_offset_min) {
    std::vector<DayPiece> pieces;
    for_each_local_day_piece(start, end, utc_offset_min,
                             [&](std::int64_t day, Instant s, Instant e) {
                                 pieces.push_back({LocalDate::from_days(day), {s, e}});
                             });
    return pieces;
}

}  // namespace parasol::core
