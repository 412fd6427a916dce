#include "protocol/json_path.hpp"

#include <algorithm>
#include <cctype>

namespace parasol::protocol {

JsonPath JsonPath::from_pointer(std::string_view pointer) {
    JsonPath path;
    while (!pointer.empty() && pointer.front() == '/') {
        pointer.remove_prefix(1);
        const std::size_t end = std::min(pointer.find('/'), pointer.size());
        std::string segment;
        for (std::size_t i = 0; i < end; ++i) {
            if (pointer[i] == '~' && i + 1 < end) {
                segment += pointer[i + 1] == '1' ? '/' : '~';
                ++i;
            } else {
                segment += pointer[i];
            }
        }
        const bool numeric =
            !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) != 0;
            });
        path = numeric ? path.index(std::stoul(segment)) : path.key(segment);
        pointer.remove_prefix(end);
    }
    return path;
}

JsonPath JsonPath::key(std::string_view name) const {
    JsonPath next = *this;
    next.pointer_ += '/';
    for (char c : name) {  // RFC 6901 escapes
        if (c == '~') {
            next.pointer_ += "~0";
        } else if (c == '/') {
            next.pointer_ += "~1";
        } else {
            next.pointer_ += c;
        }
    }
    if (!next.display_.empty()) next.display_ += '.';
    next.display_ += name;
    return next;
}

JsonPath JsonPath::index(std::size_t i) const {
    JsonPath next = *this;
    next.pointer_ += '/' + std::to_string(i);
    next.display_ += '[' + std::to_string(i) + ']';
    return next;
}

ProtocolError JsonPath::invalid(std::string_view rule) const {
    const std::string message =
        display_.empty() ? std::string(rule) : display_ + ": " + std::string(rule);
    return ProtocolError(ErrorCode::invalid, message, pointer_);
}

}  // namespace parasol::protocol
