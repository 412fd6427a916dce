#pragma once
// Reading the process environment: the app layer is the only one that may.
#include <cstdlib>
#include <optional>
#include <string>

namespace parasol::app {

// The variable's value, or nullopt when it is unset or empty (an empty
// HOME or XDG_* is treated as unset, as the XDG spec says).
inline std::optional<std::string> env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

}  // namespace parasol::app
