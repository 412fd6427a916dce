#include "protocol/envelope.hpp"

#include "protocol/frame_reader.hpp"
#include "protocol/json_document.hpp"
#include "protocol/json_reader.hpp"

namespace parasol::protocol {
namespace {

std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string id_json(const std::optional<std::string>& id) {
    return id ? dump(*id) : "null";
}

// Far below kMaxReply, far above any message or pointer we write ourselves.
constexpr std::size_t kMaxErrorText = 4096;

}  // namespace

Envelope decode_envelope(std::string_view payload, std::optional<std::string>& readable_id) {
    json document = parse_json_object(payload);
    const JsonPath root;
    const auto id = document.find("id");
    if (id == document.end()) throw root.key("id").invalid("is required");
    Envelope envelope;
    envelope.id = read_text(*id, root.key("id"), 1, 64, &kEnvelopeIdChars);
    readable_id = envelope.id;

    const ObjectReader r(document, root, {"id", "type", "body"});
    envelope.type = r.required("type", Text{0, SIZE_MAX});
    if (const json* body = r.find("body")) read_object(*body, r.at("body"));
    const auto body = document.find("body");
    envelope.body = body == document.end() ? json::object() : std::move(*body);  // no copy
    return envelope;
}

std::string encode_ok(const std::string& id, const json& body) {
    std::string reply = "{\"id\":" + dump(id) + ",\"ok\":true,\"body\":" + dump(body) + "}";
    if (reply.size() <= kMaxReply) return reply;
    return encode_error(id, ErrorCode::reply_too_large,
                        "the reply would be " + std::to_string(reply.size()) +
                            " bytes, over the limit of " + std::to_string(kMaxReply),
                        std::nullopt);
}

std::string encode_error(const std::optional<std::string>& id, ErrorCode code,
                         const std::string& message, const std::optional<std::string>& path) {
    json error = {{"code", to_string(code)}};
    error["message"] =
        message.size() <= kMaxErrorText ? message : message.substr(0, kMaxErrorText) + "...";
    if (path && path->size() <= kMaxErrorText) error["path"] = *path;
    return "{\"id\":" + id_json(id) + ",\"ok\":false,\"error\":" + dump(error) + "}";
}

}  // namespace parasol::protocol
