#include "core/digest/digest_validation.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace parasol::core {
namespace {

constexpr std::size_t kMaxUrl = 2000;
constexpr std::size_t kMaxAddress = 254;

bool has_control_or_space(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f;
    });
}

bool has_control(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

// A mailbox as RFC 5321 takes it in MAIL FROM / RCPT TO, kept to the
// unquoted dot-atom form so it can't smuggle header or command syntax.
bool is_address(std::string_view address) {
    const auto at = address.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
    if (address.size() > kMaxAddress) return false;
    const std::string_view local = address.substr(0, at);
    const std::string_view domain = address.substr(at + 1);
    const auto local_ok = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
               std::string_view("!#$%&'*+-/=?^_`{|}~.").find(c) != std::string_view::npos;
    };
    const auto domain_ok = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-';
    };
    return std::all_of(local.begin(), local.end(), local_ok) &&
           std::all_of(domain.begin(), domain.end(), domain_ok) && domain.front() != '.' &&
           domain.back() != '.';
}

bool is_host_name(std::string_view host) {
    if (host.empty() || host.size() > 253) return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == ':';
    });
}

}  // namespace

std::optional<UrlParts> parse_web_url(std::string_view url) {
    if (url.size() > kMaxUrl || has_control_or_space(url)) return std::nullopt;
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    UrlParts parts;
    parts.scheme = lower(url.substr(0, scheme_end));
    if (parts.scheme != "https" && parts.scheme != "http") return std::nullopt;
    std::string_view rest = url.substr(scheme_end + 3);
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) return std::nullopt;
    std::string_view host = authority;
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = authority.substr(1, close - 1);
        const std::string_view after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return std::nullopt;
            port = after.substr(1);
        }
    } else if (const auto colon = authority.find(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty()) return std::nullopt;
    if (!port.empty() &&
        (!all_digits(port) || port.size() > 5 || std::stoi(std::string(port)) == 0 ||
         std::stoi(std::string(port)) > 65535)) {
        return std::nullopt;
    }
    parts.host = lower(host);
    return parts;
}

bool is_loopback_host(std::string_view host) {
    const std::string h = lower(host);
    if (h == "localhost" || h == "::1") return true;
    // 127.a.b.c, each part a decimal 0..255.
    if (!h.starts_with("127.")) return false;
    int parts = 0;
    std::size_t start = 0;
    while (start <= h.size()) {
        const auto dot = h.find('.', start);
        const std::string_view part =
            std::string_view(h).substr(start, dot == std::string::npos ? h.npos : dot - start);
        if (!all_digits(part) || part.size() > 3 || std::stoi(std::string(part)) > 255) {
            return false;
        }
        ++parts;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return parts == 4;
}

std::vector<SettingsProblem> validate_digest(const Settings::Digest& digest) {
    std::vector<SettingsProblem> problems;
    const auto& r = digest.recipient;
    const auto problem = [&](const std::string& field, const std::string& why) {
        problems.push_back({"/digest/recipient/" + field, why});
    };

    if (!r.url.empty()) {
        const auto parts = parse_web_url(r.url);
        if (!parts) {
            problem("url",
                    "must be an https:// URL with a host, without spaces or user:password@ (set "
                    "credentials with digest.credentials.set)");
        } else if (parts->scheme == "http" && !is_loopback_host(parts->host)) {
            problem("url", "must use https:// (plain http:// is allowed only to this machine)");
        }
    }
    if (!r.host.empty() && !is_host_name(r.host)) {
        problem("host", "must be a host name or IP address (letters, digits, '.', '-', ':')");
    }
    if (!r.from.empty() && !is_address(r.from)) {
        problem("from", "must be an e-mail address like name@example.org");
    }
    if (!r.to.empty() && !is_address(r.to)) {
        problem("to", "must be an e-mail address like name@example.org");
    }
    if (has_control(r.username)) problem("username", "must not contain control characters");
    if (digest.ca_file && (digest.ca_file->empty() || digest.ca_file->front() != '/' ||
                           has_control(*digest.ca_file))) {
        problems.push_back({"/digest/ca_file", "must be an absolute path to a PEM file, or null"});
    }

    if (digest.enabled && problems.empty()) {
        if (r.kind == DigestKind::email) {
            if (r.host.empty()) problem("host", "is required to send the digest by e-mail");
            if (r.from.empty()) problem("from", "is required to send the digest by e-mail");
            if (r.to.empty()) problem("to", "is required to send the digest by e-mail");
        } else if (r.url.empty()) {
            problem("url", "is required to send the digest to a web address");
        }
    }
    return problems;
}

}  // namespace parasol::core
