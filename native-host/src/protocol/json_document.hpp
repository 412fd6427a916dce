#pragma once
// A frame's payload as JSON: UTF-8 text holding exactly one object, nested at
// most kMaxJsonDepth containers deep (the root object is level 1). Anything
// else is ProtocolError `bad_json`. Deep input fails as soon as the limit is
// passed, so a hostile 100,000-deep array costs neither stack nor time.
#include <nlohmann/json.hpp>
#include <string_view>

namespace parasol::protocol {

constexpr int kMaxJsonDepth = 64;

nlohmann::json parse_json_object(std::string_view payload);

}  // namespace parasol::protocol
