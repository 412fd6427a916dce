#include "core/local_date.hpp"

#include <catch2/catch.hpp>

using parasol::core::Instant;
using parasol::core::kMsPerDay;
using parasol::core::kMsPerHour;
using parasol::core::kMsPerMinute;
using parasol::core::local_date_of;
using parasol::core::local_midnight;
using parasol::core::LocalDate;

namespace {

LocalDate date(const char* text) {
    const auto d = LocalDate::parse(text);
    REQUIRE(d.has_value());
    return *d;
}

// 2026-11-25T00:00:00Z, computed independently of the code under test.
constexpr Instant k20261125Utc = 1795564800000;

}  // namespace

TEST_CASE("LocalDate::parse accepts only strict, real YYYY-MM-DD dates", "[core][local_date]") {
    struct Case {
        const char* text;
        bool ok;
    };
    const Case cases[] = {
        {"2026-11-25", true},   {"2024-02-29", true},  {"2000-02-29", true},
        {"2026-02-28", true},   {"0001-01-01", true},  {"9999-12-31", true},
        {"2026-02-29", false},  {"1900-02-29", false}, {"2026-1-01", false},
        {"2026-01-1", false},   {"26-01-01", false},   {"2026-13-01", false},
        {"2026-00-10", false},  {"2026-04-31", false}, {"2026-01-00", false},
        {"2026-01-32", false},  {"2026/01/01", false}, {"2026-01-01 ", false},
        {" 2026-01-01", false}, {"", false},           {"2026-0a-01", false},
        {"+026-01-01", false},  {"2026-01-+1", false}, {"20260101", false},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        CHECK(LocalDate::parse(c.text).has_value() == c.ok);
    }
    const auto d = LocalDate::parse("2024-02-29");
    REQUIRE(d);
    CHECK(d->year == 2024);
    CHECK(d->month == 2);
    CHECK(d->day == 29);
}

TEST_CASE("LocalDate days since the epoch match known values", "[core][local_date]") {
    struct Case {
        const char* text;
        std::int64_t days;
        int weekday;  // 0 = Sunday
    };
    const Case cases[] = {
        {"1970-01-01", 0, 4},       {"1969-12-31", -1, 3},      {"2000-03-01", 11017, 3},
        {"2024-02-29", 19782, 4},   {"2026-11-25", 20782, 3},   {"1900-03-01", -25508, 4},
        {"1600-02-29", -135081, 2}, {"0001-01-01", -719162, 1}, {"9999-12-31", 2932896, 5},
    };
    for (const Case& c : cases) {
        INFO(c.text);
        const LocalDate d = date(c.text);
        CHECK(d.to_days() == c.days);
        CHECK(LocalDate::from_days(c.days) == d);
        CHECK(d.weekday() == c.weekday);
        CHECK(d.to_string() == c.text);
    }
}

TEST_CASE("LocalDate from_days and to_days round trip over a wide range", "[core][local_date]") {
    // 0001-01-01 .. 9999-12-31, every day: each step is exactly one calendar day.
    LocalDate prev = LocalDate::from_days(-719163);
    CHECK(prev == LocalDate{0, 12, 31});
    for (std::int64_t n = -719162; n <= 2932896; ++n) {
        const LocalDate d = LocalDate::from_days(n);
        if (d.to_days() != n) FAIL("round trip broke at day " << n);
        const bool next_day = d.day == prev.day + 1 && d.month == prev.month && d.year == prev.year;
        const bool next_month = d.day == 1 && d.month == prev.month + 1 && d.year == prev.year;
        const bool next_year = d.day == 1 && d.month == 1 && prev.month == 12 && prev.day == 31 &&
                               d.year == prev.year + 1;
        if (!(next_day || next_month || next_year)) FAIL("not consecutive at day " << n);
        if (d.weekday() != (prev.weekday() + 1) % 7) FAIL("weekday broke at day " << n);
        prev = d;
    }
    // Round trip through text too, on a sample.
    for (std::int64_t n = -719162; n <= 2932896; n += 997) {
        const LocalDate d = LocalDate::from_days(n);
        const auto back = LocalDate::parse(d.to_string());
        REQUIRE(back);
        CHECK(*back == d);
    }
}

