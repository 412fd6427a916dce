#include "core/duration_text.hpp"

#include <catch2/catch.hpp>
#include <limits>

using parasol::core::format_duration;

TEST_CASE("format_duration rounds down to whole minutes", "[core][duration_text]") {
    struct Case {
        std::int64_t seconds;
        const char* text;
    };
    const Case cases[] = {
        {0, "0 min"},
        {59, "0 min"},
        {60, "1 min"},
        {2700, "45 min"},
        {3599, "59 min"},
        {3600, "1 h"},
        {3659, "1 h"},
        {3660, "1 h 01"},
        {3 * 3600 + 600, "3 h 10"},
        {3 * 3600 + 300, "3 h 05"},
        {12 * 3600, "12 h"},
        {12 * 3600 + 59, "12 h"},
        {100 * 3600 + 59 * 60, "100 h 59"},
        {-30, "0 min"},
        {-2700, "-45 min"},
        {-(3 * 3600 + 600), "-3 h 10"},
    };
    for (const Case& c : cases) {
        INFO(c.seconds);
        CHECK(format_duration(c.seconds) == c.text);
    }
    CHECK(format_duration(std::numeric_limits<std::int64_t>::min()).front() == '-');
    CHECK(format_duration(std::numeric_limits<std::int64_t>::max()).back() != ' ');
}
