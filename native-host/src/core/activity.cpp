#include "core/activity.hpp"

namespace parasol::core {

const char* to_string(SpanKind v) {
    switch (v) {
        case SpanKind::creator:
            return "creator";
        case SpanKind::connection:
            return "connection";
        case SpanKind::unknown:
            break;
    }
    return "unknown";
}

const char* to_string(Attention v) {
    switch (v) {
        case Attention::focused:
            return "focused";
        case Attention::audible:
            return "audible";
        case Attention::unknown:
            break;
    }
    return "unknown";
}

const char* to_string(MarkWhat v) {
    switch (v) {
        case MarkWhat::spend:
            return "spend";
        case MarkWhat::chat:
            return "chat";
        case MarkWhat::unknown:
            break;
    }
    return "unknown";
}

const char* to_string(Felt v) {
    switch (v) {
        case Felt::chosen:
            return "chosen";
        case Felt::autopilot:
            return "autopilot";
        case Felt::hard_to_stop:
            return "hard_to_stop";
        case Felt::unknown:
            break;
    }
    return "unknown";
}

SpanKind span_kind_from(std::string_view s) {
    if (s == "creator") return SpanKind::creator;
    if (s == "connection") return SpanKind::connection;
    return SpanKind::unknown;
}

Attention attention_from(std::string_view s) {
    if (s == "focused") return Attention::focused;
    if (s == "audible") return Attention::audible;
    return Attention::unknown;
}

MarkWhat mark_what_from(std::string_view s) {
    if (s == "spend") return MarkWhat::spend;
    if (s == "chat") return MarkWhat::chat;
    return MarkWhat::unknown;
}

Felt felt_from(std::string_view s) {
    if (s == "chosen") return Felt::chosen;
    if (s == "autopilot") return Felt::autopilot;
    if (s == "hard_to_stop") return Felt::hard_to_stop;
    return Felt::unknown;
}

}  // namespace parasol::core
