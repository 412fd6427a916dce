#include "service/digest_delivery.hpp"

#include "core/digest/digest_content.hpp"
#include "core/digest/digest_kind.hpp"
#include "core/digest/digest_validation.hpp"
#include "service/settings_access.hpp"
#include "service/summary_query.hpp"

namespace parasol::service {

namespace {

// A claim outlives the longest transfer, so a live sender is never overtaken;
// a dead one's claim runs out and another process sends.
core::Instant lease_for(const digest::TransportLimits& limits) {
    return limits.connect_timeout_ms + limits.total_timeout_ms + core::kMsPerMinute;
}

digest::SendResult send_one(Deps& deps, const core::Settings::Digest& d,
                            const store::DigestRow& row, digest::Transport& transport,
                            const digest::TransportLimits& limits) {
    if (d.recipient.kind == core::DigestKind::email) {
        digest::MailDelivery mail;
        mail.host = d.recipient.host;
        mail.port = d.recipient.port;
        mail.security = d.recipient.security;
        mail.from = d.recipient.from;
        mail.to = d.recipient.to;
        mail.username = d.recipient.username;
        if (!mail.username.empty()) {
            mail.password = deps.secrets.get(kDigestPasswordSecret).value_or("");
        }
        mail.message = row.draft.body;
        return transport.send_mail(mail, limits);
    }
    digest::HttpPost post{d.recipient.url, row.draft.content_type, row.draft.body,
                          deps.secrets.get(kDigestTokenSecret)};
    return transport.post(post, limits);
}

}  // namespace

core::DigestSlot current_digest_slot(Deps& deps, const core::Settings& settings) {
    const core::Instant now = deps.clock.now_ms();
    return core::latest_digest_slot(settings.digest, now, deps.clock.utc_offset_min(now));
}

std::string digest_target(const core::Settings::Digest& digest) {
    const auto& r = digest.recipient;
    if (r.kind == core::DigestKind::email) {
        return r.to + " via " + r.host + ":" + std::to_string(r.port) + " (" +
               core::smtp_security_name(r.security) + ")";
    }
    const auto url = core::parse_web_url(r.url);
    return url ? url->scheme + "://" + url->host : "";
}

store::DigestDraft render_digest_week(Deps& deps, const core::Settings& settings,
                                      core::LocalDate week_end, core::Instant now) {
    const core::Summary week = query_summary(deps, week_end.plus_days(-6), week_end);
    const core::DigestContent content = core::digest_content(week, settings.digest);
    const core::DigestPayload payload =
        core::render_digest(content, settings.digest, {now, deps.clock.utc_offset_min(now)});
    return {week_end.to_string(), core::digest_kind_name(settings.digest.recipient.kind),
            digest_target(settings.digest), payload.content_type, payload.body};
}

std::optional<std::string> queue_due_digest(Deps& deps) {
    const core::Settings settings = load_settings(deps);
    if (!settings.digest.enabled) return std::nullopt;
    const core::Instant now = deps.clock.now_ms();
    const core::DigestSlot slot = current_digest_slot(deps, settings);
    const std::string week = slot.week_end.to_string();
    if (deps.digests.find(week)) return std::nullopt;
    if (deps.digests.enqueue(render_digest_week(deps, settings, slot.week_end, now), now)) {
        return week;
    }
    return std::nullopt;
}

SendNowOutcome queue_digest_now(Deps& deps, std::optional<core::LocalDate> week_end) {
    const core::Settings settings = load_settings(deps);
    const core::Instant now = deps.clock.now_ms();
    const core::LocalDate end = week_end.value_or(current_digest_slot(deps, settings).week_end);
    const store::DigestDraft draft = render_digest_week(deps, settings, end, now);
    if (!deps.digests.enqueue(draft, now)) deps.digests.requeue(draft, now);
    const auto row = deps.digests.find(draft.week);
    SendNowOutcome outcome{draft.week, row ? row->state : store::DigestState::queued, false};
    outcome.already_sent = outcome.state == store::DigestState::sent;
    return outcome;
}

std::vector<DeliveryOutcome> send_due_digests(Deps& deps, digest::Transport& transport,
                                              const digest::TransportLimits& base_limits) {
    std::vector<DeliveryOutcome> outcomes;
    const core::Settings settings = load_settings(deps);
    if (!settings.digest.enabled) return outcomes;
    digest::TransportLimits limits = base_limits;
    if (settings.digest.ca_file) limits.ca_file = settings.digest.ca_file;
    const std::string target = digest_target(settings.digest);
    const std::string kind = core::digest_kind_name(settings.digest.recipient.kind);

    while (auto row = deps.digests.claim_due(deps.clock.now_ms(), lease_for(limits))) {
        if (row->draft.kind != kind || row->draft.target != target) {
            // Queued under an older set-up: the bytes must match where they go.
            const auto end = core::LocalDate::parse(row->draft.week);
            if (end) {
                row->draft = render_digest_week(deps, settings, *end, deps.clock.now_ms());
                deps.digests.rewrite(row->id, row->draft);
            }
        }
        DeliveryOutcome outcome{row->draft.week, {}, false, std::nullopt};
        if (const auto problems = core::validate_digest(settings.digest); !problems.empty()) {
            outcome.result = {digest::FailureKind::config,
                              "the digest set-up is incomplete: settings" + problems.front().path +
                                  " " + problems.front().message};
        } else {
            outcome.result = send_one(deps, settings.digest, *row, transport, limits);
        }
        const core::Instant now = deps.clock.now_ms();
        if (outcome.result.ok()) {
            deps.digests.mark_sent(row->id, now);
        } else if (outcome.result.retryable()) {
            outcome.will_retry = true;
            outcome.next_attempt_at = now + core::digest_retry_delay_ms(row->attempts);
            deps.digests.mark_retry(row->id, *outcome.next_attempt_at, outcome.result.message);
        } else {
            deps.digests.mark_failed(row->id, outcome.result.message);
        }
        outcomes.push_back(std::move(outcome));
    }
    return outcomes;
}

}  // namespace parasol::service
