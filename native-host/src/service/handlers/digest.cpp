// digest.preview, digest.history, digest.send, digest.credentials.set: the
// trusted-friend digest seen from the options page. None of them sends:
// digest.send queues and wakes the host's digest worker, so a slow server
// never holds up a reply to the browser.
#include "core/digest/digest_schedule.hpp"
#include "protocol/json_reader.hpp"
#include "service/digest_delivery.hpp"
#include "service/handlers/handlers.hpp"
#include "service/settings_access.hpp"

namespace parasol::service::handlers {

namespace {

using protocol::JsonPath;
using protocol::ObjectReader;

constexpr std::size_t kHistoryDefault = 20;
constexpr std::size_t kHistoryMax = 100;
constexpr std::size_t kSecretMax = 1024;

const JsonPath& body_path() {
    static const JsonPath path = JsonPath::from_pointer("/body");
    return path;
}

template <class T>
json nullable(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json encode_row(const store::DigestRow& row) {
    return {{"week", row.draft.week},
            {"kind", row.draft.kind},
            {"target", row.draft.target},
            {"state", store::to_string(row.state)},
            {"attempts", row.attempts},
            {"created_at", row.created_at},
            {"next_attempt_at", nullable(row.next_attempt_at)},
            {"sent_at", nullable(row.sent_at)},
            {"last_error", nullable(row.last_error)}};
}

core::LocalDate read_week(const json& v, const JsonPath& p) {
    return protocol::read_date(v, p);
}

// A secret: a string of 1..1024 characters without control characters, or
// null to remove it.
std::optional<std::optional<std::string>> read_secret(const ObjectReader& r, std::string_view key) {
    const json* v = r.find(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_null()) return std::optional<std::string>{};
    std::string value = protocol::Text{1, kSecretMax}(*v, r.at(key));
    for (const char c : value) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            throw r.at(key).invalid("must not contain control characters");
        }
    }
    return std::optional<std::string>{std::move(value)};
}

}  // namespace

json digest_preview(const json& body, Deps& deps) {
    const ObjectReader r(protocol::read_object(body, body_path()), body_path(), {"week"});
    const auto week = r.optional("week", read_week);
    const core::Settings settings = load_settings(deps);
    const core::LocalDate end = week.value_or(current_digest_slot(deps, settings).week_end);
    // Once queued, the stored bytes are what goes out; before, a fresh rendering.
    const auto row = deps.digests.find(end.to_string());
    const store::DigestDraft draft =
        row ? row->draft : render_digest_week(deps, settings, end, deps.clock.now_ms());
    return {{"week", {{"from", end.plus_days(-6).to_string()}, {"to", end.to_string()}}},
            {"kind", draft.kind},
            {"target", draft.target},
            {"content_type", draft.content_type},
            {"body", draft.body},
            {"state", row ? store::to_string(row->state) : "not_queued"}};
}

json digest_history(const json& body, Deps& deps) {
    const ObjectReader r(protocol::read_object(body, body_path()), body_path(), {"limit"});
    const auto limit = r.optional("limit", protocol::Integer<std::size_t>{1, kHistoryMax});
    json rows = json::array();
    for (const auto& row : deps.digests.history(limit.value_or(kHistoryDefault))) {
        rows.push_back(encode_row(row));
    }
    const core::Settings settings = load_settings(deps);
    json next = nullptr;
    if (settings.digest.enabled) {
        const core::Instant now = deps.clock.now_ms();
        next = core::next_digest_slot(settings.digest, now, deps.clock.utc_offset_min(now)).due_at;
    }
    return {{"digests", rows},
            {"next_due", next},
            {"has_password", deps.secrets.has(kDigestPasswordSecret)},
            {"has_token", deps.secrets.has(kDigestTokenSecret)}};
}

json digest_send(const json& body, Deps& deps) {
    const ObjectReader r(protocol::read_object(body, body_path()), body_path(), {"week"});
    const auto week = r.optional("week", read_week);
    const SendNowOutcome outcome = queue_digest_now(deps, week);
    if (!outcome.already_sent && deps.digest_wake) deps.digest_wake();
    return {{"week", outcome.week},
            {"state", store::to_string(outcome.state)},
            {"already_sent", outcome.already_sent}};
}

json digest_credentials_set(const json& body, Deps& deps) {
    const ObjectReader r(protocol::read_object(body, body_path()), body_path(),
                         {"password", "token"});
    const auto password = read_secret(r, "password");
    const auto token = read_secret(r, "token");
    deps.db.write([&](SQLite::Database&) {
        for (const auto& [name, value] :
             {std::pair{kDigestPasswordSecret, password}, std::pair{kDigestTokenSecret, token}}) {
            if (!value) continue;
            if (*value) {
                deps.secrets.put(name, **value);
            } else {
                deps.secrets.remove(name);
            }
        }
    });
    return {{"has_password", deps.secrets.has(kDigestPasswordSecret)},
            {"has_token", deps.secrets.has(kDigestTokenSecret)}};
}

}  // namespace parasol::service::handlers
