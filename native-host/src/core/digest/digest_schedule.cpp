#include "core/digest/digest_schedule.hpp"

#include <algorithm>

namespace parasol::core {

namespace {
constexpr Instant kFirstRetry = kMsPerMinute;
constexpr Instant kLongestRetry = 6 * kMsPerHour;

DigestSlot slot_on(LocalDate day, const Settings::Digest& digest, int utc_offset_min) {
    return {day.plus_days(-1), local_midnight(day, utc_offset_min) + digest.hour * kMsPerHour};
}
}  // namespace

DigestSlot latest_digest_slot(const Settings::Digest& digest, Instant now, int utc_offset_min) {
    const LocalDate today = local_date_of(now, utc_offset_min);
    const int back = (today.weekday() - digest.weekday + 7) % 7;
    DigestSlot slot = slot_on(today.plus_days(-back), digest, utc_offset_min);
    if (slot.due_at > now) slot = slot_on(today.plus_days(-back - 7), digest, utc_offset_min);
    return slot;
}

DigestSlot next_digest_slot(const Settings::Digest& digest, Instant now, int utc_offset_min) {
    const DigestSlot latest = latest_digest_slot(digest, now, utc_offset_min);
    return slot_on(latest.week_end.plus_days(8), digest, utc_offset_min);
}

Instant digest_retry_delay_ms(int failures) {
    Instant delay = kFirstRetry;
    for (int i = 1; i < failures && delay < kLongestRetry; ++i) delay *= 2;
    return std::min(delay, kLongestRetry);
}

}  // namespace parasol::core
