#include "app/digest_limits.hpp"

#include <charconv>

#include "app/environment.hpp"

namespace parasol::app {

namespace {
// A positive whole number of milliseconds, at most 10 minutes; else the default.
long read_ms(const char* name, long fallback) {
    const auto text = env(name);
    if (!text) return fallback;
    long value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1 || value > 600'000) {
        return fallback;
    }
    return value;
}
}  // namespace

digest::TransportLimits digest_limits_from_environment() {
    digest::TransportLimits limits;
    limits.connect_timeout_ms =
        read_ms("PARASOL_DIGEST_CONNECT_TIMEOUT_MS", limits.connect_timeout_ms);
    limits.total_timeout_ms = read_ms("PARASOL_DIGEST_TIMEOUT_MS", limits.total_timeout_ms);
    return limits;
}

}  // namespace parasol::app
