#include "core/nudges/reflection.hpp"

#include <algorithm>
#include <cmath>

namespace parasol::core::nudges {
namespace {

std::optional<double> ratio_of(std::int64_t creator_s, double connection_min) {
    const double creator_min = static_cast<double>(creator_s) / 60.0;
    if (creator_min + connection_min <= 0.0) return std::nullopt;
    return creator_min / (creator_min + connection_min);
}

}  // namespace

Reflection build_reflection(const Signals& signals, const std::vector<Finding>& findings,
                            const std::vector<NudgeRecord>& nudges,
                            const std::vector<Checkin>& checkins, std::vector<Tuning> tunings,
                            const Settings& settings, int utc_offset_min) {
    Reflection out;
    out.to = signals.today;
    out.from = out.to.plus_days(-6);

    for (int w = kReflectionWeeks - 1; w >= 0; --w) {
        ReflectionWeek week;
        week.to = out.to.plus_days(-7 * w);
        week.from = week.to.plus_days(-6);
        double connection = 0.0;
        for (const auto& day : signals.days) {
            if (day.date < week.from || day.date > week.to) continue;
            week.creator_s += day.creator_s;
            connection += day.people_min;
        }
        week.connection_min = static_cast<int>(std::lround(connection));
        week.ratio = ratio_of(week.creator_s, connection);
        out.weeks.push_back(week);
    }
    out.creator_s = out.weeks.back().creator_s;
    out.connection_min = out.weeks.back().connection_min;

    for (const auto& c : signals.creators_7d) {
        if (out.top_creators.size() == kReflectionTopCreators) break;
        if (c.seconds_7d <= 0) continue;
        out.top_creators.push_back({c.key, c.label.empty() ? c.key.handle : c.label, c.seconds_7d});
    }

    // The rule that fired, else the one that nearly did, first in priority.
    for (bool fired : {true, false}) {
        for (const auto& f : findings) {
            if (f.fired == fired && !f.insight.empty() && !out.insight) {
                out.insight = ReflectionInsight{f.rule, f.fired, f.insight};
            }
        }
    }

    const Instant week_start = local_midnight(out.from, utc_offset_min);
    const Instant week_end = local_midnight(out.to.plus_days(1), utc_offset_min);
    for (const auto& n : nudges) {
        if (n.rule == RuleId::reflection || !n.delivered_at) continue;
        if (*n.delivered_at < week_start || *n.delivered_at >= week_end) continue;
        out.nudges.push_back({n.id, n.rule, n.title, n.created_at, n.response});
    }
    std::sort(out.nudges.begin(), out.nudges.end(),
              [](const auto& a, const auto& b) { return a.created_at < b.created_at; });

    for (const auto& c : checkins) {
        if (c.date < out.from || c.date > out.to) continue;
        if (!out.checkin || out.checkin->date < c.date) out.checkin = c;
    }
    out.tuning = std::move(tunings);
    out.daily_goal_min = settings.r3.daily_goal_min;
    return out;
}

}  // namespace parasol::core::nudges
