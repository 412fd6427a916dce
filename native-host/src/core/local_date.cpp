#include "core/local_date.hpp"

#include <array>

namespace parasol::core {

namespace {

constexpr bool is_leap(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int days_in_month(std::int64_t y, int m) {
    constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

// Floor division: local dates before 1970 must still land on the right day.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool digits(std::string_view s) {
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

// Zero-padded to `width`; a year past 9999 simply gets more digits.
void append_padded(std::string& out, int value, std::size_t width) {
    std::string digits_text = std::to_string(value < 0 ? -value : value);
    if (value < 0) out += '-';
    if (digits_text.size() < width) out.append(width - digits_text.size(), '0');
    out += digits_text;
}

}  // namespace

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
std::int64_t LocalDate::to_days() const {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;  // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// civil_from_days, the inverse of to_days.
LocalDate LocalDate::from_days(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floor_div(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
    return LocalDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::optional<LocalDate> LocalDate::parse(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::string_view ys = text.substr(0, 4);
    const std::string_view ms = text.substr(5, 2);
    const std::string_view ds = text.substr(8, 2);
    if (!digits(ys) || !digits(ms) || !digits(ds)) return std::nullopt;
    LocalDate d{to_int(ys), to_int(ms), to_int(ds)};
    if (d.month < 1 || d.month > 12) return std::nullopt;
    if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
    return d;
}

std::string LocalDate::to_string() const {
    std::string out;
    out.reserve(10);
    append_padded(out, year, 4);
    out += '-';
    append_padded(out, month, 2);
    out += '-';
    append_padded(out, day, 2);
    return out;
}

int LocalDate::weekday() const {
    // 1970-01-01 was a Thursday (4).
    return static_cast<int>(((to_days() + 4) % 7 + 7) % 7);
}

LocalDate local_date_of(Instant at, int utc_offset_min) {
    const Instant local = at + static_cast<Instant>(utc_offset_min) * kMsPerMinute;
    return LocalDate::from_days(floor_div(local, kMsPerDay));
}

Instant local_midnight(LocalDate date, int utc_offset_min) {
    return date.to_days() * kMsPerDay - static_cast<Instant>(utc_offset_min) * kMsPerMinute;
}

}  // namespace parasol::core
