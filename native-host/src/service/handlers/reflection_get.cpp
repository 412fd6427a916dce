#include "core/local_date.hpp"
#include "core/nudges/checkin_tuning.hpp"
#include "core/nudges/reflection.hpp"
#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"
#include "protocol/nudge_codec.hpp"
#include "service/handlers/handlers.hpp"
#include "service/settings_access.hpp"

namespace parasol::service::handlers {

// The week of 7 local days ending `until`, seen from its last moment (or
// from now, for the week ending today).
json reflection_get(const json& body, Deps& deps) {
    const auto request = protocol::decode_reflection_get(body);
    const core::Instant now = deps.clock.now_ms();
    const int offset = deps.clock.utc_offset_min(now);
    const core::LocalDate today = core::local_date_of(now, offset);
    const core::LocalDate until = request.until.value_or(today);
    const core::Instant at =
        until == today ? now : core::local_midnight(until.plus_days(1), offset) - 1;

    const auto history = deps.history.read(at, offset);
    const core::Settings stored = load_settings(deps);
    const core::Settings settings =
        core::nudges::tuned_by_checkins(stored, history.checkins, until);
    const auto signals = core::nudges::compute_signals(history, settings, at, offset);
    const auto findings = core::nudges::evaluate_rules(signals, settings);
    return protocol::encode_reflection(core::nudges::build_reflection(
        signals, findings, deps.nudges.history(), history.checkins,
        core::nudges::active_tunings(history.checkins, until), stored, offset));
}

}  // namespace parasol::service::handlers
