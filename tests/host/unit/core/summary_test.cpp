#include "core/summary.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <stdexcept>

using namespace parasol::core;

namespace {

constexpr Instant H = kMsPerHour;
constexpr Instant M = kMsPerMinute;

LocalDate date(const char* text) {
    const auto d = LocalDate::parse(text);
    REQUIRE(d.has_value());
    return *d;
}

// An instant given as local wall-clock time under `offset_min`.
Instant local(const char* day, int hour, int minute, int offset_min = 0) {
    return local_midnight(date(day), offset_min) + hour * kMsPerHour + minute * kMsPerMinute;
}

// Builds a SummaryInput one creator and one span at a time.
struct Input {
    SummaryInput in;

    Input(const char* from, const char* to) {
        in.from = date(from);
        in.to = date(to);
    }
    int creator(const std::string& platform, const std::string& handle, bool followed = false) {
        CreatorRecord r;
        r.key = {platform, handle};
        r.label = handle;
        r.followed = followed;
        in.creators.push_back(r);
        return static_cast<int>(in.creators.size()) - 1;
    }
    void watch(int creator, Instant start, Instant end, int offset = 0) {
        in.spans.push_back({start, end, offset, SpanKind::creator, creator});
    }
    void talk(Instant start, Instant end, int offset = 0) {
        in.spans.push_back({start, end, offset, SpanKind::connection, -1});
    }
};

const DaySummary& day(const Summary& s, const char* d) {
    for (const DaySummary& x : s.days) {
        if (x.date == date(d)) return x;
    }
    FAIL("no day " << d);
    throw std::logic_error("unreachable");
}

const CreatorSummary& creator(const Summary& s, const std::string& handle) {
    for (const CreatorSummary& c : s.creators) {
        if (c.creator.key.handle == handle) return c;
    }
    FAIL("no creator " << handle);
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("Two overlapping tabs of one creator count once", "[core][summary]") {
    Input i("2026-11-25", "2026-11-25");
    const int a = i.creator("youtube", "a");
    i.watch(a, local("2026-11-25", 20, 0), local("2026-11-25", 21, 0));
    i.watch(a, local("2026-11-25", 20, 30), local("2026-11-25", 21, 30));
    const Summary s = summarize(i.in);
    CHECK(s.totals.creator_s == 5400);
    CHECK(day(s, "2026-11-25").creator_s == 5400);
    REQUIRE(s.creators.size() == 1);
    CHECK(s.creators[0].seconds == 5400);
    CHECK(s.creators[0].share == Approx(1.0));
    CHECK(s.creators[0].days_active == 1);
}

TEST_CASE("creator_s is the union across creators, not a sum", "[core][summary]") {
    Input i("2026-11-25", "2026-11-25");
    const int a = i.creator("youtube", "a");
    const int b = i.creator("twitch", "b");
    i.watch(a, local("2026-11-25", 20, 0), local("2026-11-25", 21, 0));
    i.watch(b, local("2026-11-25", 20, 30), local("2026-11-25", 21, 30));  // background audio
    const Summary s = summarize(i.in);
    CHECK(s.totals.creator_s == 5400);
    CHECK(day(s, "2026-11-25").creator_s == 5400);
    CHECK(creator(s, "a").seconds == 3600);
    CHECK(creator(s, "b").seconds == 3600);
    // Overlap makes shares add up to more than one; that is the honest answer.
    CHECK(creator(s, "a").share == Approx(3600.0 / 5400.0));
    CHECK(creator(s, "a").share + creator(s, "b").share == Approx(4.0 / 3.0));
}

TEST_CASE("Shares of disjoint creators add up to one", "[core][summary]") {
    Input i("2026-11-19", "2026-11-25");
    const int a = i.creator("youtube", "a");
    const int b = i.creator("youtube", "b");
    const int c = i.creator("kick", "c");
    i.watch(a, local("2026-11-20", 8, 0), local("2026-11-20", 9, 0));
    i.watch(b, local("2026-11-21", 8, 0), local("2026-11-21", 8, 20));
    i.watch(c, local("2026-11-22", 8, 0), local("2026-11-22", 10, 0));
    const Summary s = summarize(i.in);
    double sum = 0;
    for (const CreatorSummary& x : s.creators) sum += x.share;
    CHECK(sum == Approx(1.0));
    CHECK(s.totals.creator_s == 3600 + 1200 + 7200);
}

TEST_CASE("followed_s is the union over followed creators only", "[core][summary]") {
    Input i("2026-11-25", "2026-11-25");
    const int a = i.creator("youtube", "a", true);
    const int b = i.creator("twitch", "b", false);
    const int c = i.creator("twitch", "c", true);
    i.watch(a, local("2026-11-25", 20, 0), local("2026-11-25", 21, 0));
    i.watch(b, local("2026-11-25", 20, 30), local("2026-11-25", 22, 0));
    i.watch(c, local("2026-11-25", 20, 45), local("2026-11-25", 21, 15));
    const Summary s = summarize(i.in);
    CHECK(s.totals.followed_s == 75 * 60);  // 20:00-21:15
    CHECK(s.totals.creator_s == 2 * 3600);  // 20:00-22:00
    CHECK(creator(s, "a").creator.followed);
    CHECK_FALSE(creator(s, "b").creator.followed);
}

TEST_CASE("connection_s, social_min and balance", "[core][summary]") {
    SECTION("balance is creator over people time") {
        Input i("2026-11-24", "2026-11-25");
        const int a = i.creator("youtube", "a");
        i.watch(a, local("2026-11-25", 18, 0), local("2026-11-25", 20, 0));
        i.talk(local("2026-11-25", 12, 0), local("2026-11-25", 12, 20));
        i.talk(local("2026-11-25", 12, 10), local("2026-11-25", 12, 30));  // two chat tabs
        i.in.social_min[date("2026-11-24")] = 20;
        i.in.social_min[date("2026-11-25")] = 10;
        const Summary s = summarize(i.in);
        CHECK(s.totals.connection_s == 1800);
        CHECK(day(s, "2026-11-25").connection_s == 1800);
        CHECK(day(s, "2026-11-24").social_min == 20);
        CHECK(day(s, "2026-11-25").social_min == 10);
        CHECK(s.totals.social_min == 30);
        REQUIRE(s.totals.balance.has_value());
        CHECK(*s.totals.balance == Approx(7200.0 / (1800.0 + 1800.0)));
    }
    SECTION("balance is null when there is no people time") {
        Input i("2026-11-25", "2026-11-25");
        const int a = i.creator("youtube", "a");
        i.watch(a, local("2026-11-25", 18, 0), local("2026-11-25", 20, 0));
        i.in.social_min[date("2026-11-25")] = 0;
        const Summary s = summarize(i.in);
        CHECK_FALSE(s.totals.balance.has_value());
    }
    SECTION("balance is zero with people time and no creator time") {
        Input i("2026-11-25", "2026-11-25");
        i.in.social_min[date("2026-11-25")] = 45;
        const Summary s = summarize(i.in);
        REQUIRE(s.totals.balance.has_value());
        CHECK(*s.totals.balance == 0.0);
        CHECK(s.creators.empty());
    }
    SECTION("connection under a second does not make the denominator positive") {
        Input i("2026-11-25", "2026-11-25");
        i.talk(local("2026-11-25", 12, 0), local("2026-11-25", 12, 0) + 999);
        const Summary s = summarize(i.in);
        CHECK(s.totals.connection_s == 0);
        CHECK_FALSE(s.totals.balance.has_value());
    }
}

TEST_CASE("Every date in range has a day, zeros included", "[core][summary]") {
    Input i("2026-11-19", "2026-11-25");
    const int a = i.creator("youtube", "a");
    i.watch(a, local("2026-11-22", 10, 0), local("2026-11-22", 10, 30));
    i.in.social_min[date("2026-11-18")] = 99;  // outside the range
    i.in.social_min[date("2026-11-26")] = 99;
    const Summary s = summarize(i.in);
    CHECK(s.from == date("2026-11-19"));
    CHECK(s.to == date("2026-11-25"));
    REQUIRE(s.days.size() == 7);
    for (std::size_t k = 0; k < 7; ++k) {
        INFO(k);
        CHECK(s.days[k].date == date("2026-11-19").plus_days(static_cast<std::int64_t>(k)));
        CHECK(s.days[k].creator_s == (k == 3 ? 1800 : 0));
        CHECK(s.days[k].connection_s == 0);
        CHECK(s.days[k].social_min == 0);
    }
    CHECK(s.totals.social_min == 0);
}

TEST_CASE("A summary with no spans at all", "[core][summary]") {
    Input i("2026-11-19", "2026-11-25");
    i.creator("youtube", "a", true);
    const Summary s = summarize(i.in);
    CHECK(s.days.size() == 7);
    CHECK(s.creators.empty());  // known but not watched in range
    CHECK(s.others_s == 0);
    CHECK(s.totals.creator_s == 0);
    CHECK(s.totals.followed_s == 0);
    CHECK_FALSE(s.totals.balance.has_value());
}

TEST_CASE("top_n ranks by seconds, ties by platform then handle, rest in others_s",
          "[core][summary]") {
    Input i("2026-11-25", "2026-11-25");
    // Creator k gets k+1 minutes, starting every 20 minutes through the day.
    for (int k = 0; k < 60; ++k) {
        const int c = i.creator("youtube", "c" + std::to_string(k));
        const Instant start = local("2026-11-25", 0, 0) + k * 20 * M;
        i.watch(c, start, start + (k + 1) * M);
    }
    const Summary s = summarize(i.in);
    REQUIRE(s.creators.size() == 50);
    CHECK(s.creators.front().creator.key.handle == "c59");
    CHECK(s.creators.front().seconds == 60 * 60);
    CHECK(s.creators.back().creator.key.handle == "c10");
    for (std::size_t k = 1; k < s.creators.size(); ++k) {
        CHECK(s.creators[k - 1].seconds >= s.creators[k].seconds);
    }
    CHECK(s.others_s == (1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10) * 60);
    std::int64_t listed = 0;
    for (const CreatorSummary& c : s.creators) listed += c.seconds;
    CHECK(listed + s.others_s >= s.totals.creator_s);

    SECTION("ties") {
        Input t("2026-11-25", "2026-11-25");
        const Instant from = local("2026-11-25", 9, 0);
        for (const auto& [platform, handle] : std::vector<std::pair<std::string, std::string>>{
                 {"youtube", "b"}, {"twitch", "z"}, {"youtube", "a"}, {"kick", "m"}}) {
            t.watch(t.creator(platform, handle), from, from + 10 * M);
        }
        t.in.top_n = 3;
        const Summary ts = summarize(t.in);
        REQUIRE(ts.creators.size() == 3);
        CHECK(ts.creators[0].creator.key == CreatorKey{"kick", "m"});
        CHECK(ts.creators[1].creator.key == CreatorKey{"twitch", "z"});
        CHECK(ts.creators[2].creator.key == CreatorKey{"youtube", "a"});
        CHECK(ts.others_s == 600);
        CHECK(ts.totals.creator_s == 600);
    }
}

TEST_CASE("Each figure is floored on its own", "[core][summary]") {
    Input i("2026-11-24", "2026-11-25");
    const int a = i.creator("youtube", "a");
    const int b = i.creator("youtube", "b");
    // 1.5 s on each side of midnight: each day floors to 1, the total to 3.
    i.watch(a, local("2026-11-25", 0, 0) - 1500, local("2026-11-25", 0, 0) + 1500);
    // 0.6 s for each of two creators on disjoint moments: 0 s each, 1 s together.
    i.watch(b, local("2026-11-25", 9, 0), local("2026-11-25", 9, 0) + 600);
    i.watch(a, local("2026-11-25", 10, 0), local("2026-11-25", 10, 0) + 600);
    const Summary s = summarize(i.in);
    CHECK(day(s, "2026-11-24").creator_s == 1);
    CHECK(day(s, "2026-11-25").creator_s == 2);  // 1.5 + 0.6 + 0.6 = 2.7
    CHECK(s.totals.creator_s == 4);              // 4.2, more than the days' sum of 3
    CHECK(creator(s, "a").seconds == 3);         // 3.6
    CHECK(creator(s, "b").seconds == 0);         // 0.6: listed, active, under a second
    CHECK(creator(s, "b").days_active == 1);
    CHECK(creator(s, "a").days_active == 2);
}

TEST_CASE("Only time inside the range counts", "[core][summary]") {
    Input i("2026-11-19", "2026-11-25");
    const int a = i.creator("youtube", "a");
    const int b = i.creator("youtube", "b");
    // Crosses into the range at the first midnight: 30 min in.
    i.watch(a, local("2026-11-18", 23, 0), local("2026-11-19", 0, 30));
    // Crosses out of the range at the last midnight: 15 min in.
    i.watch(a, local("2026-11-25", 23, 45), local("2026-11-26", 1, 0));
    // Entirely before and after.
    i.watch(b, local("2026-11-10", 10, 0), local("2026-11-10", 12, 0));
    i.watch(b, local("2026-11-26", 10, 0), local("2026-11-26", 12, 0));
    // Ends exactly at the first midnight / starts exactly at the end.
    i.watch(b, local("2026-11-18", 22, 0), local("2026-11-19", 0, 0));
    i.watch(b, local("2026-11-26", 0, 0), local("2026-11-26", 0, 5));
    i.talk(local("2026-11-18", 23, 50), local("2026-11-19", 0, 10));
    const Summary s = summarize(i.in);
    CHECK(day(s, "2026-11-19").creator_s == 1800);
    CHECK(day(s, "2026-11-25").creator_s == 900);
    CHECK(s.totals.creator_s == 2700);
    CHECK(s.totals.connection_s == 600);
    REQUIRE(s.creators.size() == 1);
    CHECK(s.creators[0].creator.key.handle == "a");
    CHECK(s.creators[0].days_active == 2);

    SECTION("the range edge follows each span's own offset") {
        Input j("2026-11-25", "2026-11-25");
        const int c = j.creator("youtube", "c");
        // 23:00Z on the 24th is 00:00 on the 25th at +60 but 23:00 on the 24th at 0.
        const Instant t = local("2026-11-24", 23, 0, 0);
        j.watch(c, t, t + 30 * M, 60);  // in range
        j.watch(c, t, t + 30 * M, 0);   // before the range
        const Summary js = summarize(j.in);
        CHECK(js.totals.creator_s == 1800);
        CHECK(day(js, "2026-11-25").creator_s == 1800);
    }
}

TEST_CASE("Spans of one evening around a DST change land on their own dates", "[core][summary]") {
    SECTION("spring forward, +60 then +120") {
        // Europe, 2026-03-29 01:00Z: clocks go from +01:00 to +02:00.
        Input i("2026-03-28", "2026-03-29");
        const int a = i.creator("youtube", "a");
        // 23:30 to 01:30 local under +60, i.e. 22:30Z to 00:30Z.
        i.watch(a, local("2026-03-28", 23, 30, 60), local("2026-03-29", 1, 30, 60), 60);
        // After the change, 03:30 to 04:00 local under +120 (01:30Z).
        i.watch(a, local("2026-03-29", 3, 30, 120), local("2026-03-29", 4, 0, 120), 120);
        const Summary s = summarize(i.in);
        CHECK(day(s, "2026-03-28").creator_s == 30 * 60);
        CHECK(day(s, "2026-03-29").creator_s == 120 * 60);
        CHECK(s.totals.creator_s == 150 * 60);
        CHECK(s.creators[0].days_active == 2);
    }
    SECTION("the offset, not the UTC time, decides the date") {
        // 22:30Z under +60 is 23:30 on the 28th; 22:40Z under +120 is 00:40 on the 29th.
        Input i("2026-03-28", "2026-03-29");
        const int a = i.creator("youtube", "a");
        const Instant t = local("2026-03-28", 22, 30, 0);
        i.watch(a, t, t + 20 * M, 60);
        i.watch(a, t + 10 * M, t + 30 * M, 120);
        const Summary s = summarize(i.in);
        CHECK(day(s, "2026-03-28").creator_s == 20 * 60);
        CHECK(day(s, "2026-03-29").creator_s == 20 * 60);
        // The same 10 minutes appear on both days but count once overall.
        CHECK(s.totals.creator_s == 30 * 60);
        CHECK(s.creators[0].seconds == 30 * 60);
        CHECK(s.creators[0].days_active == 2);
    }
    SECTION("fall back, +120 then +60") {
        // Europe, 2026-10-25 01:00Z: clocks go from +02:00 to +01:00.
        Input i("2026-10-24", "2026-10-25");
        const int a = i.creator("youtube", "a");
        i.watch(a, local("2026-10-24", 23, 0, 120), local("2026-10-25", 0, 30, 120), 120);
        i.watch(a, local("2026-10-25", 23, 0, 60), local("2026-10-25", 23, 45, 60), 60);
        const Summary s = summarize(i.in);
        CHECK(day(s, "2026-10-24").creator_s == 60 * 60);
        CHECK(day(s, "2026-10-25").creator_s == 75 * 60);
    }
}

TEST_CASE("summarize rejects caller bugs", "[core][summary]") {
    Input i("2026-11-25", "2026-11-24");
    CHECK_THROWS_AS(summarize(i.in), std::invalid_argument);

    Input j("2026-11-25", "2026-11-25");
    j.watch(3, local("2026-11-25", 1, 0), local("2026-11-25", 2, 0));  // no creator 3
    CHECK_THROWS_WITH(summarize(j.in), Catch::Contains("spans[0]"));

    Input k("2026-11-25", "2026-11-25");
    k.in.spans.push_back({0, 1, 0, SpanKind::unknown, -1});
    CHECK_THROWS_AS(summarize(k.in), std::invalid_argument);
}

namespace {

// The same arithmetic done the slow, obvious way, to check summarize's
// single-sort shortcuts against.
Summary reference_summary(const SummaryInput& in) {
    Summary out;
    const std::int64_t first = in.from.to_days();
    const std::int64_t last = in.to.to_days();
    std::vector<Interval> all;
    std::vector<Interval> followed;
    std::vector<Interval> connections;
    std::vector<std::vector<Interval>> per_creator(in.creators.size());
    std::vector<std::set<std::int64_t>> creator_days(in.creators.size());
    std::vector<std::vector<Interval>> day_creator(static_cast<std::size_t>(last - first + 1));
    std::vector<std::vector<Interval>> day_connection(day_creator.size());
    for (const SpanInterval& sp : in.spans) {
        for (const DayPiece& p : split_at_local_midnight(sp.start, sp.end, sp.utc_offset_min)) {
            const std::int64_t d = p.date.to_days();
            if (d < first || d > last) continue;
            const auto idx = static_cast<std::size_t>(d - first);
            if (sp.kind == SpanKind::creator) {
                const auto c = static_cast<std::size_t>(sp.creator);
                all.push_back(p.interval);
                if (in.creators[c].followed) followed.push_back(p.interval);
                per_creator[c].push_back(p.interval);
                creator_days[c].insert(d);
                day_creator[idx].push_back(p.interval);
            } else {
                connections.push_back(p.interval);
                day_connection[idx].push_back(p.interval);
            }
        }
    }
    for (std::size_t k = 0; k < day_creator.size(); ++k) {
        DaySummary d;
        d.date = LocalDate::from_days(first + static_cast<std::int64_t>(k));
        d.creator_s = union_length_ms(day_creator[k]) / 1000;
        d.connection_s = union_length_ms(day_connection[k]) / 1000;
        out.days.push_back(d);
    }
    out.totals.creator_s = union_length_ms(all) / 1000;
    out.totals.followed_s = union_length_ms(followed) / 1000;
    out.totals.connection_s = union_length_ms(connections) / 1000;
    for (std::size_t c = 0; c < in.creators.size(); ++c) {
        if (creator_days[c].empty()) continue;
        CreatorSummary cs;
        cs.creator = in.creators[c];
        cs.seconds = union_length_ms(per_creator[c]) / 1000;
        cs.days_active = static_cast<int>(creator_days[c].size());
        out.creators.push_back(cs);
    }
    return out;
}

}  // namespace

TEST_CASE("summarize agrees with a slow reference on random data", "[core][summary]") {
    std::mt19937_64 rng(20261125);
    for (int round = 0; round < 20; ++round) {
        Input i("2026-03-20", "2026-04-05");
        const int creators = 1 + static_cast<int>(rng() % 30);
        for (int c = 0; c < creators; ++c) {
            i.creator(c % 2 ? "youtube" : "twitch", "h" + std::to_string(c), rng() % 3 == 0);
        }
        const Instant base = local("2026-03-18", 0, 0);
        const int offsets[] = {-840, -210, 0, 60, 120, 330, 840};
        for (int n = 0; n < 400; ++n) {
            const Instant start = base + static_cast<Instant>(rng() % (21 * kMsPerDay));
            const Instant length = static_cast<Instant>(rng() % (rng() % 4 == 0 ? kMsPerDay : H));
            const int offset = offsets[rng() % 7];
            if (rng() % 4 == 0) {
                i.talk(start, start + length, offset);
            } else {
                i.watch(static_cast<int>(rng() % static_cast<unsigned>(creators)), start,
                        start + length, offset);
            }
        }
        i.in.top_n = 1000;
        const Summary fast = summarize(i.in);
        const Summary slow = reference_summary(i.in);
        INFO("round " << round);
        REQUIRE(fast.days.size() == slow.days.size());
        for (std::size_t k = 0; k < fast.days.size(); ++k) {
            CHECK(fast.days[k].date == slow.days[k].date);
            CHECK(fast.days[k].creator_s == slow.days[k].creator_s);
            CHECK(fast.days[k].connection_s == slow.days[k].connection_s);
        }
        CHECK(fast.totals.creator_s == slow.totals.creator_s);
        CHECK(fast.totals.followed_s == slow.totals.followed_s);
        CHECK(fast.totals.connection_s == slow.totals.connection_s);
        REQUIRE(fast.creators.size() == slow.creators.size());
        for (const CreatorSummary& expected : slow.creators) {
            const CreatorSummary& got = creator(fast, expected.creator.key.handle);
            CHECK(got.seconds == expected.seconds);
            CHECK(got.days_active == expected.days_active);
        }
    }
}
