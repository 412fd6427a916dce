#pragma once
// Where a value sits in a request, kept in two spellings at once: the JSON
// Pointer that error replies carry ("/body/spans/3/end") and the name people
// read in messages ("body.spans[3].end").
#include <cstddef>
#include <string>
#include <string_view>

#include "protocol/error_code.hpp"

namespace parasol::protocol {

class JsonPath {
public:
    JsonPath() = default;  // the document root
    // From a pointer we wrote ourselves ("/body/settings"); all-digit segments read as indices.
    static JsonPath from_pointer(std::string_view pointer);

    [[nodiscard]] JsonPath key(std::string_view name) const;
    [[nodiscard]] JsonPath index(std::size_t i) const;

    [[nodiscard]] const std::string& pointer() const { return pointer_; }
    [[nodiscard]] const std::string& display() const { return display_; }

    // An `invalid` error at this path whose message is "<display>: <rule>".
    [[nodiscard]] ProtocolError invalid(std::string_view rule) const;

private:
    std::string pointer_;
    std::string display_;
};

}  // namespace parasol::protocol
