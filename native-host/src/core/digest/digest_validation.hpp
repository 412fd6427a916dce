#pragma once
// The digest set-up's own rules (Settings::Digest): what each field may hold
// and what a digest that is switched on needs. Pure; the codec checks types
// and ranges, this checks meaning.
#include <string_view>
#include <vector>

#include "core/settings.hpp"

namespace parasol::core {

// The parts of an http(s) URL the digest cares about.
struct UrlParts {
    std::string scheme;  // lower case: "https" or "http"
    std::string host;    // lower case; IPv6 without brackets
};
// nullopt unless `url` is http:// or https://, with a host, no user info, no
// whitespace or control characters.
std::optional<UrlParts> parse_web_url(std::string_view url);

// 127.0.0.0/8, ::1 and "localhost": the only hosts plain http may reach.
bool is_loopback_host(std::string_view host);

// Problems with paths under the settings document ("/digest/recipient/url").
// Fields are checked whenever they are non-empty; the fields a recipient kind
// needs are required only while the digest is enabled.
std::vector<SettingsProblem> validate_digest(const Settings::Digest& digest);

}  // namespace parasol::core
