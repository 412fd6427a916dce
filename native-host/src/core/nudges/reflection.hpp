#pragma once
// The weekly reflection page's data (reflection.get, NUDGE_CONTRACT.md):
// the week's headline, a 4-week trend, the top creators, one insight, the
// week's nudges and answers, the latest check-in, the tunings in force and
// the goal. Pure: built from signals computed at the end of the week.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/local_date.hpp"
#include "core/nudges/checkin_tuning.hpp"
#include "core/nudges/nudge_record.hpp"
#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

constexpr int kReflectionWeeks = 4;
constexpr std::size_t kReflectionTopCreators = 3;

struct ReflectionWeek {
    LocalDate from;
    LocalDate to;
    std::int64_t creator_s = 0;
    int connection_min = 0;  // DayFigures::people_min summed, rounded (unweighted, as shown)
    // creator minutes / (creator minutes + connection minutes); nullopt when both are 0.
    std::optional<double> ratio;
};

struct ReflectionCreator {
    CreatorKey key;
    std::string label;
    std::int64_t seconds = 0;
};

struct ReflectionInsight {
    RuleId rule = RuleId::unknown;
    bool fired = false;
    std::string text;
};

struct ReflectionNudge {
    std::string id;
    RuleId rule = RuleId::unknown;
    std::string title;
    Instant created_at = 0;
    NudgeAction response = NudgeAction::unknown;  // unknown: not answered
};

struct Reflection {
    LocalDate from;  // the 7 local days ending `to`
    LocalDate to;
    int connection_min = 0;
    std::int64_t creator_s = 0;
    std::vector<ReflectionWeek> weeks;  // kReflectionWeeks, oldest first, the last is from..to
    std::vector<ReflectionCreator> top_creators;  // up to kReflectionTopCreators, most first
    std::optional<ReflectionInsight> insight;
    std::vector<ReflectionNudge> nudges;  // handed out in the week, oldest first
    std::optional<Checkin> checkin;       // the latest dated in the week
    std::vector<Tuning> tuning;
    std::optional<int> daily_goal_min;
};

// `signals` computed at the end of the week (its `today` is the last day);
// `findings` evaluated on them; `nudges` any nudge records (those handed out
// in the week are kept; the reflection card itself is left out); `checkins`
// any (those dated in the week count).
Reflection build_reflection(const Signals& signals, const std::vector<Finding>& findings,
                            const std::vector<NudgeRecord>& nudges,
                            const std::vector<Checkin>& checkins, std::vector<Tuning> tunings,
                            const Settings& settings, int utc_offset_min);

}  // namespace parasol::core::nudges
