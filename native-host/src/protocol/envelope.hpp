#pragma once
// The request and reply envelopes of PROTOCOL.md.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "protocol/error_code.hpp"

namespace parasol::protocol {

struct Envelope {
    std::string id;
    std::string type;
    nlohmann::json body;  // always an object ({} when omitted)
};

// Parses and checks a request payload. Throws ProtocolError (bad_json or
// invalid). `readable_id` is set as soon as a valid id has been read, so the
// error reply for a later fault can still echo it.
Envelope decode_envelope(std::string_view payload, std::optional<std::string>& readable_id);

// `{"id", "ok": true, "body"}`; when that would pass kMaxReply bytes, the
// reply_too_large error reply for `id` instead.
std::string encode_ok(const std::string& id, const nlohmann::json& body);

// `{"id", "ok": false, "error": {"code", "message", "path"?}}`. Never throws
// on odd strings (invalid UTF-8 becomes U+FFFD) and never passes kMaxReply:
// a huge message is cut short and a huge path left out.
std::string encode_error(const std::optional<std::string>& id, ErrorCode code,
                         const std::string& message, const std::optional<std::string>& path);

}  // namespace parasol::protocol
