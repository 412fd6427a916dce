#include "core/nudges/rules/r4_late_nights.hpp"

#include <algorithm>
#include <cstddef>

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r4(const Signals& signals, const Settings::R4& rule) {
    const std::size_t window = static_cast<std::size_t>(
        std::clamp(rule.of_nights, 1, static_cast<int>(signals.night_min.size())));
    int late = 0;
    for (std::size_t i = signals.night_min.size() - window; i < signals.night_min.size(); ++i) {
        if (signals.night_min[i] >= rule.min_night_minutes) ++late;
    }
    Finding f;
    f.rule = RuleId::r4;
    f.figure = late;
    f.threshold = rule.nights;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "Creators kept you company late on several nights this week."
                        : "A few nights this week ran late with creators.";
    return f;
}

}  // namespace parasol::core::nudges
