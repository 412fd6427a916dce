#pragma once
// NUDGES.md "Delivery policy": given what the rules found and the nudge
// history, what to create now, what to hand out now and what to drop. Pure:
// time and the host's UTC offset come in as parameters; the caller writes
// the outcome in one transaction.
//
// The policy, as implemented (each point has a test in delivery_policy_test):
// - Nothing without data, nor before local day `learning_days` (counted from
//   first_activity_at's local date, day 0); that day (and the six after it,
//   if it was missed) brings one `first_week` card, once ever (none when
//   learning_days is 0).
// - settings.nudges.enabled false: nothing is created or handed out, and
//   held nudges are dropped.
// - snoozed_indefinitely, or now < snoozed_until: nothing at all (the
//   reflection included). A rule that came due meanwhile is never created
//   later (no catch-up); the snooze ends at snoozed_until exactly.
// - now < paused_until, or 7 days after a third dismissal within 7 days
//   (reflection dismissals aside): only the weekly reflection.
// - Budget (R1..R11 only): handed out on today's local date plus held <
//   max_per_day, and handed out in the 7 local days ending today plus held <
//   max_per_week.
// - Quiet hours (start == end: none): a due nudge is created but held; a held
//   nudge is handed out at the first poll outside quiet hours that may show
//   it, and dropped once 24 h old. One rule nudge is held at a time.
// - Per rule: `enabled`, and `cooldown_days` x 24 h from the last nudge of
//   that rule created (dropped ones aside), doubled for every two
//   consecutive answers "snoozed" without snooze_min on that rule (x2 after
//   two, x4 after four; any other answer resets; unanswered ones are
//   skipped).
// - Never a rule nudge while connection_above_baseline_today, nor within
//   spacing_min of the last nudge handed out (any kind).
// - One nudge handed out a poll at most; first_week and reflection come
//   first, then the rules in NUDGES.md's priority order.
// - The weekly reflection: due at reflection weekday/time (local), once a
//   week, within 24 h of that time; held like any nudge when it can't be
//   shown yet (quiet hours, spacing).
// - Wording: variant = number of earlier nudges of that rule mod
//   wording_count(rule).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/instant.hpp"
#include "core/nudges/nudge_record.hpp"
#include "core/nudges/rule_id.hpp"
#include "core/nudges/rules.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

struct DeliveryInput {
    Instant now = 0;
    int utc_offset_min = 0;  // the host's, at `now`
    // Fired and nearly fired findings (evaluate_rules); only fired ones count.
    std::vector<Finding> findings;
    // Every nudge stored (any order); the policy needs the rules' last ones,
    // the week's deliveries, responses and held nudges.
    std::vector<NudgeRecord> history;
    std::optional<Instant> first_activity_at;
    bool connection_above_baseline_today = false;
};

// A nudge to create now.
struct NewNudge {
    RuleId rule = RuleId::unknown;
    std::optional<CreatorKey> creator;
    std::string creator_label;
    std::string detail;        // Finding::detail, for the wording
    std::size_t wording = 0;   // the variant to use
    bool deliver_now = false;  // false: held (quiet hours, spacing)
};

struct DeliveryDecision {
    std::vector<NewNudge> create;
    std::vector<std::string> deliver;  // ids of held nudges to hand out now
    std::vector<std::string> drop;     // ids of held nudges to drop

    [[nodiscard]] bool empty() const { return create.empty() && deliver.empty() && drop.empty(); }
};

// `settings` are the ones in force (already tuned by check-ins).
DeliveryDecision decide_delivery(const DeliveryInput& input, const Settings& settings);

// The enabled flag and cooldown of R1..R11 in `settings`; nullptr for
// first_week, reflection and unknown.
const RuleSettings* rule_settings(const Settings& settings, RuleId rule);

// Whether local minute-of-day `minute` lies in `window` (which may wrap
// midnight; start == end is an empty window).
bool in_window(const TimeWindow& window, int minute);

// The instant of the latest scheduled weekly reflection at or before `now`.
Instant last_reflection_time(const Settings& settings, Instant now, int utc_offset_min);

// The instant until which nudges are paused by dismissals (3 in 7 days ->
// 7 days), if that is after `now`.
std::optional<Instant> dismissal_pause_until(const std::vector<NudgeRecord>& history, Instant now);

// The cooldown of `rule` in ms, back-off included.
Instant effective_cooldown_ms(const Settings& settings, RuleId rule,
                              const std::vector<NudgeRecord>& history);

}  // namespace parasol::core::nudges
