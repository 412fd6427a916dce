#include "core/nudges/rules/r7_spending.hpp"

#include <algorithm>

namespace parasol::core::nudges {

namespace {

// The latest recent spend for which `holds` is true, or nullptr.
template <typename Pred>
const RecentSpend* latest(const Signals& signals, Pred holds) {
    const auto& spends = signals.recent_spends;
    for (auto it = spends.rbegin(); it != spends.rend(); ++it) {
        if (holds(*it)) return &*it;
    }
    return nullptr;
}

}  // namespace

std::optional<Finding> evaluate_r7(const Signals& signals, const Settings::R7& rule) {
    if (signals.recent_spends.empty()) return std::nullopt;
    Finding f;
    f.rule = RuleId::r7;
    f.threshold = rule.spend_marks_7d;
    for (const RecentSpend& s : signals.recent_spends)
        f.figure = std::max<double>(f.figure, s.marks_7d);

    const RecentSpend* trigger = nullptr;
    if ((trigger = latest(signals, [](const RecentSpend& s) { return s.at_night; }))) {
        f.detail = "night_spend";
        f.insight = "A payment to a creator happened late at night.";
    } else if ((trigger = latest(signals, [&](const RecentSpend& s) {
                    return s.marks_7d >= rule.spend_marks_7d;
                }))) {
        f.detail = "repeat_spend";
        f.insight = "You supported creators with money several times this week.";
    } else if ((trigger = latest(signals, [](const RecentSpend& s) { return s.first_ever; }))) {
        f.detail = "first_spend";
        f.insight = "You supported a creator with money for the first time.";
    }
    f.fired = trigger != nullptr;
    if (!f.fired) {
        if (!nearly(f.figure, f.threshold)) return std::nullopt;
        trigger = &signals.recent_spends.back();
        f.insight = "You supported creators with money a few times this week.";
    }
    f.creator = trigger->creator;
    f.creator_label = trigger->label;
    return f;
}

}  // namespace parasol::core::nudges
