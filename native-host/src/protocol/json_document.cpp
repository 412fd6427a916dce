#include "protocol/json_document.hpp"

#include "protocol/error_code.hpp"

namespace parasol::protocol {
namespace {

// Keeps the reason, drops nlohmann's "[json.exception.parse_error.101] " tag,
// and bounds the length: the reason quotes input, which can be megabytes.
std::string parse_reason(const nlohmann::json::exception& e) {
    std::string reason = e.what();
    if (const auto tag_end = reason.find("] "); tag_end != std::string::npos) {
        reason.erase(0, tag_end + 2);
    }
    constexpr std::size_t kMaxReason = 200;
    if (reason.size() > kMaxReason) reason = reason.substr(0, kMaxReason) + "...";
    return reason;
}

}  // namespace

nlohmann::json parse_json_object(std::string_view payload) {
    using nlohmann::json;
    // depth = containers enclosing this one, so the root object starts at 0.
    const json::parser_callback_t limit_depth = [](int depth, json::parse_event_t event, json&) {
        if ((event == json::parse_event_t::object_start ||
             event == json::parse_event_t::array_start) &&
            depth >= kMaxJsonDepth) {
            throw ProtocolError(ErrorCode::bad_json, "JSON nests deeper than " +
                                                         std::to_string(kMaxJsonDepth) + " levels");
        }
        return true;
    };
    json document;
    try {
        document = json::parse(payload.begin(), payload.end(), limit_depth);
    } catch (const json::exception& e) {  // parse_error, or out_of_range for a number like 1e400
        throw ProtocolError(ErrorCode::bad_json, "payload is not UTF-8 JSON: " + parse_reason(e));
    }
    if (!document.is_object()) {
        throw ProtocolError(
            ErrorCode::bad_json,
            std::string("payload must be one JSON object, not ") + document.type_name());
    }
    return document;
}

}  // namespace parasol::protocol
