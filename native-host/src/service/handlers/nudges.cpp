#include <cstdio>
#include <random>

#include "core/local_date.hpp"
#include "core/nudges/checkin_tuning.hpp"
#include "core/nudges/delivery_policy.hpp"
#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"
#include "core/nudges/support_offer.hpp"
#include "core/nudges/wording.hpp"
#include "protocol/error_code.hpp"
#include "protocol/nudge_codec.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"
#include "service/settings_access.hpp"

namespace parasol::service::handlers {
namespace {

using core::nudges::DeliveryDecision;
using core::nudges::DeliveryInput;

// "n-" + 16 hex digits: random, so ids never collide across hosts sharing a file.
std::string new_nudge_id() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    char text[24];
    std::snprintf(text, sizeof text, "n-%016llx", static_cast<unsigned long long>(random()));
    return text;
}

// `checkins`, `today`: whether the nudge also offers the support page.
store::StoredNudge make_nudge(const core::nudges::NewNudge& n, core::Instant now,
                              const std::vector<core::Checkin>& checkins, core::LocalDate today) {
    auto wording = core::nudges::word(n.rule, n.wording, {n.creator_label, n.detail});
    if (core::nudges::offers_support(n.rule, checkins, today)) {
        wording.choices.push_back(core::nudges::support_choice());
    }
    store::StoredNudge out;
    auto& r = out.record;
    r.id = new_nudge_id();
    r.rule = n.rule;
    r.wording = n.wording;
    r.title = wording.title;
    r.message = wording.message;
    r.creator = n.creator;
    r.creator_label = n.creator ? n.creator_label : "";
    r.created_at = now;
    if (n.deliver_now) r.delivered_at = now;
    out.choices = protocol::encode_choices_document(wording.choices);
    return out;
}

}  // namespace

// One poll: the pure pipeline over what the store holds, then (only when
// something is due) one write transaction that decides again under the
// write lock, so two hosts polling at once never hand out the same nudge.
json nudges_poll(const json& body, Deps& deps) {
    protocol::decode_empty(body, "nudges.poll");
    const core::Instant now = deps.clock.now_ms();
    const int offset = deps.clock.utc_offset_min(now);
    const core::LocalDate today = core::local_date_of(now, offset);

    const auto history = deps.history.read(now, offset);
    DeliveryInput in;
    in.now = now;
    in.utc_offset_min = offset;
    in.first_activity_at = history.first_activity_at;
    bool judged = false;  // the findings don't change between the two decisions
    const auto decide = [&]() {
        const core::Settings settings =
            core::nudges::tuned_by_checkins(load_settings(deps), history.checkins, today);
        if (!judged && settings.nudges.enabled && history.first_activity_at) {
            judged = true;
            const auto signals = core::nudges::compute_signals(history, settings, now, offset);
            in.findings = core::nudges::evaluate_rules(signals, settings);
            in.connection_above_baseline_today = signals.connection_above_baseline_today();
        }
        in.history = deps.nudges.history();
        return core::nudges::decide_delivery(in, settings);
    };

    json handed = json::array();
    if (decide().empty()) return {{"nudges", handed}};
    deps.db.write([&](SQLite::Database&) {
        handed = json::array();
        const DeliveryDecision decision = decide();  // again, under the write lock
        for (const auto& id : decision.drop) deps.nudges.mark_dropped(id, now);
        for (const auto& id : decision.deliver) {
            if (!deps.nudges.mark_delivered(id, now)) continue;
            const auto stored = deps.nudges.find(id);
            if (stored) handed.push_back(protocol::encode_nudge(stored->record, stored->choices));
        }
        for (const auto& n : decision.create) {
            const auto stored = make_nudge(n, now, history.checkins, today);
            deps.nudges.insert(stored);
            if (n.deliver_now) {
                handed.push_back(protocol::encode_nudge(stored.record, stored.choices));
            }
        }
    });
    return {{"nudges", handed}};
}

json nudges_respond(const json& body, Deps& deps) {
    const auto request = protocol::decode_nudges_respond(body);
    const core::Instant now = deps.clock.now_ms();
    bool found = false;
    deps.db.write([&](SQLite::Database&) {
        found = deps.nudges.respond(request.id, request.action, request.snooze_min, now);
        if (found && request.snooze_min) {
            core::Settings settings = load_settings(deps);
            settings.nudges.snoozed_until = now + *request.snooze_min * core::kMsPerMinute;
            save_settings(deps, settings);
        }
    });
    if (!found) {
        throw protocol::ProtocolError(
            protocol::ErrorCode::not_found,
            "body.id: this host never handed out a nudge \"" + request.id + "\"");
    }
    return json::object();
}

}  // namespace parasol::service::handlers
