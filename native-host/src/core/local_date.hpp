#pragma once
// Proleptic Gregorian calendar dates without time zones (Howard Hinnant's
// days_from_civil algorithm), so day arithmetic never touches the C library.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/instant.hpp"

namespace parasol::core {

struct LocalDate {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31

    // Days since 1970-01-01 (negative before).
    [[nodiscard]] std::int64_t to_days() const;
    static LocalDate from_days(std::int64_t days);

    // Strict "YYYY-MM-DD" with a real calendar date; nullopt otherwise.
    static std::optional<LocalDate> parse(std::string_view text);
    [[nodiscard]] std::string to_string() const;

    [[nodiscard]] LocalDate plus_days(std::int64_t n) const { return from_days(to_days() + n); }
    // 0 = Sunday .. 6 = Saturday.
    [[nodiscard]] int weekday() const;

    friend bool operator==(const LocalDate&, const LocalDate&) = default;
    friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};

// The local date of an instant under a fixed offset (minutes east of UTC).
LocalDate local_date_of(Instant at, int utc_offset_min);

// The instant of local midnight starting `date` under a fixed offset.
Instant local_midnight(LocalDate date, int utc_offset_min);

}  // namespace parasol::core
