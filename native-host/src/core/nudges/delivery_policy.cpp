#include "core/nudges/delivery_policy.hpp"

#include <algorithm>
#include <limits>

#include "core/local_date.hpp"
#include "core/nudges/wording.hpp"

namespace parasol::core::nudges {
namespace {

constexpr Instant kHoldLimitMs = kMsPerDay;
constexpr Instant kWeekMs = 7 * kMsPerDay;
constexpr int kDismissalsToPause = 3;
// Back-off doubles a cooldown; past this many doublings it stays (2^10 x a
// day is already three years).
constexpr int kMaxDoublings = 10;
// How long first_week stays due when day `learning_days` was missed.
constexpr int kFirstWeekWindowDays = 7;

int minute_of_day(Instant at, int utc_offset_min) {
    const Instant local = at + utc_offset_min * kMsPerMinute;
    const Instant into_day = ((local % kMsPerDay) + kMsPerDay) % kMsPerDay;
    return static_cast<int>(into_day / kMsPerMinute);
}

// What blocks what at this poll, worked out once.
struct Moment {
    Instant now = 0;
    int offset = 0;
    LocalDate today;
    bool quiet = false;
    bool snoozed = false;  // everything off, reflection included
    bool paused = false;   // everything but the reflection off
    bool spaced = true;    // spacing_min since the last nudge handed out
};

Moment moment_of(const DeliveryInput& in, const Settings& s) {
    const auto& n = s.nudges;
    Moment m;
    m.now = in.now;
    m.offset = in.utc_offset_min;
    m.today = local_date_of(in.now, in.utc_offset_min);
    m.quiet = in_window(n.quiet_hours, minute_of_day(in.now, in.utc_offset_min));
    m.snoozed = n.snoozed_indefinitely || (n.snoozed_until && in.now < *n.snoozed_until);
    m.paused = (n.paused_until && in.now < *n.paused_until) ||
               dismissal_pause_until(in.history, in.now).has_value();
    std::optional<Instant> last_delivered;
    for (const auto& r : in.history) {
        if (r.delivered_at && (!last_delivered || *r.delivered_at > *last_delivered)) {
            last_delivered = r.delivered_at;
        }
    }
    m.spaced = !last_delivered || in.now - *last_delivered >= n.spacing_min * kMsPerMinute;
    return m;
}

// Whether a nudge of `rule` may reach the user at this moment at all
// (quiet hours and spacing aside).
bool allowed(RuleId rule, const Moment& m, const DeliveryInput& in, const Settings& s) {
    if (m.snoozed) return false;
    if (rule == RuleId::reflection) return true;
    if (m.paused) return false;
    if (rule == RuleId::first_week) return true;
    const RuleSettings* rs = rule_settings(s, rule);
    return rs != nullptr && rs->enabled && !in.connection_above_baseline_today;
}

struct Budget {
    int today = 0;
    int week = 0;
};

// Counted nudges handed out today / in the 7 local days ending today, plus
// those held (they will be handed out soon).
Budget budget_used(const std::vector<NudgeRecord>& history, const Moment& m) {
    Budget used;
    const LocalDate week_start = m.today.plus_days(-6);
    for (const auto& r : history) {
        if (!counted(r.rule) || r.dropped_at) continue;
        if (!r.delivered_at) {
            ++used.today;
            ++used.week;
            continue;
        }
        const LocalDate day = local_date_of(*r.delivered_at, m.offset);
        if (day == m.today) ++used.today;
        if (day >= week_start && day <= m.today) ++used.week;
    }
    return used;
}

std::size_t variant_for(RuleId rule, const std::vector<NudgeRecord>& history) {
    const auto earlier = static_cast<std::size_t>(std::count_if(
        history.begin(), history.end(), [&](const auto& r) { return r.rule == rule; }));
    const std::size_t count = wording_count(rule);
    return count == 0 ? 0 : earlier % count;
}

bool cooling_down(const Settings& s, RuleId rule, const std::vector<NudgeRecord>& history,
                  Instant now) {
    const Instant cooldown = effective_cooldown_ms(s, rule, history);
    if (cooldown <= 0) return false;
    return std::any_of(history.begin(), history.end(), [&](const NudgeRecord& r) {
        return r.rule == rule && !r.dropped_at && r.created_at <= now &&
               now - r.created_at < cooldown;
    });
}

bool first_week_due(const DeliveryInput& in, const Settings& s, const LocalDate& first_day,
                    const Moment& m) {
    if (s.nudges.learning_days == 0) return false;
    const LocalDate due = first_day.plus_days(s.nudges.learning_days);
    if (m.today < due || m.today >= due.plus_days(kFirstWeekWindowDays)) return false;
    return std::none_of(in.history.begin(), in.history.end(),
                        [](const auto& r) { return r.rule == RuleId::first_week; });
}

// `learning_end`: a reflection scheduled inside the learning period is skipped.
bool reflection_due(const DeliveryInput& in, const Settings& s, const Moment& m,
                    Instant learning_end) {
    const Instant due = last_reflection_time(s, m.now, m.offset);
    if (m.now - due >= kHoldLimitMs || due < learning_end) return false;
    return std::none_of(in.history.begin(), in.history.end(), [&](const auto& r) {
        return r.rule == RuleId::reflection && r.created_at >= due;
    });
}

}  // namespace

const RuleSettings* rule_settings(const Settings& s, RuleId rule) {
    switch (rule) {
        case RuleId::r1:
            return &s.r1;
        case RuleId::r2:
            return &s.r2;
        case RuleId::r3:
            return &s.r3;
        case RuleId::r4:
            return &s.r4;
        case RuleId::r5:
            return &s.r5;
        case RuleId::r6:
            return &s.r6;
        case RuleId::r7:
            return &s.r7;
        case RuleId::r8:
            return &s.r8;
        case RuleId::r9:
            return &s.r9;
        case RuleId::r10:
            return &s.r10;
        case RuleId::r11:
            return &s.r11;
        case RuleId::first_week:
        case RuleId::reflection:
        case RuleId::unknown:
            break;
    }
    return nullptr;
}

bool in_window(const TimeWindow& window, int minute) {
    const int start = window.start.minute_of_day;
    const int end = window.end.minute_of_day;
    if (start == end) return false;
    if (start < end) return minute >= start && minute < end;
    return minute >= start || minute < end;
}

Instant last_reflection_time(const Settings& s, Instant now, int utc_offset_min) {
    const LocalDate today = local_date_of(now, utc_offset_min);
    const int back = (today.weekday() - s.nudges.reflection_weekday + 7) % 7;
    LocalDate day = today.plus_days(-back);
    Instant at =
        local_midnight(day, utc_offset_min) + s.nudges.reflection_time.minute_of_day * kMsPerMinute;
    if (at > now) {
        day = day.plus_days(-7);
        at = local_midnight(day, utc_offset_min) +
             s.nudges.reflection_time.minute_of_day * kMsPerMinute;
    }
    return at;
}

std::optional<Instant> dismissal_pause_until(const std::vector<NudgeRecord>& history, Instant now) {
    std::vector<Instant> dismissed;
    for (const auto& r : history) {
        if (r.rule != RuleId::reflection && r.response == NudgeAction::dismissed &&
            r.responded_at) {
            dismissed.push_back(*r.responded_at);
        }
    }
    std::sort(dismissed.begin(), dismissed.end());
    std::optional<Instant> until;
    const auto need = static_cast<std::size_t>(kDismissalsToPause);
    for (std::size_t i = need - 1; i < dismissed.size(); ++i) {
        const Instant third = dismissed[i];
        if (third - dismissed[i + 1 - need] < kWeekMs && third <= now && now < third + kWeekMs) {
            until = std::max(until.value_or(0), third + kWeekMs);
        }
    }
    return until;
}

Instant effective_cooldown_ms(const Settings& s, RuleId rule,
                              const std::vector<NudgeRecord>& history) {
    const RuleSettings* rs = rule_settings(s, rule);
    if (rs == nullptr) return 0;
    std::vector<const NudgeRecord*> answered;
    for (const auto& r : history) {
        if (r.rule == rule && r.response != NudgeAction::unknown) answered.push_back(&r);
    }
    std::sort(answered.begin(), answered.end(),
              [](const auto* a, const auto* b) { return a->created_at < b->created_at; });
    int keep_watching = 0;
    for (auto it = answered.rbegin(); it != answered.rend(); ++it) {
        if ((*it)->response != NudgeAction::snoozed || (*it)->snooze_min) break;
        ++keep_watching;
    }
    const int doublings = std::min(keep_watching / 2, kMaxDoublings);
    return rs->cooldown_days * kMsPerDay * (Instant{1} << doublings);
}

DeliveryDecision decide_delivery(const DeliveryInput& in, const Settings& s) {
    DeliveryDecision out;
    std::vector<const NudgeRecord*> held;
    for (const auto& r : in.history) {
        if (r.held()) held.push_back(&r);
    }
    if (!s.nudges.enabled || !in.first_activity_at) {
        for (const auto* h : held) out.drop.push_back(h->id);
        return out;
    }
    const Moment m = moment_of(in, s);
    const auto rule_on = [&](RuleId rule) {
        const RuleSettings* rs = rule_settings(s, rule);
        return rs == nullptr || rs->enabled;
    };

    // Held nudges first: drop the stale and the switched off, then hand out
    // the one that comes first.
    const NudgeRecord* best = nullptr;
    bool counted_held = false;
    for (const auto* h : held) {
        if (in.now - h->created_at >= kHoldLimitMs || !rule_on(h->rule)) {
            out.drop.push_back(h->id);
            continue;
        }
        counted_held = counted_held || counted(h->rule);
        if (m.quiet || !m.spaced || !allowed(h->rule, m, in, s)) continue;
        if (best == nullptr || priority(h->rule) < priority(best->rule) ||
            (priority(h->rule) == priority(best->rule) && h->created_at < best->created_at)) {
            best = h;
        }
    }
    if (best != nullptr) {
        out.deliver.push_back(best->id);
        if (counted(best->rule)) counted_held = false;
    }
    bool handed_out = best != nullptr;
    // Only quiet hours and spacing hold a nudge back; anything else stops
    // its creation.
    const auto create = [&](RuleId rule, const Finding* finding) {
        NewNudge n;
        n.rule = rule;
        if (finding != nullptr) {
            n.creator = finding->creator;
            n.creator_label = finding->creator_label;
            n.detail = finding->detail;
        }
        n.wording = variant_for(rule, in.history);
        n.deliver_now = !m.quiet && m.spaced && !handed_out;
        handed_out = handed_out || n.deliver_now;
        out.create.push_back(std::move(n));
    };

    const LocalDate first_day = local_date_of(*in.first_activity_at, m.offset);
    const LocalDate learning_end = first_day.plus_days(s.nudges.learning_days);
    if (m.today < learning_end) return out;

    if (first_week_due(in, s, first_day, m) && allowed(RuleId::first_week, m, in, s)) {
        create(RuleId::first_week, nullptr);
    }
    if (reflection_due(in, s, m, local_midnight(learning_end, m.offset)) &&
        allowed(RuleId::reflection, m, in, s)) {
        create(RuleId::reflection, nullptr);
    }

    // One rule a poll, only when it could be shown now or held for quiet
    // hours (spacing doesn't hold a rule back: it is looked at again next
    // poll), and never beside another held rule nudge.
    if (counted_held) return out;
    if (!m.quiet && (!m.spaced || handed_out)) return out;
    const Budget used = budget_used(in.history, m);
    if (used.today >= s.nudges.max_per_day || used.week >= s.nudges.max_per_week) return out;
    const Finding* winner = nullptr;
    for (const auto& f : in.findings) {
        if (!f.fired || !counted(f.rule) || !allowed(f.rule, m, in, s)) continue;
        if (cooling_down(s, f.rule, in.history, in.now)) continue;
        if (winner == nullptr || priority(f.rule) < priority(winner->rule)) winner = &f;
    }
    if (winner != nullptr) create(winner->rule, winner);
    return out;
}

}  // namespace parasol::core::nudges
