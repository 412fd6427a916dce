#pragma once
// JSON text for the digest's web payloads, written by hand because core
// links nothing: just strings (escaped) and the few shapes the payloads use.
#include <string>
#include <string_view>

namespace parasol::core {

// `text` as a JSON string literal, quotes included. UTF-8 passes through;
// control characters, quote and backslash are escaped.
std::string json_string(std::string_view text);

}  // namespace parasol::core
