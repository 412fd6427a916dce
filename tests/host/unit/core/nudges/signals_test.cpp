// compute_signals: the promises written in core/nudges/signals.hpp.
#include "core/nudges/signals.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

constexpr int kOffset = 60;  // the host's offset
const LocalDate kToday{2026, 11, 25};

// Local time on `today + day` (day <= 0), host offset unless given.
Instant at(int day, int hour, int minute = 0, int offset = kOffset) {
    return local_midnight(kToday.plus_days(day), offset) + hour * kMsPerHour +
           minute * kMsPerMinute;
}
const Instant kNow = at(0, 21);

struct History {
    ActivityHistory h;
    History() {
        h.creators.push_back({{"youtube", "lab"}, "Lab", true, std::nullopt, std::nullopt});
        h.creators.push_back({{"twitch", "comet"}, "Comet", true, std::nullopt, std::nullopt});
        h.creators.push_back({{"youtube", "nova"}, "", true, std::nullopt, std::nullopt});
    }
    History& watch(Instant start, Instant end, int creator = 0, int offset = kOffset) {
        h.spans.push_back({start, end, offset, SpanKind::creator, Attention::focused, creator, ""});
        return *this;
    }
    History& connect(Instant start, Instant end, const std::string& platform) {
        h.spans.push_back(
            {start, end, kOffset, SpanKind::connection, Attention::focused, -1, platform});
        return *this;
    }
    History& mark(MarkWhat what, Instant when, const std::string& platform,
                  const std::string& handle, int count = 1, int offset = kOffset) {
        h.marks.push_back(
            {"m" + std::to_string(h.marks.size()), what, platform, handle, when, offset, count});
        return *this;
    }
    History& checkin(int day, int social_min, std::optional<int> lean = std::nullopt) {
        Checkin c;
        c.date = kToday.plus_days(day);
        c.social_min = social_min;
        c.opinion_lean = lean;
        h.checkins.push_back(c);
        return *this;
    }
    History& since(int day) {
        h.first_activity_at = at(day, 0);
        return *this;
    }
    Signals signals(const Settings& settings = {}) const {
        return compute_signals(h, settings, kNow, kOffset);
    }
};

const DayFigures& day(const Signals& s, int d) {
    return s.days[s.days.size() - 1 - static_cast<std::size_t>(-d)];
}

}  // namespace

TEST_CASE("signals: days, today and the week") {
    const Signals s = History{}.signals();
    CHECK(s.now == kNow);
    CHECK(s.today == kToday);
    REQUIRE(s.days.size() == static_cast<std::size_t>(kHistoryDays));
    CHECK(s.days.back().date == kToday);
    CHECK(s.days.front().date == kToday.plus_days(-(kHistoryDays - 1)));
    CHECK(s.pt_7_s == 0);
    CHECK_FALSE(s.ratio_7);
    CHECK(s.data_days == 0);
    CHECK_FALSE(s.rt_d_baseline_min);
}

TEST_CASE("signals: PT is a union, split at each span's own local midnight, cut at now") {
    History h;
    h.watch(at(-1, 10), at(-1, 11)).watch(at(-1, 10, 30), at(-1, 11, 30), 1);  // overlap: 90 min
    h.watch(at(-2, 23), at(-1, 1));                                            // 60 + 60
    // Local 23:30-00:30 at UTC+3 is 21:30-22:30 at the host's offset: still
    // split at the span's own midnight.
    h.watch(at(-3, 23, 30, 180), at(-2, 0, 30, 180), 2, 180);
    h.watch(at(0, 20), at(0, 23));  // only 20:00-21:00 has happened
    const Signals s = h.signals();
    CHECK(day(s, -1).creator_s == (90 + 60) * 60);
    CHECK(day(s, -2).creator_s == (60 + 30) * 60);
    CHECK(day(s, -3).creator_s == 30 * 60);
    CHECK(s.pt_d_s == 60 * 60);
    CHECK(s.pt_7_s == (90 + 120 + 60 + 60) * 60);
}

