#pragma once
// Time inside Parasol: instants are milliseconds since the Unix epoch (UTC);
// local days are derived from an instant and a UTC offset in minutes east.
#include <cstdint>

namespace parasol::core {

using Instant = std::int64_t;  // ms since 1970-01-01T00:00:00Z

constexpr Instant kMsPerSecond = 1000;
constexpr Instant kMsPerMinute = 60 * kMsPerSecond;
constexpr Instant kMsPerHour = 60 * kMsPerMinute;
constexpr Instant kMsPerDay = 24 * kMsPerHour;

// The only way pure code learns "now": callers pass a Clock (or the value).
class Clock {
public:
    virtual ~Clock() = default;
    [[nodiscard]] virtual Instant now_ms() const = 0;
    // Minutes east of UTC in force at `at` on this machine (host's time zone).
    [[nodiscard]] virtual int utc_offset_min(Instant at) const = 0;
};

}  // namespace parasol::core
