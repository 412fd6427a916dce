#include "core/nudges/rules/r11_boundary_guard.hpp"

namespace parasol::core::nudges {

std::optional<Finding> evaluate_r11(const Signals& signals, const Settings::R11& rule) {
    if (!signals.top_chat_creator_24h || signals.chat_messages_24h_top < rule.max_messages_24h) {
        return std::nullopt;
    }
    Finding f;
    f.rule = RuleId::r11;
    f.fired = true;
    f.detail = "messages";
    f.creator = signals.top_chat_creator_24h;
    f.creator_label = signals.top_chat_label_24h;
    f.figure = signals.chat_messages_24h_top;
    f.threshold = rule.max_messages_24h;
    return f;
}

}  // namespace parasol::core::nudges
