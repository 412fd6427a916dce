#include "core/nudges/rules/r6_absorption.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r6(const Signals& signals, const Settings::R6& rule) {
    if (signals.creators_7d.empty()) return std::nullopt;
    const CreatorWeek& top = signals.creators_7d.front();
    int busy_days = 0;
    for (int episodes : top.episodes_by_day) {
        if (episodes >= rule.min_episodes_per_day) ++busy_days;
    }
    if (top.seconds_7d < static_cast<std::int64_t>(rule.min_creator_hours_7d) * 3600 ||
        busy_days < rule.min_days) {
        return std::nullopt;
    }
    Finding f;
    f.rule = RuleId::r6;
    f.creator = top.key;
    f.creator_label = top.label;
    f.figure = top.share_7d;
    f.threshold = rule.min_share;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? top.label +
                              " was most of your creator time this week, with many visits "
                              "a day."
                        : top.label + " was a big part of your creator time this week.";
    return f;
}

}  // namespace parasol::core::nudges
