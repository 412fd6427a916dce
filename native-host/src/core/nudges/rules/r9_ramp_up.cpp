#include "core/nudges/rules/r9_ramp_up.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r9(const Signals& signals, const Settings::R9& rule) {
    const std::optional<double> pt_baseline = signals.pt_7_baseline_s();
    const std::optional<double> rt_baseline = signals.rt_7_baseline_min();
    if (!pt_baseline || !rt_baseline || *pt_baseline <= 0.0) return std::nullopt;
    if (signals.rt_7_min > rule.max_connection_vs_baseline * *rt_baseline) return std::nullopt;
    Finding f;
    f.rule = RuleId::r9;
    f.figure = static_cast<double>(signals.pt_7_s) / *pt_baseline;
    f.threshold = rule.min_ramp_factor;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "Creators have been around a lot more than usual this week."
                        : "Creators have been around a bit more than usual this week.";
    return f;
}

}  // namespace parasol::core::nudges
