#pragma once
// What the weekly digest says and the exact bytes sent for each recipient
// kind: a JSON document for a generic webhook, plain text for an ntfy topic,
// Slack's and Discord's incoming-webhook payloads, and an RFC 5322 message
// for e-mail. The preview shows these bytes; the outbox stores and sends
// them unchanged. Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_date.hpp"
#include "core/settings.hpp"
#include "core/summary.hpp"

namespace parasol::core {

inline constexpr std::size_t kDigestTopCreators = 5;

struct DigestCreatorLine {
    std::string platform;
    std::string handle;
    std::string label;
    std::int64_t seconds = 0;
};

struct DigestContent {
    LocalDate from;
    LocalDate to;
    SummaryTotals totals;
    // Only when the user ticked include_creators: the top five by time.
    std::optional<std::vector<DigestCreatorLine>> creators;
};

// `week` is the summary of the 7 dates of the digest's week.
DigestContent digest_content(const Summary& week, const Settings::Digest& digest);

// The readable text shared by every kind (LF line ends).
std::string digest_text(const DigestContent& content);

// For e-mail: the Date header's moment and zone, and the outbox's
// idempotency key in the Message-ID.
struct MailStamp {
    Instant at = 0;
    int utc_offset_min = 0;
};

struct DigestPayload {
    std::string content_type;  // for HTTP kinds; "message/rfc822" for e-mail
    std::string body;          // exactly what is sent
};

DigestPayload render_digest(const DigestContent& content, const Settings::Digest& digest,
                            const MailStamp& stamp);

// RFC 5322 date-time, e.g. "Mon, 23 Nov 2026 09:00:00 +0100".
std::string rfc5322_date(Instant at, int utc_offset_min);

}  // namespace parasol::core
