#pragma once
// Paths inside the commands doctor and uninstall print must survive being
// pasted into a shell: quoted only when they need it.
#include <algorithm>
#include <string>

namespace parasol::app {

inline std::string shell_quote(const std::string& word) {
    const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '/' || c == '.' || c == '_' || c == '-' || c == '+' || c == ':' || c == '@' ||
               c == '=' || c == ',';
    });
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word) {
        if (c == '\'') {
            quoted += "'\\''";
        } else {
            quoted += c;
        }
    }
    return quoted + "'";
}

}  // namespace parasol::app
