#pragma once
// The real clock, as the host sees it. Tests run the host and CLI with
// TZ=UTC, so a "local date" is the UTC date and local midnight is a multiple
// of a day; instants are built relative to now because the host refuses
// anything more than 10 minutes in the future.
#include <time.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace parasol::test {

inline constexpr std::int64_t kSecond = 1000;
inline constexpr std::int64_t kMinute = 60 * kSecond;
inline constexpr std::int64_t kHour = 60 * kMinute;
inline constexpr std::int64_t kDay = 24 * kHour;

inline std::int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Midnight UTC at or before `at`.
inline std::int64_t utc_midnight(std::int64_t at) {
    return at - ((at % kDay) + kDay) % kDay;
}

// "YYYY-MM-DD" of `at` in UTC, computed with the C library rather than the
// host's own calendar code so the tests don't share its mistakes.
inline std::string utc_date(std::int64_t at) {
    const auto seconds = static_cast<time_t>(at / 1000);
    tm parts{};
    ::gmtime_r(&seconds, &parts);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &parts);
    return text;
}

}  // namespace parasol::test
