#pragma once
// The protocol's error codes. schemas/errors.json is the append-only source
// of truth; a test checks this table against it (and the extension's).
#include <optional>
#include <stdexcept>
#include <string>

namespace parasol::protocol {

enum class ErrorCode {
    bad_json,
    too_large,
    bad_frame,
    invalid,
    unknown_type,
    unsupported_protocol,
    not_found,
    unavailable,
    reply_too_large,
    internal,
};

const char* to_string(ErrorCode code);

// Thrown anywhere below the dispatcher; the dispatcher is the one catch site
// that turns it into an error reply. `path` is a JSON Pointer ("/body/spans/3/end").
class ProtocolError : public std::runtime_error {
public:
    ProtocolError(ErrorCode code, const std::string& message, std::optional<std::string> path = {})
        : std::runtime_error(message), code_(code), path_(std::move(path)) {}
    [[nodiscard]] ErrorCode code() const { return code_; }
    [[nodiscard]] const std::optional<std::string>& path() const { return path_; }

private:
    ErrorCode code_;
    std::optional<std::string> path_;
};

}  // namespace parasol::protocol
