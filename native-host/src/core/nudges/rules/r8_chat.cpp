#include "core/nudges/rules/r8_chat.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r8(const Signals& signals, const Settings::R8& rule) {
    const std::optional<double> baseline = signals.rt_7_baseline_min();
    if (!baseline || signals.rt_7_min >= *baseline) return std::nullopt;
    if (signals.chat_messages_7d < rule.min_chat_messages_7d) return std::nullopt;
    Finding f;
    f.rule = RuleId::r8;
    if (signals.top_chat_creator_7d) {
        f.creator = signals.top_chat_creator_7d;
        f.creator_label = signals.top_chat_label_7d;
    }
    f.figure = static_cast<double>(signals.live_s_7d) / 3600.0;
    f.threshold = rule.min_live_hours_7d;
    f.fired = f.figure >= f.threshold;
    if (!f.fired && !nearly(f.figure, f.threshold)) return std::nullopt;
    f.insight = f.fired ? "Live chats had a lot of your time this week, while messages with "
                          "people were quieter than usual."
                        : "Live chats had a good share of your time this week.";
    return f;
}

}  // namespace parasol::core::nudges
