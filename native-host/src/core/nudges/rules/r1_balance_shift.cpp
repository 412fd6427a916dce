#include "core/nudges/rules/r1_balance_shift.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r1(const Signals& signals, const Settings::R1& rule) {
    if (!signals.ratio_7) return std::nullopt;
    const bool enough_watching =
        signals.pt_7_s >= static_cast<std::int64_t>(rule.min_creator_hours_7d) * 3600;
    const std::optional<double> baseline = signals.rt_7_baseline_min();
    const bool quiet_connection =
        baseline ? signals.rt_7_min <= rule.max_connection_vs_baseline * *baseline
                 : signals.rt_7_min < rule.connection_floor_min_7d;
    if (!enough_watching || !quiet_connection) return std::nullopt;
    Finding f;
    f.rule = RuleId::r1;
    f.figure = *signals.ratio_7;
    f.threshold = rule.min_ratio;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "This week creators had most of your company, and chats with people "
                          "were quieter than usual."
                        : "This week your time leaned toward creators, with people not far "
                          "behind.";
    return f;
}

}  // namespace parasol::core::nudges
