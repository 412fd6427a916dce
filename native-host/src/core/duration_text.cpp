#include "core/duration_text.hpp"

namespace parasol::core {

std::string format_duration(std::int64_t seconds) {
    if (seconds < 0) {
        // Negate in unsigned arithmetic so INT64_MIN cannot overflow.
        const auto magnitude = 0 - static_cast<std::uint64_t>(seconds);
        const std::uint64_t whole_minutes_s = magnitude / 60 * 60;
        if (whole_minutes_s == 0) return "0 min";
        return "-" + format_duration(static_cast<std::int64_t>(whole_minutes_s));
    }
    const std::int64_t minutes = seconds / 60;
    const std::int64_t h = minutes / 60;
    const std::int64_t m = minutes % 60;
    if (h == 0) return std::to_string(m) + " min";
    if (m == 0) return std::to_string(h) + " h";
    return std::to_string(h) + " h " + (m < 10 ? "0" : "") + std::to_string(m);
}

}  // namespace parasol::core
