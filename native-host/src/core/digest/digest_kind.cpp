#include "core/digest/digest_kind.hpp"

namespace parasol::core {

const char* digest_kind_name(DigestKind kind) {
    switch (kind) {
        case DigestKind::webhook:
            return "webhook";
        case DigestKind::ntfy:
            return "ntfy";
        case DigestKind::slack:
            return "slack";
        case DigestKind::discord:
            return "discord";
        case DigestKind::email:
            return "email";
        case DigestKind::unknown:
            break;
    }
    return "unknown";
}

DigestKind digest_kind_from(std::string_view name) {
    for (auto kind : {DigestKind::webhook, DigestKind::ntfy, DigestKind::slack, DigestKind::discord,
                      DigestKind::email}) {
        if (name == digest_kind_name(kind)) return kind;
    }
    return DigestKind::unknown;
}

const char* smtp_security_name(SmtpSecurity security) {
    return security == SmtpSecurity::starttls ? "starttls"
           : security == SmtpSecurity::smtps  ? "smtps"
                                              : "unknown";
}

SmtpSecurity smtp_security_from(std::string_view name) {
    if (name == "starttls") return SmtpSecurity::starttls;
    if (name == "smtps") return SmtpSecurity::smtps;
    return SmtpSecurity::unknown;
}

}  // namespace parasol::core
