#include "store/checkin_store.hpp"

#include <catch2/catch.hpp>

#include "unit/store/recording_log.hpp"

namespace parasol::store {
namespace {

core::LocalDate date(const char* text) {
    return core::LocalDate::parse(text).value();
}

core::Checkin checkin(const char* day, int social_min) {
    core::Checkin c;
    c.date = date(day);
    c.social_min = social_min;
    return c;
}

struct Fixture {
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(":memory:", log);
    CheckinStore checkins{*db};
};

}  // namespace

TEST_CASE("a check-in keeps every field", "[store][checkins]") {
    const auto felt = GENERATE(std::optional<core::Felt>(), core::Felt::chosen,
                               core::Felt::autopilot, core::Felt::hard_to_stop);
    Fixture f;
    auto full = checkin("2026-11-25", 90);
    full.lonely = 2;
    full.felt = felt;
    full.opinion_lean = 5;
    full.plan = "call Sam";
    full.note = "";
    f.checkins.put(full);

    const auto stored = f.checkins.between(full.date, full.date);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].date == full.date);
    CHECK(stored[0].social_min == 90);
    CHECK(stored[0].lonely == 2);
    CHECK(stored[0].felt == felt);
    CHECK(stored[0].opinion_lean == 5);
    CHECK(stored[0].plan == "call Sam");
    CHECK(stored[0].note == "");
}

TEST_CASE("a second check-in for a date replaces the first", "[store][checkins]") {
    Fixture f;
    auto first = checkin("2026-11-25", 90);
    first.note = "first";
    f.checkins.put(first);
    f.checkins.put(checkin("2026-11-25", 15));

    const auto stored = f.checkins.between(date("2026-11-01"), date("2026-11-30"));
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].social_min == 15);
    CHECK_FALSE(stored[0].note);
}

TEST_CASE("between and social_minutes cover an inclusive range", "[store][checkins]") {
    Fixture f;
    for (const auto& [day, minutes] : std::vector<std::pair<const char*, int>>{{"2026-11-18", 1},
                                                                               {"2026-11-19", 2},
                                                                               {"2026-11-25", 3},
                                                                               {"2026-11-26", 4},
                                                                               {"2026-12-31", 5}}) {
        f.checkins.put(checkin(day, minutes));
    }

    const auto week = f.checkins.between(date("2026-11-19"), date("2026-11-25"));
    REQUIRE(week.size() == 2);
    CHECK(week[0].date == date("2026-11-19"));
    CHECK(week[1].date == date("2026-11-25"));

    const auto minutes = f.checkins.social_minutes(date("2026-11-19"), date("2026-11-26"));
    CHECK(minutes == std::map<core::LocalDate, int>{{date("2026-11-19"), 2},
                                                    {date("2026-11-25"), 3},
                                                    {date("2026-11-26"), 4}});
    CHECK(f.checkins.between(date("2027-01-01"), date("2027-12-31")).empty());
}

}  // namespace parasol::store
