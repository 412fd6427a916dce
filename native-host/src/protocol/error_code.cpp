#include "protocol/error_code.hpp"

namespace parasol::protocol {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_json:
            return "bad_json";
        case ErrorCode::too_large:
            return "too_large";
        case ErrorCode::bad_frame:
            return "bad_frame";
        case ErrorCode::invalid:
            return "invalid";
        case ErrorCode::unknown_type:
            return "unknown_type";
        case ErrorCode::unsupported_protocol:
            return "unsupported_protocol";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::unavailable:
            return "unavailable";
        case ErrorCode::reply_too_large:
            return "reply_too_large";
        case ErrorCode::internal:
            return "internal";
    }
    return "internal";  // unreachable for valid enumerators; keeps -Wreturn-type quiet
}

}  // namespace parasol::protocol
