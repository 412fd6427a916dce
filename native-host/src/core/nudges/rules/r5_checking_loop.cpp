#include "core/nudges/rules/r5_checking_loop.hpp"

#include <algorithm>
#include <cmath>

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r5(const Signals& signals, const Settings::R5& rule) {
    if (signals.checks_d <= 0) return std::nullopt;
    const double short_share =
        static_cast<double>(signals.short_checks_d) / static_cast<double>(signals.checks_d);
    if (short_share < rule.min_short_share) return std::nullopt;
    double threshold = rule.min_checks_per_day;
    if (signals.checks_d_baseline) {
        const double usual = std::ceil(rule.baseline_factor * *signals.checks_d_baseline);
        const double floor = std::ceil(rule.min_checks_per_day / 2.0);
        threshold = std::max(floor, std::min(threshold, usual));
    }
    Finding f;
    f.rule = RuleId::r5;
    f.figure = signals.checks_d;
    f.threshold = threshold;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "Today had many quick visits to creators' pages."
                        : "Today had quite a few quick visits to creators' pages.";
    return f;
}

}  // namespace parasol::core::nudges
