#include "core/nudges/rules/r2_connection_drought.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r2(const Signals& signals, const Settings::R2& rule) {
    if (!signals.connection_tracking) return std::nullopt;
    const double creator_min_per_day = signals.drought_min_creator_min_per_day
                                           ? *signals.drought_min_creator_min_per_day
                                           : static_cast<double>(signals.pt_d_s) / 60.0;
    if (creator_min_per_day < rule.min_creator_min_per_day) return std::nullopt;
    Finding f;
    f.rule = RuleId::r2;
    f.figure = static_cast<double>(signals.drought_ms) / static_cast<double>(kMsPerHour);
    f.threshold = rule.drought_hours;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "A few days went by this week without messages or calls with people."
                        : "A couple of quiet days with people came close together this week.";
    return f;
}

}  // namespace parasol::core::nudges
