#include "store/history_reader.hpp"

#include <catch2/catch.hpp>

#include "store/checkin_store.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"

namespace parasol::store {
namespace {

using core::kMsPerDay;
using core::kMsPerHour;
using core::kMsPerMinute;

const core::LocalDate kToday{2026, 11, 25};
constexpr int kOffset = 60;
const core::Instant kNow = core::local_midnight(kToday, kOffset) + 15 * kMsPerHour;

core::Span creator_span(const std::string& id, const std::string& handle, core::Instant start,
                        core::Instant end) {
    core::Span s;
    s.id = id;
    s.kind = core::SpanKind::creator;
    s.platform = "youtube";
    s.handle = handle;
    s.label = "Label " + handle;
    s.start = start;
    s.end = end;
    s.utc_offset_min = kOffset;
    s.attention = core::Attention::focused;
    return s;
}

core::Span connection_span(const std::string& id, const std::string& platform, core::Instant start,
                           core::Instant end) {
    core::Span s;
    s.id = id;
    s.kind = core::SpanKind::connection;
    s.platform = platform;
    s.start = start;
    s.end = end;
    s.utc_offset_min = kOffset;
    s.attention = core::Attention::audible;
    return s;
}

core::Mark mark(const std::string& id, core::MarkWhat what, const std::string& handle,
                core::Instant at, int count) {
    core::Mark m;
    m.id = id;
    m.what = what;
    m.platform = "twitch";
    m.handle = handle;
    m.at = at;
    m.utc_offset_min = kOffset;
    m.count = count;
    return m;
}

struct Fixture {
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(":memory:", log);
    SpanStore spans{*db};
    HistoryReader reader{*db};
};

}  // namespace

TEST_CASE("no data: an empty history without a first activity", "[store][history]") {
    Fixture f;
    const auto h = f.reader.read(kNow, kOffset);
    CHECK(h.spans.empty());
    CHECK(h.marks.empty());
    CHECK(h.checkins.empty());
    CHECK(h.creators.empty());
    CHECK_FALSE(h.first_activity_at);
}

TEST_CASE("spans of the window with their creator or platform", "[store][history]") {
    Fixture f;
    const core::Instant window_start =
        core::local_midnight(kToday.plus_days(-(core::nudges::kHistoryDays - 1)), kOffset);
    f.spans.record(
        {
            creator_span("span-old-1", "alice", window_start - 3 * kMsPerHour,
                         window_start - 2 * kMsPerHour),  // before the window
            creator_span("span-edge", "alice", window_start - kMsPerHour,
                         window_start + kMsPerHour),  // reaches into it
            creator_span("span-bob-1", "bob", kNow - 2 * kMsPerHour, kNow - kMsPerHour),
            connection_span("span-call", "meet", kNow - 3 * kMsPerHour, kNow - 150 * kMsPerMinute),
            creator_span("span-bob-2", "bob", kNow - 30 * kMsPerMinute, kNow),
        },
        {});
    const auto h = f.reader.read(kNow, kOffset);
    REQUIRE(h.spans.size() == 4);
    REQUIRE(h.creators.size() == 2);
    int bob = -1;
    for (std::size_t i = 0; i < h.creators.size(); ++i) {
        if (h.creators[i].key.handle == "bob") bob = static_cast<int>(i);
    }
    REQUIRE(bob >= 0);
    CHECK(h.creators[static_cast<std::size_t>(bob)].label == "Label bob");
    int bobs = 0;
    int calls = 0;
    for (const auto& s : h.spans) {
        CHECK(s.utc_offset_min == kOffset);
        if (s.kind == core::SpanKind::connection) {
            ++calls;
            CHECK(s.platform == "meet");
            CHECK(s.creator == -1);
            CHECK(s.attention == core::Attention::audible);
            CHECK(s.end - s.start == 30 * kMsPerMinute);
        } else {
            CHECK(s.platform.empty());
            CHECK(s.attention == core::Attention::focused);
            if (s.creator == bob) ++bobs;
        }
    }
    CHECK(bobs == 2);
    CHECK(calls == 1);
    CHECK(h.first_activity_at == window_start - 3 * kMsPerHour);
}

TEST_CASE("marks with their creator, and check-ins of the window", "[store][history]") {
    Fixture f;
    f.spans.record({},
                   {mark("mark-spend", core::MarkWhat::spend, "carol", kNow - kMsPerDay, 1),
                    mark("mark-chat1", core::MarkWhat::chat, "carol", kNow - kMsPerHour, 40),
                    mark("mark-old-1", core::MarkWhat::chat, "carol", kNow - 60 * kMsPerDay, 1)});
    CheckinStore checkins(*f.db);
    core::Checkin c;
    c.date = kToday.plus_days(-2);
    c.social_min = 45;
    checkins.put(c);
    c.date = kToday.plus_days(-50);
    checkins.put(c);

    const auto h = f.reader.read(kNow, kOffset);
    REQUIRE(h.marks.size() == 2);
    CHECK(h.marks[0].id == "mark-spend");
    CHECK(h.marks[0].what == core::MarkWhat::spend);
    CHECK(h.marks[1].what == core::MarkWhat::chat);
    CHECK(h.marks[1].count == 40);
    CHECK(h.marks[1].platform == "twitch");
    CHECK(h.marks[1].handle == "carol");
    CHECK(h.marks[1].utc_offset_min == kOffset);
    REQUIRE(h.creators.size() == 1);
    CHECK(h.creators[0].key.handle == "carol");
    REQUIRE(h.checkins.size() == 1);
    CHECK(h.checkins[0].social_min == 45);
    // The first activity is the oldest mark: no spans at all.
    CHECK(h.first_activity_at == kNow - 60 * kMsPerDay);
}

TEST_CASE("first activity: the earlier of the first span and the first mark", "[store][history]") {
    Fixture f;
    f.spans.record({creator_span("span-first", "alice", kNow - 90 * kMsPerDay,
                                 kNow - 90 * kMsPerDay + kMsPerHour)},
                   {mark("mark-later", core::MarkWhat::spend, "alice", kNow - 80 * kMsPerDay, 1)});
    const auto h = f.reader.read(kNow, kOffset);
    CHECK(h.first_activity_at == kNow - 90 * kMsPerDay);
    CHECK(h.spans.empty());
    CHECK(h.marks.empty());
}

}  // namespace parasol::store
