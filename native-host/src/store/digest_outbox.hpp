#pragma once
// The digest outbox (issue #7): one row per week, keyed by the local date the
// week ends, so a week is queued once and sent at most once, by whichever
// process (a host per browser, the CLI's timer) claims it first. Rows are
// never deleted by sending: they are the history options and doctor show.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "store/database.hpp"

namespace parasol::store {

enum class DigestState { queued, sending, sent, failed };
const char* to_string(DigestState state);

// What a new (or rewritten) digest holds: exactly what will be sent.
struct DigestDraft {
    std::string week;    // "YYYY-MM-DD", the week's last local date
    std::string kind;    // recipient kind name
    std::string target;  // where it goes, shown in the history; never a credential
    std::string content_type;
    std::string body;
};

struct DigestRow {
    std::int64_t id = 0;
    DigestDraft draft;
    core::Instant created_at = 0;
    DigestState state = DigestState::queued;
    int attempts = 0;
    std::optional<core::Instant> next_attempt_at;  // queued: when; sending: lease end
    std::optional<core::Instant> sent_at;
    std::optional<std::string> last_error;
};

class DigestOutbox {
public:
    explicit DigestOutbox(Database& db) : db_(db) {}

    // Queues `draft`, due at `now`, unless its week has a row already.
    // True when this call queued it.
    bool enqueue(const DigestDraft& draft, core::Instant now);

    std::optional<DigestRow> find(const std::string& week);

    // Takes the row that has waited longest among those due at `now` (queued
    // and due, or sending with an expired lease: its sender died) and marks it
    // sending until now + lease_ms, counting the attempt. One transaction, so
    // two processes never claim the same row. nullopt: nothing due.
    std::optional<DigestRow> claim_due(core::Instant now, core::Instant lease_ms);

    void mark_sent(std::int64_t id, core::Instant at);
    // A failure worth retrying: back to queued, due at `next_attempt_at`.
    void mark_retry(std::int64_t id, core::Instant next_attempt_at, const std::string& error);
    // A failure retrying can't fix (untrusted certificate, login refused,
    // a redirect): kept, waiting for the user to fix the set-up and send again.
    void mark_failed(std::int64_t id, const std::string& error);

    // Makes an unsent week due at `now` again, with a new content (the set-up
    // may have been fixed since). False when the week was sent or has no row.
    bool requeue(const DigestDraft& draft, core::Instant now);

    // Replaces a claimed row's content (its sender found the set-up changed).
    void rewrite(std::int64_t id, const DigestDraft& draft);

    // Newest week first, at most `limit` rows.
    std::vector<DigestRow> history(std::size_t limit);
    // When the next queued row is due (for a sender's sleep); nullopt: none.
    std::optional<core::Instant> next_due();

private:
    Database& db_;
};

}  // namespace parasol::store
