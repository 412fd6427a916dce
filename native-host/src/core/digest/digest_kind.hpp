#pragma once
// The wire names of the digest's enumerations ("webhook", "starttls").
#include <string_view>

#include "core/settings.hpp"

namespace parasol::core {

const char* digest_kind_name(DigestKind kind);           // "unknown" for unknown
DigestKind digest_kind_from(std::string_view name);      // unknown if not a name
const char* smtp_security_name(SmtpSecurity security);   // "unknown" for unknown
SmtpSecurity smtp_security_from(std::string_view name);  // unknown if not a name

}  // namespace parasol::core
