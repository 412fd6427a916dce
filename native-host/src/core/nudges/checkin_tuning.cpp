#include "core/nudges/checkin_tuning.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace parasol::core::nudges {

namespace {

constexpr int kHardlyEver = 1;  // lonely: 1 hardly ever, 2 some of the time, 3 often

// The latest check-in on or before `today` whose "chosen + hardly ever"
// answer still applies.
std::optional<LocalDate> latest_relaxing_checkin(const std::vector<Checkin>& checkins,
                                                 LocalDate today) {
    std::optional<LocalDate> latest;
    for (const Checkin& c : checkins) {
        if (c.date > today || c.date.plus_days(kCheckinTuningDays - 1) < today) continue;
        if (c.felt != Felt::chosen || c.lonely != kHardlyEver) continue;
        if (!latest || c.date > *latest) latest = c.date;
    }
    return latest;
}

int raised(int value, int max) {
    return std::min(max, static_cast<int>(std::ceil(value * kCheckinTuningFactor)));
}

}  // namespace

std::vector<Tuning> active_tunings(const std::vector<Checkin>& checkins, LocalDate today) {
    const std::optional<LocalDate> from = latest_relaxing_checkin(checkins, today);
    if (!from) return {};
    const LocalDate until = from->plus_days(kCheckinTuningDays - 1);
    const std::string why = "In your check-in of " + from->to_string() +
                            " your watching felt mostly chosen and you hardly ever felt "
                            "lonely, so this nudge waits for a clearer sign.";
    return {Tuning{RuleId::r1, kCheckinTuningFactor, until, why},
            Tuning{RuleId::r3, kCheckinTuningFactor, until, why}};
}

Settings tuned_by_checkins(const Settings& settings, const std::vector<Checkin>& checkins,
                           LocalDate today) {
    Settings out = settings;
    if (!latest_relaxing_checkin(checkins, today)) return out;
    out.r1.min_creator_hours_7d = raised(settings.r1.min_creator_hours_7d, 168);
    out.r1.max_connection_vs_baseline =
        settings.r1.max_connection_vs_baseline / kCheckinTuningFactor;
    out.r1.connection_floor_min_7d =
        static_cast<int>(std::floor(settings.r1.connection_floor_min_7d / kCheckinTuningFactor));
    if (settings.r3.daily_goal_min) {
        out.r3.daily_goal_min = raised(*settings.r3.daily_goal_min, 1440);
    } else {
        out.r3.floor_min = raised(settings.r3.floor_min, 1440);
        out.r3.median_factor = std::min(10.0, settings.r3.median_factor * kCheckinTuningFactor);
    }
    return out;
}

}  // namespace parasol::core::nudges