TEST_CASE("LocalDate plus_days and ordering", "[core][local_date]") {
    CHECK(date("2024-02-28").plus_days(1) == date("2024-02-29"));
    CHECK(date("2024-02-29").plus_days(1) == date("2024-03-01"));
    CHECK(date("2026-12-31").plus_days(1) == date("2027-01-01"));
    CHECK(date("2027-01-01").plus_days(-1) == date("2026-12-31"));
    CHECK(date("2026-11-25").plus_days(-6) == date("2026-11-19"));
    CHECK(date("2026-01-31") < date("2026-02-01"));
    CHECK(date("2025-12-31") < date("2026-01-01"));
}

TEST_CASE("local_date_of and local_midnight under positive and negative offsets",
          "[core][local_date]") {
    struct Case {
        Instant at;
        int offset_min;
        const char* date;
    };
    const Case cases[] = {
        {k20261125Utc, 0, "2026-11-25"},
        {k20261125Utc - 1, 0, "2026-11-24"},
        // +14:00 (Kiribati): already the 25th from 10:00Z on the 24th.
        {k20261125Utc - 14 * kMsPerHour, 840, "2026-11-25"},
        {k20261125Utc - 14 * kMsPerHour - 1, 840, "2026-11-24"},
        {k20261125Utc + 10 * kMsPerHour - 1, 840, "2026-11-25"},
        {k20261125Utc + 10 * kMsPerHour, 840, "2026-11-26"},
        // -14:00: the 25th begins at 14:00Z.
        {k20261125Utc, -840, "2026-11-24"},
        {k20261125Utc + 14 * kMsPerHour - 1, -840, "2026-11-24"},
        {k20261125Utc + 14 * kMsPerHour, -840, "2026-11-25"},
        // +05:30 (India).
        {k20261125Utc - 5 * kMsPerHour - 30 * kMsPerMinute, 330, "2026-11-25"},
        {k20261125Utc - 5 * kMsPerHour - 30 * kMsPerMinute - 1, 330, "2026-11-24"},
        {k20261125Utc + 18 * kMsPerHour + 29 * kMsPerMinute, 330, "2026-11-25"},
        {k20261125Utc + 18 * kMsPerHour + 30 * kMsPerMinute, 330, "2026-11-26"},
        // -03:30 (Newfoundland).
        {k20261125Utc + 3 * kMsPerHour + 30 * kMsPerMinute, -210, "2026-11-25"},
        {k20261125Utc + 3 * kMsPerHour + 30 * kMsPerMinute - 1, -210, "2026-11-24"},
        // Before the epoch.
        {-1, 0, "1969-12-31"},
        {0, -60, "1969-12-31"},
        {0, 60, "1970-01-01"},
    };
    for (const Case& c : cases) {
        INFO("at=" << c.at << " offset=" << c.offset_min);
        CHECK(local_date_of(c.at, c.offset_min).to_string() == c.date);
    }

    struct MidnightCase {
        const char* date;
        int offset_min;
        Instant expected;
    };
    const MidnightCase midnights[] = {
        {"2026-11-25", 0, k20261125Utc},
        {"2026-11-25", 840, k20261125Utc - 14 * kMsPerHour},
        {"2026-11-25", -840, k20261125Utc + 14 * kMsPerHour},
        {"2026-11-25", 330, k20261125Utc - 330 * kMsPerMinute},
        {"2026-11-25", -210, k20261125Utc + 210 * kMsPerMinute},
        {"1970-01-01", 60, -kMsPerHour},
        {"1969-12-31", 0, -kMsPerDay},
    };
    for (const MidnightCase& c : midnights) {
        INFO(c.date << " offset=" << c.offset_min);
        const Instant m = local_midnight(date(c.date), c.offset_min);
        CHECK(m == c.expected);
        CHECK(local_date_of(m, c.offset_min) == date(c.date));
        CHECK(local_date_of(m - 1, c.offset_min) == date(c.date).plus_days(-1));
    }
}