TEST_CASE("signals: RT weighs messaging x0.5, calls x1 and adds check-in minutes") {
    History h;
    h.connect(at(0, 9), at(0, 10), "whatsapp");          // messaging: 30
    h.connect(at(0, 9, 30), at(0, 10, 30), "telegram");  // union with the above: 90 min -> 45
    h.connect(at(0, 12), at(0, 12, 20), "meet");         // call: 20
    h.connect(at(0, 13), at(0, 13, 10), "somewhere");    // unknown: messaging, 5
    h.checkin(0, 15);
    Signals s = h.signals();
    CHECK(s.rt_d_min == Approx(45 + 20 + 5 + 15));
    CHECK(s.rt_7_min == Approx(85));

    Settings settings;
    settings.connection_sites.push_back({"somewhere", "somewhere.example", ConnectionKind::call});
    s = h.signals(settings);
    CHECK(s.rt_d_min == Approx(45 + 20 + 10 + 15));
}

TEST_CASE("signals: ratio_7 is PT_7 over PT_7 + RT_7 in minutes") {
    History h;
    h.watch(at(-1, 10), at(-1, 13));            // 180
    h.connect(at(-1, 14), at(-1, 15), "meet");  // 60
    const Signals s = h.signals();
    REQUIRE(s.ratio_7);
    CHECK(*s.ratio_7 == Approx(0.75));
}

TEST_CASE("signals: baselines") {
    // Creator minutes d on the day `d` days ago, so each window's median is known.
    const auto history_with_days = [](int data_days) {
        History h;
        h.since(-data_days);
        for (int d = 1; d <= data_days && d <= 41; ++d) {
            h.watch(at(-d, 12), at(-d, 12) + d * kMsPerMinute);
            h.connect(at(-d, 18), at(-d, 18) + 2 * d * kMsPerMinute, "meet");
        }
        return h;
    };
    SECTION("none before 7 days of data") {
        const Signals s = history_with_days(6).signals();
        CHECK(s.data_days == 6);
        CHECK_FALSE(s.pt_d_baseline_s);
        CHECK_FALSE(s.rt_d_baseline_min);
        CHECK_FALSE(s.checks_d_baseline);
        CHECK_FALSE(s.connection_above_baseline_today());
    }
    SECTION("7 data days: the median of those 7") {
        const Signals s = history_with_days(7).signals();
        REQUIRE(s.pt_d_baseline_s);
        CHECK(*s.pt_d_baseline_s == Approx(4 * 60));
        CHECK(*s.rt_d_baseline_min == Approx(8));
        CHECK(*s.checks_d_baseline == Approx(1));
        CHECK(*s.rt_7_baseline_min() == Approx(56));
    }
    SECTION("20 data days: the median of the first 14 (even count: the mean of the middle two)") {
        const Signals s = history_with_days(20).signals();
        // Days 20..7 ago: median of 7..20 = 13.5.
        CHECK(*s.pt_d_baseline_s == Approx(13.5 * 60));
    }
    SECTION("33 data days: still the first 14") {
        const Signals s = history_with_days(33).signals();
        CHECK(*s.pt_d_baseline_s == Approx(26.5 * 60));
    }
    SECTION("34 data days on: the 28 days before the current week") {
        const Signals s = history_with_days(40).signals();
        // Days 34..7 ago: median of 7..34 = 20.5.
        CHECK(*s.pt_d_baseline_s == Approx(20.5 * 60));
        CHECK(*s.pt_7_baseline_s() == Approx(7 * 20.5 * 60));
    }
    SECTION("days without activity count as 0") {
        History h;
        h.since(-10);
        h.watch(at(-10, 12), at(-10, 13));
        const Signals s = h.signals();
        CHECK(*s.pt_d_baseline_s == Approx(0));
    }
}

TEST_CASE("signals: connection above baseline today") {
    History h;
    h.since(-8);
    for (int d = 1; d <= 8; ++d) h.connect(at(-d, 18), at(-d, 18, 30), "meet");
    h.connect(at(0, 18), at(0, 18, 30), "meet");
    CHECK_FALSE(h.signals().connection_above_baseline_today());  // 30 vs 30
    h.connect(at(0, 19), at(0, 19, 1), "meet");
    CHECK(h.signals().connection_above_baseline_today());
}

