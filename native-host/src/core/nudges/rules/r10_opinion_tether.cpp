#include "core/nudges/rules/r10_opinion_tether.hpp"

#include <algorithm>
#include <cstddef>

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r10(const Signals& signals, const Settings::R10& rule) {
    const std::vector<int>& leans = signals.opinion_leans;
    const std::size_t window =
        std::min(leans.size(), static_cast<std::size_t>(std::max(rule.of_checkins, 0)));
    int leaning = 0;
    for (std::size_t i = leans.size() - window; i < leans.size(); ++i) {
        if (leans[i] >= rule.min_lean) ++leaning;
    }
    Finding f;
    f.rule = RuleId::r10;
    f.figure = leaning;
    f.threshold = rule.min_count;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    std::string who = "a creator";
    if (!signals.creators_7d.empty()) {
        f.creator = signals.creators_7d.front().key;
        f.creator_label = signals.creators_7d.front().label;
        who = f.creator_label;
    }
    f.insight = f.fired ? "In recent check-ins you said you often check what " + who +
                              " thinks before making up your mind."
                        : "In a recent check-in you said you check what " + who +
                              " thinks before making up your mind.";
    return f;
}

}  // namespace parasol::core::nudges
