#pragma once
// When the weekly digest is due, and how long to wait after a failed send.
// Pure: time comes in as parameters.
#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "core/settings.hpp"

namespace parasol::core {

// One weekly send: at `due_at` (the set weekday and hour, local), covering
// the 7 local dates ending `week_end` (the day before). `week_end` is the
// outbox's idempotency key.
struct DigestSlot {
    LocalDate week_end;
    Instant due_at = 0;
    [[nodiscard]] LocalDate week_start() const { return week_end.plus_days(-6); }
    friend bool operator==(const DigestSlot&, const DigestSlot&) = default;
};

// The latest slot at or before `now` (whether or not the digest is enabled).
DigestSlot latest_digest_slot(const Settings::Digest& digest, Instant now, int utc_offset_min);
// The first slot after `now`.
DigestSlot next_digest_slot(const Settings::Digest& digest, Instant now, int utc_offset_min);

// The wait before the next try after `failures` failed tries in a row (>= 1):
// 1 minute, doubling, at most 6 hours. A digest waits as long as it takes; it
// is never dropped.
Instant digest_retry_delay_ms(int failures);

}  // namespace parasol::core