TEST_CASE("signals: episodes and short checks") {
    History h;
    h.watch(at(-1, 23, 50), at(0, 0, 10));               // starts yesterday: not today's
    h.watch(at(0, 8), at(0, 8, 1));                      // short
    h.watch(at(0, 8, 16), at(0, 8, 17), 1);              // 15 min without creators: new episode
    h.watch(at(0, 8, 30), at(0, 8, 31));                 // 13 min: same episode, 15 min long
    h.watch(at(0, 10), at(0, 10) + 119 * kMsPerSecond);  // short
    h.watch(at(0, 11), at(0, 11, 2));                    // exactly 2 min: not short
    const Signals s = h.signals();
    CHECK(day(s, -1).checks == 1);
    CHECK(s.checks_d == 4);
    CHECK(s.short_checks_d == 2);
}

TEST_CASE("signals: per-creator week, share and episodes with one creator") {
    History h;
    for (int visit = 0; visit < 5; ++visit) {
        // Lab every 20 min with Comet in between: Lab's visits are separate
        // episodes with Lab, though one episode overall.
        h.watch(at(0, 9, 20 * visit), at(0, 9, 20 * visit + 5));
        h.watch(at(0, 9, 20 * visit + 5), at(0, 9, 20 * visit + 10), 1);
    }
    h.watch(at(-8, 9), at(-8, 10), 2);  // outside the week
    const Signals s = h.signals();
    REQUIRE(s.creators_7d.size() == 2);
    CHECK(s.creators_7d[0].key == CreatorKey{"twitch", "comet"});  // tie on time: by key
    CHECK(s.creators_7d[1].label == "Lab");
    CHECK(s.creators_7d[1].episodes_by_day[6] == 5);
    CHECK(s.creators_7d[0].episodes_by_day[6] == 5);
    CHECK(s.creators_7d[1].share_7d == Approx(0.5));
    CHECK(s.checks_d == 1);
}

TEST_CASE("signals: nights are the sleep window ending on each date, under each span's offset") {
    History h;
    h.watch(at(0, 0), at(0, 1));                      // 30 min inside 00:30-05:30 of today
    h.watch(at(-1, 5), at(-1, 6));                    // 30 min on yesterday's night
    h.watch(at(-2, 23), at(-2, 23, 59));              // evening: not in the default window
    h.watch(at(-3, 2, 0, 0), at(-3, 3, 0, 0), 2, 0);  // 02:00-03:00 local at UTC+0
    Signals s = h.signals();
    CHECK(s.night_min[6] == Approx(30));
    CHECK(s.night_min[5] == Approx(30));
    CHECK(s.night_min[4] == Approx(0));
    CHECK(s.night_min[3] == Approx(60));

    Settings wrapping;
    wrapping.nudges.sleep_window = {{23 * 60}, {6 * 60}};
    s = h.signals(wrapping);
    CHECK(s.night_min[6] == Approx(60));       // 00:00-01:00
    CHECK(s.night_min[5] == Approx(60 + 59));  // 05:00-06:00, and 23:00-23:59 the evening before
    CHECK(s.night_min[4] == Approx(0));
    CHECK(s.night_min[3] == Approx(60));
}

TEST_CASE("signals: connection drought") {
    SECTION("from the end of the last connection span") {
        History h;
        h.since(-10);
        h.connect(at(-3, 18), at(-3, 20), "whatsapp");
        for (int d = 0; d <= 3; ++d) h.watch(at(-d, 12), at(-d, 12) + (60 + d) * kMsPerMinute);
        const Signals s = h.signals();
        CHECK(s.drought_ms == 3 * kMsPerDay + kMsPerHour);
        REQUIRE(s.drought_min_creator_min_per_day);
        CHECK(*s.drought_min_creator_min_per_day == Approx(61));  // days -2 and -1
    }
    SECTION("a check-in with social minutes ends it at that day's end") {
        History h;
        h.since(-10);
        h.connect(at(-5, 18), at(-5, 20), "whatsapp");
        h.checkin(-2, 30);
        h.checkin(-1, 0);
        const Signals s = h.signals();
        CHECK(s.drought_ms == kMsPerDay + 21 * kMsPerHour);
        REQUIRE(s.drought_min_creator_min_per_day);  // yesterday
        CHECK(*s.drought_min_creator_min_per_day == Approx(0));
    }
    SECTION("no connection at all: since the first activity") {
        History h;
        h.since(-2);
        const Signals s = h.signals();
        CHECK(s.drought_ms == 2 * kMsPerDay + 21 * kMsPerHour);
    }
    SECTION("under a day: no complete day inside") {
        History h;
        h.connect(at(0, 8), at(0, 9), "meet");
        const Signals s = h.signals();
        CHECK(s.drought_ms == 12 * kMsPerHour);
        CHECK_FALSE(s.drought_min_creator_min_per_day);
    }
    SECTION("tracking off is carried for R2") {
        Settings settings;
        settings.tracking.connection_time = false;
        CHECK_FALSE(History{}.signals(settings).connection_tracking);
    }
}

