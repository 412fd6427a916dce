#include "core/nudges/nudge_action.hpp"

namespace parasol::core::nudges {

const char* to_string(NudgeAction action) {
    switch (action) {
        case NudgeAction::dismissed:
            return "dismissed";
        case NudgeAction::snoozed:
            return "snoozed";
        case NudgeAction::helpful:
            return "helpful";
        case NudgeAction::unhelpful:
            return "unhelpful";
        case NudgeAction::unknown:
            break;
    }
    return "unknown";
}

NudgeAction nudge_action_from(std::string_view name) {
    for (auto action : {NudgeAction::dismissed, NudgeAction::snoozed, NudgeAction::helpful,
                        NudgeAction::unhelpful}) {
        if (name == to_string(action)) return action;
    }
    return NudgeAction::unknown;
}

}  // namespace parasol::core::nudges
