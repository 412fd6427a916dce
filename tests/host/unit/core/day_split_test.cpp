#include <catch2/catch.hpp>

#include "core/summary.hpp"

using namespace parasol::core;

namespace {

LocalDate date(const char* text) {
    const auto d = LocalDate::parse(text);
    REQUIRE(d.has_value());
    return *d;
}

// An instant given as local wall-clock time under `offset_min`.
Instant local(const char* day, int hour, int minute, int offset_min) {
    return local_midnight(date(day), offset_min) + hour * kMsPerHour + minute * kMsPerMinute;
}

struct Expected {
    const char* date;
    Instant length_ms;
};

void check_split(Instant start, Instant end, int offset, const std::vector<Expected>& expected) {
    const auto pieces = split_at_local_midnight(start, end, offset);
    REQUIRE(pieces.size() == expected.size());
    Instant cursor = start;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        INFO("piece " << i);
        CHECK(pieces[i].date.to_string() == expected[i].date);
        CHECK(pieces[i].interval.start == cursor);  // contiguous, nothing lost
        CHECK(pieces[i].interval.end - pieces[i].interval.start == expected[i].length_ms);
        // Each piece lies inside its own local date.
        CHECK(local_date_of(pieces[i].interval.start, offset) == pieces[i].date);
        CHECK(local_date_of(pieces[i].interval.end - 1, offset) == pieces[i].date);
        cursor = pieces[i].interval.end;
    }
    if (!pieces.empty()) CHECK(cursor == end);
}

}  // namespace

TEST_CASE("split_at_local_midnight cuts spans at local midnight", "[core][day_split]") {
    constexpr Instant H = kMsPerHour;
    constexpr Instant M = kMsPerMinute;
    struct Case {
        const char* name;
        Instant start;
        Instant end;
        int offset;
        std::vector<Expected> pieces;
    };
    const Case cases[] = {
        {"no crossing",
         local("2026-11-25", 20, 0, 60),
         local("2026-11-25", 21, 30, 60),
         60,
         {{"2026-11-25", 90 * M}}},
        {"empty span", local("2026-11-25", 20, 0, 60), local("2026-11-25", 20, 0, 60), 60, {}},
        {"reversed span", local("2026-11-25", 21, 0, 0), local("2026-11-25", 20, 0, 0), 0, {}},
        {"starts exactly at midnight",
         local("2026-11-25", 0, 0, 0),
         local("2026-11-25", 1, 0, 0),
         0,
         {{"2026-11-25", H}}},
        {"ends exactly at midnight",
         local("2026-11-24", 23, 0, 0),
         local("2026-11-25", 0, 0, 0),
         0,
         {{"2026-11-24", H}}},
        {"crosses one midnight",
         local("2026-11-24", 23, 15, 0),
         local("2026-11-25", 0, 45, 0),
         0,
         {{"2026-11-24", 45 * M}, {"2026-11-25", 45 * M}}},
        {"24 h from noon touches two dates",
         local("2026-11-24", 12, 0, 0),
         local("2026-11-25", 12, 0, 0),
         0,
         {{"2026-11-24", 12 * H}, {"2026-11-25", 12 * H}}},
        {"24 h from midnight is one date",
         local("2026-11-24", 0, 0, 0),
         local("2026-11-25", 0, 0, 0),
         0,
         {{"2026-11-24", 24 * H}}},
        {"24 h from 23:00 touches two dates",
         local("2026-11-24", 23, 0, 0),
         local("2026-11-25", 23, 0, 0),
         0,
         {{"2026-11-24", H}, {"2026-11-25", 23 * H}}},
        {"long span touches three dates",
         local("2026-11-24", 23, 0, 0),
         local("2026-11-26", 1, 0, 0),
         0,
         {{"2026-11-24", H}, {"2026-11-25", 24 * H}, {"2026-11-26", H}}},
        {"+14:00 crossing",
         local("2026-11-24", 23, 0, 840),
         local("2026-11-25", 2, 0, 840),
         840,
         {{"2026-11-24", H}, {"2026-11-25", 2 * H}}},
        {"-14:00 crossing",
         local("2026-11-24", 23, 30, -840),
         local("2026-11-25", 0, 10, -840),
         -840,
         {{"2026-11-24", 30 * M}, {"2026-11-25", 10 * M}}},
        {"+05:30 crossing",
         local("2026-11-24", 23, 50, 330),
         local("2026-11-25", 0, 20, 330),
         330,
         {{"2026-11-24", 10 * M}, {"2026-11-25", 20 * M}}},
        {"-03:30 crossing",
         local("2026-12-31", 23, 0, -210),
         local("2027-01-01", 0, 1, -210),
         -210,
         {{"2026-12-31", H}, {"2027-01-01", M}}},
        {"one millisecond over",
         local("2026-11-24", 23, 59, 0),
         local("2026-11-25", 0, 0, 0) + 1,
         0,
         {{"2026-11-24", M}, {"2026-11-25", 1}}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        check_split(c.start, c.end, c.offset, c.pieces);
    }
}

TEST_CASE("The same UTC moment splits differently under different offsets", "[core][day_split]") {
    // 22:30Z to 23:30Z on the 24th: one local date in London, another in Auckland.
    const Instant start = local("2026-11-24", 22, 30, 0);
    const Instant end = start + kMsPerHour;
    check_split(start, end, 0, {{"2026-11-24", kMsPerHour}});
    check_split(start, end, 780, {{"2026-11-25", kMsPerHour}});  // 11:30-12:30 local
    check_split(start, end, 60,
                {{"2026-11-24", 30 * kMsPerMinute}, {"2026-11-25", 30 * kMsPerMinute}});
}