TEST_CASE("signals: live time, chat over 7 days and 24 hours") {
    History h;
    h.watch(at(-1, 19), at(-1, 20), 1);  // twitch: live
    h.watch(at(-2, 19), at(-2, 20), 2);  // youtube nova, chatted to: live
    h.watch(at(-2, 19, 30), at(-2, 20, 30), 2);
    h.watch(at(-3, 19), at(-3, 20));     // youtube lab, no chat: not live
    h.watch(at(-9, 19), at(-9, 20), 1);  // outside the week
    h.mark(MarkWhat::chat, at(-2, 19, 10), "youtube", "nova", 30);
    h.mark(MarkWhat::chat, at(0, 19), "twitch", "comet", 6);
    h.mark(MarkWhat::chat, at(-1, 22), "twitch", "comet", 5);
    h.mark(MarkWhat::chat, at(-9, 19), "youtube", "lab", 50);  // too old
    h.mark(MarkWhat::chat, at(0, 22), "youtube", "lab", 50);   // after now
    const Signals s = h.signals();
    CHECK(s.live_s_7d == (60 + 90) * 60);
    CHECK(s.chat_messages_7d == 41);
    REQUIRE(s.top_chat_creator_7d);
    CHECK(s.top_chat_creator_7d->handle == "nova");
    CHECK(s.top_chat_label_7d == "nova");  // no label: the handle
    CHECK(s.chat_messages_24h_top == 11);
    REQUIRE(s.top_chat_creator_24h);
    CHECK(s.top_chat_creator_24h->handle == "comet");
    CHECK(s.top_chat_label_24h == "Comet");
}

TEST_CASE("signals: recent spends") {
    History h;
    h.mark(MarkWhat::spend, at(-10, 15), "twitch", "comet");
    h.mark(MarkWhat::spend, at(-6, 15), "twitch", "comet");
    h.mark(MarkWhat::spend, at(-1, 21), "twitch", "comet");  // exactly 24 h ago: too old
    h.mark(MarkWhat::spend, at(0, 2), "patreon", "someone", 2);
    h.mark(MarkWhat::spend, at(0, 9, 0, 0), "twitch", "comet", 1, 0);  // 09:00 at UTC+0
    Signals s = h.signals();
    REQUIRE(s.recent_spends.size() == 2);
    CHECK(s.recent_spends[0].creator.handle == "someone");
    CHECK(s.recent_spends[0].label == "someone");
    CHECK(s.recent_spends[0].marks_7d == 1 + 1 + 2);  // -6, -1, now
    CHECK(s.recent_spends[0].at_night);
    CHECK_FALSE(s.recent_spends[0].first_ever);
    CHECK(s.recent_spends[1].marks_7d == 5);
    CHECK_FALSE(s.recent_spends[1].at_night);
    CHECK(s.recent_spends[1].label == "Comet");

    History first;
    first.mark(MarkWhat::spend, at(0, 12), "twitch", "comet");
    s = first.signals();
    REQUIRE(s.recent_spends.size() == 1);
    CHECK(s.recent_spends[0].first_ever);
    CHECK(s.recent_spends[0].marks_7d == 1);
}

TEST_CASE("signals: opinion leans, oldest first, up to today") {
    History h;
    h.checkin(-3, 0, 5).checkin(-10, 0, 2).checkin(-5, 0).checkin(1, 0, 4).checkin(0, 0, 3);
    CHECK(h.signals().opinion_leans == std::vector<int>{2, 5, 3});
}

TEST_CASE("signals: data days count from the first activity, even before the window") {
    History h;
    h.since(-100);
    CHECK(h.signals().data_days == 100);
    History from_spans;
    from_spans.watch(at(-9, 23), at(-9, 23, 30));
    CHECK(from_spans.signals().data_days == 9);
}

TEST_CASE("signals: a creator span with no creator is a caller bug") {
    History h;
    h.watch(at(0, 1), at(0, 2), 7);
    CHECK_THROWS_AS(h.signals(), std::invalid_argument);
}
