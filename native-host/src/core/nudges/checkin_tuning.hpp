#pragma once
// Check-in answers that tune rule thresholds (NUDGES.md "Check-in"). Pure.
//
// The one tuning so far: a check-in where time with the top creator felt
// "mostly chosen" (Felt::chosen) and loneliness was "hardly ever" (lonely ==
// 1) raises R1's and R3's thresholds by 25% from that check-in's date for 14
// days (its date .. date + 13). Several such check-ins do not compound: the
// latest sets the end. How "raise by 25%" maps onto each setting:
// - R1: min_creator_hours_7d x1.25 (rounded up), max_connection_vs_baseline
//   and connection_floor_min_7d / 1.25 (connection must be quieter still);
//   min_ratio stays (x1.25 would pass 1).
// - R3: daily_goal_min x1.25 (rounded up) when set; otherwise floor_min x1.25
//   (rounded up) and median_factor x1.25, which raises max(floor, factor x
//   median) by exactly 25%.
// Results are clamped to the settings' ranges. The user's stored settings
// never change: the host applies this on every poll.
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/local_date.hpp"
#include "core/nudges/rule_id.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

constexpr double kCheckinTuningFactor = 1.25;
constexpr int kCheckinTuningDays = 14;

// One tuning in force, for the reflection page.
struct Tuning {
    RuleId rule = RuleId::unknown;
    double factor = 1.0;  // how much harder the rule is to trigger
    LocalDate until;      // last local date it applies (inclusive)
    std::string why;      // one neutral sentence
};

// The tunings in force on `today`, R1 before R3; empty when none.
std::vector<Tuning> active_tunings(const std::vector<Checkin>& checkins, LocalDate today);

// `settings` with the tunings in force on `today` applied.
Settings tuned_by_checkins(const Settings& settings, const std::vector<Checkin>& checkins,
                           LocalDate today);

}  // namespace parasol::core::nudges
