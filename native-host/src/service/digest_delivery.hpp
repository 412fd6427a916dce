#pragma once
// The weekly digest from set-up to sent: rendering a week (the preview's
// bytes), queueing it in the outbox when due, and sending what is due
// through a digest::Transport with retries and backoff. Shared by the host's
// digest worker, the digest.* handlers and `parasol digest`.
#include <optional>
#include <string>
#include <vector>

#include "core/digest/digest_schedule.hpp"
#include "core/settings.hpp"
#include "digest/transport.hpp"
#include "service/deps.hpp"
#include "store/digest_outbox.hpp"

namespace parasol::service {

inline constexpr const char* kDigestPasswordSecret = "digest.password";
inline constexpr const char* kDigestTokenSecret = "digest.token";

// The week a digest sent now would cover: the latest scheduled slot's.
core::DigestSlot current_digest_slot(Deps& deps, const core::Settings& settings);

// Exactly what would be sent for the week ending `week_end` with the current
// set-up, stamped `now` (e-mail's Date and Message-ID).
store::DigestDraft render_digest_week(Deps& deps, const core::Settings& settings,
                                      core::LocalDate week_end, core::Instant now);

// Where a digest goes, for the history: scheme and host of a web address (its
// path may hold a token), or "to via host:port"; never a credential.
std::string digest_target(const core::Settings::Digest& digest);

// Queues the latest slot's week if the digest is enabled, the slot has come
// and that week has no row yet. The week's date when this call queued it.
std::optional<std::string> queue_due_digest(Deps& deps);

// "Send now": queues the latest slot's week (or the given one), or makes an
// unsent one due now with the current set-up. A sent week stays sent.
struct SendNowOutcome {
    std::string week;
    store::DigestState state = store::DigestState::queued;
    bool already_sent = false;
};
SendNowOutcome queue_digest_now(Deps& deps, std::optional<core::LocalDate> week_end);

struct DeliveryOutcome {
    std::string week;
    digest::SendResult result;
    bool will_retry = false;
    std::optional<core::Instant> next_attempt_at;
};

// Sends every row due now, one after another, if the digest is enabled:
// sent rows are marked sent; retryable failures wait digest_retry_delay_ms;
// the others are kept as failed until the user sends again.
std::vector<DeliveryOutcome> send_due_digests(Deps& deps, digest::Transport& transport,
                                              const digest::TransportLimits& limits);

}  // namespace parasol::service
