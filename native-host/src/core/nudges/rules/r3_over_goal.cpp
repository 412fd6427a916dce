#include "core/nudges/rules/r3_over_goal.hpp"

#include <algorithm>

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r3(const Signals& signals, const Settings::R3& rule) {
    Finding f;
    f.rule = RuleId::r3;
    f.figure = static_cast<double>(signals.pt_d_s) / 60.0;
    if (rule.daily_goal_min) {
        f.detail = "goal";
        f.threshold = *rule.daily_goal_min;
        f.fired = f.figure > f.threshold;
    } else {
        f.detail = "median";
        f.threshold = rule.floor_min;
        if (signals.pt_d_baseline_s) {
            f.threshold =
                std::max(f.threshold, rule.median_factor * *signals.pt_d_baseline_s / 60.0);
        }
        f.fired = f.figure >= f.threshold;
    }
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    if (rule.daily_goal_min) {
        f.insight = f.fired ? "Today went past the daily goal you set."
                            : "Today came close to the daily goal you set.";
    } else {
        f.insight = f.fired ? "Today ran longer than your usual time with creators."
                            : "Today came close to a long day with creators.";
    }
    return f;
}

}  // namespace parasol::core::nudges
