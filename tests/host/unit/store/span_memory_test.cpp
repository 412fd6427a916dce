// What a SpanStore keeps in memory between calls (the interval window behind
// load_intervals, the creator ids behind record) must never show anything
// but what SQLite holds now: after its own writes, other connections'
// writes, forget, erase and rollbacks. Each check compares with a SpanStore
// made fresh for it, which reads everything from SQLite.
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "core/summary.hpp"
#include "store/creator_store.hpp"
#include "store/erase.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using test::connection_span;
using test::count_rows;
using test::creator_span;
using test::kDay0;
using test::mark;

constexpr core::Instant kDay = core::kMsPerDay;

// A span as load_intervals gives it, with its creator spelled out, so that
// two answers compare whatever their order and creator indexes.
using Seen = std::tuple<core::Instant, core::Instant, int, core::SpanKind, std::string, std::string,
                        std::string, bool, std::optional<core::Instant>, std::optional<int>>;

std::vector<Seen> seen(SpanStore& store, core::Instant from, core::Instant to) {
    std::vector<core::CreatorRecord> creators;
    std::vector<core::SpanInterval> spans;
    store.load_intervals(from, to, creators, spans);
    std::vector<Seen> out;
    std::vector<bool> used(creators.size(), false);
    for (const auto& s : spans) {
        Seen row{s.start, s.end, s.utc_offset_min, s.kind, "", "", "", false, {}, {}};
        if (s.kind == core::SpanKind::creator) {
            REQUIRE(s.creator >= 0);
            REQUIRE(static_cast<std::size_t>(s.creator) < creators.size());
            const auto& c = creators[static_cast<std::size_t>(s.creator)];
            used[static_cast<std::size_t>(s.creator)] = true;
            row = {s.start,      s.end,   s.utc_offset_min, s.kind,           c.key.platform,
                   c.key.handle, c.label, c.followed,       c.followed_since, c.daily_budget_min};
        } else {
            CHECK(s.creator == -1);
        }
        out.push_back(row);
    }
    // Exactly the creators the spans refer to, each once.
    for (bool u : used) CHECK(u);
    std::sort(out.begin(), out.end());
    return out;
}

// What a SpanStore with nothing in memory reads from SQLite now.
std::vector<Seen> fresh(Database& db, core::Instant from, core::Instant to) {
    SpanStore store(db);
    return seen(store, from, to);
}

struct TwoConnections {
    test::TempFolder folder;
    test::RecordingLog log;
    std::unique_ptr<Database> ours = Database::open(folder.file("parasol.db"), log);
    std::unique_ptr<Database> theirs = Database::open(folder.file("parasol.db"), log);
    SpanStore spans{*ours};
    SpanStore their_spans{*theirs};
};

core::Span labelled(core::Span span, std::string label) {
    span.label = std::move(label);
    return span;
}

}  // namespace

TEST_CASE("load_intervals answers from memory what SQLite holds after this store's writes",
          "[store][memory]") {
    TwoConnections f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                    connection_span("span-0002", kDay0 + 10, kDay0 + 500)},
                   {});
    const auto before = seen(f.spans, kDay0, kDay0 + kDay);  // fills the window
    REQUIRE(before.size() == 2);

    SECTION("a new span") {
        f.spans.record({creator_span("span-0003", "bob", kDay0 + 2000, kDay0 + 3000, "twitch")},
                       {});
    }
    SECTION("a widened span, earlier start bringing its offset") {
        auto wider = creator_span("span-0001", "alice", kDay0 - 5000, kDay0 + 9000);
        wider.utc_offset_min = 330;
        REQUIRE(f.spans.record({wider}, {}).widened == 1);
    }
    SECTION("a label that renames the creator") {
        f.spans.record({labelled(creator_span("span-0001", "alice", kDay0, kDay0 + 1000), "Al")},
                       {});
    }
    SECTION("a span widened to start before the window") {
        // The window holds starts from kDay0 - 24 h: this one starts inside it, then not.
        const core::Instant hour = 3'600'000;
        f.spans.record({creator_span("span-0007", "erin", kDay0 - 23 * hour, kDay0 - 22 * hour)},
                       {});
        CHECK(seen(f.spans, kDay0 - 22 * hour - 1, kDay0) ==
              fresh(*f.ours, kDay0 - 22 * hour - 1, kDay0));
        REQUIRE(
            f.spans
                .record({creator_span("span-0007", "erin", kDay0 - 25 * hour, kDay0 - 22 * hour)},
                        {})
                .widened == 1);
        CHECK(seen(f.spans, kDay0 - 2 * hour, kDay0) == fresh(*f.ours, kDay0 - 2 * hour, kDay0));
        CHECK(seen(f.spans, kDay0 - 23 * hour, kDay0) == fresh(*f.ours, kDay0 - 23 * hour, kDay0));
    }
    SECTION("a span far outside the window") {
        f.spans.record(
            {creator_span("span-0009", "carol", kDay0 + 40 * kDay, kDay0 + 40 * kDay + 10)}, {});
        CHECK(seen(f.spans, kDay0 + 40 * kDay, kDay0 + 41 * kDay).size() == 1);
    }
    SECTION("marks only") {
        f.spans.record({}, {mark("mark-0001", "dave", kDay0)});
    }
    CHECK(seen(f.spans, kDay0, kDay0 + kDay) == fresh(*f.ours, kDay0, kDay0 + kDay));
    CHECK(seen(f.spans, kDay0 + 100, kDay0 + 2500) == fresh(*f.ours, kDay0 + 100, kDay0 + 2500));
}

TEST_CASE("another connection's writes are seen by the next load_intervals", "[store][memory]") {
    TwoConnections f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                    creator_span("span-0002", "bob", kDay0 + 100, kDay0 + 200)},
                   {});
    REQUIRE(seen(f.spans, kDay0, kDay0 + kDay).size() == 2);

    SECTION("a new span") {
        f.their_spans.record({connection_span("span-0003", kDay0 + 5, kDay0 + 50)}, {});
    }
    SECTION("a widened span") {
        f.their_spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 7000)}, {});
    }
    SECTION("a label") {
        f.their_spans.record(
            {labelled(creator_span("span-0002", "bob", kDay0 + 100, kDay0 + 200), "Bobby")}, {});
    }
    SECTION("a follow") {
        CreatorStore(*f.theirs).follow({"youtube", "alice"}, std::nullopt, kDay0 - 1);
    }
    SECTION("a forget") {
        REQUIRE(CreatorStore(*f.theirs).forget({"youtube", "bob"}) == 1);
    }
    SECTION("an erase") {
        erase_everything(*f.theirs);
    }
    CHECK(seen(f.spans, kDay0, kDay0 + kDay) == fresh(*f.ours, kDay0, kDay0 + kDay));
}

TEST_CASE("this connection's other stores and erase are seen by the next load_intervals",
          "[store][memory]") {
    TwoConnections f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                    creator_span("span-0002", "bob", kDay0 + 100, kDay0 + 200)},
                   {});
    REQUIRE(seen(f.spans, kDay0, kDay0 + kDay).size() == 2);
    CreatorStore creators(*f.ours);

    SECTION("forget") {
        REQUIRE(creators.forget({"youtube", "alice"}) == 1);
        CHECK(seen(f.spans, kDay0, kDay0 + kDay).size() == 1);
    }
    SECTION("erase") {
        erase_everything(*f.ours);
        CHECK(seen(f.spans, kDay0, kDay0 + kDay).empty());
    }
    SECTION("follow, then unfollow") {
        creators.follow({"youtube", "bob"}, "Bob", kDay0);
        CHECK(seen(f.spans, kDay0, kDay0 + kDay) == fresh(*f.ours, kDay0, kDay0 + kDay));
        creators.unfollow({"youtube", "bob"});
    }
    SECTION("update") {
        creators.update({"youtube", "bob"}, "Robert", std::optional<std::optional<int>>(30));
    }
    CHECK(seen(f.spans, kDay0, kDay0 + kDay) == fresh(*f.ours, kDay0, kDay0 + kDay));
}

TEST_CASE("a creator forgotten or erased is made again, never referred to by a stale id",
          "[store][memory]") {
    TwoConnections f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});

    SECTION("forgotten here") {
        REQUIRE(CreatorStore(*f.ours).forget({"youtube", "alice"}));
    }
    SECTION("forgotten by another connection") {
        REQUIRE(CreatorStore(*f.theirs).forget({"youtube", "alice"}));
        // Another creator may now take the freed row id.
        f.their_spans.record({creator_span("span-0005", "mallory", kDay0, kDay0 + 1)}, {});
    }
    SECTION("erased") {
        erase_everything(*f.ours);
    }
    const auto outcome =
        f.spans.record({creator_span("span-0002", "alice", kDay0 + 10, kDay0 + 20)}, {});
    CHECK(outcome.inserted == 1);
    std::vector<core::Span> stored;
    f.spans.for_each_span([&](const core::Span& s) { stored.push_back(s); });
    bool found = false;
    for (const auto& s : stored) {
        if (s.id == "span-0002") {
            found = true;
            CHECK(s.handle == "alice");
        }
    }
    CHECK(found);
}

TEST_CASE("a relabel by another connection is not hidden by the remembered label",
          "[store][memory]") {
    TwoConnections f;
    f.spans.record({labelled(creator_span("span-0001", "alice", kDay0, kDay0 + 1000), "A")}, {});
    CreatorStore(*f.theirs).update({"youtube", "alice"}, "Theirs", std::nullopt);

    // The same label as this store last wrote: the stored one is "Theirs" now.
    f.spans.record({labelled(creator_span("span-0002", "alice", kDay0, kDay0 + 1000), "A")}, {});

    CHECK(CreatorStore(*f.ours).find({"youtube", "alice"})->label == "A");
}

TEST_CASE("rolled-back writes leave nothing behind in memory", "[store][memory]") {
    TwoConnections f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});
    REQUIRE(seen(f.spans, kDay0, kDay0 + kDay).size() == 1);

    SECTION("a batch refused for a conflict") {
        const auto outcome = f.spans.record(
            {creator_span("span-0002", "newcomer", kDay0 + 5, kDay0 + 9),
             labelled(creator_span("span-0001", "alice", kDay0 - 50, kDay0 + 5000), "Renamed"),
             connection_span("span-0001", kDay0, kDay0 + 1)},
            {});
        REQUIRE(outcome.conflict);
    }
    SECTION("an outer transaction that fails after record() succeeded") {
        CHECK_THROWS_AS(f.ours->write([&](SQLite::Database&) {
            REQUIRE(
                f.spans
                    .record({creator_span("span-0002", "newcomer", kDay0 + 5, kDay0 + 9),
                             labelled(creator_span("span-0001", "alice", kDay0 - 50, kDay0 + 5000),
                                      "Renamed")},
                            {})
                    .inserted == 1);
            throw std::runtime_error("the import found a bad line");
        }),
                        std::runtime_error);
    }
    CHECK(count_rows(*f.ours, "creators") == 1);
    CHECK(seen(f.spans, kDay0, kDay0 + kDay) == fresh(*f.ours, kDay0, kDay0 + kDay));
    // The newcomer's rolled-back row id must not be used again.
    CHECK(f.spans.record({creator_span("span-0003", "newcomer", kDay0, kDay0 + 1)}, {}).inserted ==
          1);
    CHECK(count_rows(*f.ours, "creators") == 2);
    CHECK(CreatorStore(*f.ours).find({"youtube", "alice"})->label == "alice");
}

TEST_CASE("load_intervals reads again for a range outside what it holds", "[store][memory]") {
    TwoConnections f;
    std::vector<core::Span> spans;
    for (int d = 0; d < 20; ++d) {
        spans.push_back(creator_span("span-" + std::to_string(1000 + d), "alice",
                                     kDay0 + d * kDay + 100, kDay0 + d * kDay + 900));
    }
    f.spans.record(spans, {});
    // Narrow, then wider on both sides, then inside, then disjoint.
    for (const auto& [from, to] :
         std::vector<std::pair<int, int>>{{10, 11}, {5, 15}, {0, 20}, {7, 8}, {18, 25}, {2, 3}}) {
        CAPTURE(from, to);
        CHECK(seen(f.spans, kDay0 + from * kDay, kDay0 + to * kDay) ==
              fresh(*f.ours, kDay0 + from * kDay, kDay0 + to * kDay));
    }
}

// Random writes from both connections, checking after each one.
TEST_CASE("load_intervals agrees with SQLite through random writes from two connections",
          "[store][memory]") {
    TwoConnections f;
    std::mt19937 rng(20261125);
    const auto pick = [&](int lo, int hi) { return std::uniform_int_distribution(lo, hi)(rng); };
    const std::vector<std::string> handles{"alice", "bob", "carol", "dave"};
    int next_id = 1000;
    std::vector<std::string> ids;
    const auto random_span = [&](const std::string& id) {
        const core::Instant start = kDay0 + pick(0, 9) * kDay + pick(-3, 3) * 3'600'000;
        const core::Instant end = start + pick(0, 8) * 600'000;
        // Ids keep their kind, platform and handle: no conflicts here.
        const auto h = std::hash<std::string>{}(id);
        core::Span s = h % 5 == 0 ? connection_span(id, start, end)
                                  : creator_span(id, handles[h % handles.size()], start, end);
        s.utc_offset_min = pick(-2, 2) * 60;
        if (s.kind == core::SpanKind::creator && pick(0, 2) == 0) {
            s.label = "L" + std::to_string(pick(0, 3));
        }
        return s;
    };
    for (int step = 0; step < 300; ++step) {
        CAPTURE(step);
        const bool mine = pick(0, 2) != 0;
        SpanStore& writer = mine ? f.spans : f.their_spans;
        Database& db = mine ? *f.ours : *f.theirs;
        switch (pick(0, 9)) {
            case 0:
                CreatorStore(db).follow({"youtube", handles[static_cast<std::size_t>(pick(0, 3))]},
                                        std::nullopt, kDay0);
                break;
            case 1:
                CreatorStore(db).unfollow(
                    {"youtube", handles[static_cast<std::size_t>(pick(0, 3))]});
                break;
            case 2:
                if (pick(0, 9) == 0) {
                    CreatorStore(db).forget(
                        {"youtube", handles[static_cast<std::size_t>(pick(0, 3))]});
                }
                break;
            default: {
                std::vector<core::Span> batch;
                for (int n = pick(1, 6); n > 0; --n) {
                    const bool resend = !ids.empty() && pick(0, 1) == 0;
                    const std::string id = resend ? ids[static_cast<std::size_t>(
                                                        pick(0, static_cast<int>(ids.size()) - 1))]
                                                  : "span-" + std::to_string(next_id++);
                    if (!resend) ids.push_back(id);
                    batch.push_back(random_span(id));
                }
                writer.record(batch, {});  // may be refused (over 24 h): then nothing is written
                break;
            }
        }
        const int from = pick(-1, 9);
        const int days = pick(1, 4);
        const core::Instant lo = kDay0 + from * kDay;
        const core::Instant hi = lo + days * kDay;
        REQUIRE(seen(f.spans, lo, hi) == fresh(*f.ours, lo, hi));
    }
}

namespace {

// query_summary's range for local dates [from, to] (service/summary_query.cpp).
std::pair<core::Instant, core::Instant> range_of(core::LocalDate from, core::LocalDate to) {
    constexpr core::Instant kSlack = 14 * core::kMsPerHour;
    return {core::local_midnight(from, 0) - kSlack,
            core::local_midnight(to.plus_days(1), 0) + kSlack};
}

core::Summary summary_lent(SpanStore& store, core::LocalDate from, core::LocalDate to) {
    const auto [lo, hi] = range_of(from, to);
    core::SummaryInput input;
    input.from = from;
    input.to = to;
    core::Summary out;
    store.with_intervals(lo, hi, input,
                         [&](const core::SummaryInput& in) { out = core::summarize(in); });
    CHECK(input.spans.empty());  // given back
    return out;
}

core::Summary summary_fresh(Database& db, core::LocalDate from, core::LocalDate to) {
    const auto [lo, hi] = range_of(from, to);
    core::SummaryInput input;
    input.from = from;
    input.to = to;
    SpanStore(db).load_intervals(lo, hi, input.creators, input.spans);
    return core::summarize(input);
}

auto comparable(const core::Summary& s) {
    std::vector<std::tuple<std::string, std::int64_t, std::int64_t, int>> rows;
    for (const auto& d : s.days)
        rows.emplace_back(d.date.to_string(), d.creator_s, d.connection_s, 0);
    for (const auto& c : s.creators) {
        rows.emplace_back(
            c.creator.key.platform + "/" + c.creator.key.handle + "/" + c.creator.label, c.seconds,
            c.creator.followed ? 1 : 0, c.days_active);
    }
    rows.emplace_back("totals", s.totals.creator_s, s.totals.followed_s, 0);
    rows.emplace_back("others", s.others_s, s.totals.connection_s, 0);
    return rows;
}

// Thirty days of spans under offsets from -14 h to +14 h, some across
// midnight, some followed: what the lent window must summarise exactly.
void record_month(SpanStore& spans, Database& db) {
    std::vector<core::Span> batch;
    const std::vector<int> offsets{-840, -300, 0, 60, 330, 840};
    for (int d = 0; d < 30; ++d) {
        for (int k = 0; k < 6; ++k) {
            const core::Instant start = kDay0 + d * kDay + k * 4 * 3'600'000 - 2 * 3'600'000;
            auto s = k == 5 ? connection_span("m-" + std::to_string(d * 10 + k), start,
                                              start + 3 * 3'600'000)
                            : creator_span("m-" + std::to_string(d * 10 + k),
                                           k % 2 == 0 ? "alice" : "bob", start,
                                           start + (k + 1) * 1'800'000, k < 3 ? "youtube" : "kick");
            s.utc_offset_min = offsets[static_cast<std::size_t>((d + k) % 6)];
            batch.push_back(s);
        }
    }
    spans.record(batch, {});
    CreatorStore(db).follow({"youtube", "alice"}, "Alice", kDay0);
}

}  // namespace

TEST_CASE("with_intervals lends what memory holds, and every summary stays the same",
          "[store][memory]") {
    TwoConnections f;
    record_month(f.spans, *f.ours);
    const core::LocalDate first{2025, 12, 1};  // kDay0
    // The whole month first (lent), then ranges inside it (copied or lent),
    // then the whole month again.
    for (const auto& [a, b] : std::vector<std::pair<int, int>>{
             {0, 29}, {0, 29}, {10, 12}, {3, 27}, {29, 29}, {-1, 30}, {0, 29}}) {
        CAPTURE(a, b);
        const auto from = first.plus_days(a);
        const auto to = first.plus_days(b);
        CHECK(comparable(summary_lent(f.spans, from, to)) ==
              comparable(summary_fresh(*f.ours, from, to)));
    }
}

TEST_CASE("a loan comes back when its user throws, and a write during it is not lost",
          "[store][memory]") {
    TwoConnections f;
    record_month(f.spans, *f.ours);
    const core::LocalDate from{2025, 12, 1};
    const core::LocalDate to = from.plus_days(29);
    const auto [lo, hi] = range_of(from, to);
    core::SummaryInput input;
    input.from = from;
    input.to = to;

    CHECK_THROWS_AS(f.spans.with_intervals(lo, hi, input,
                                           [](const core::SummaryInput& in) {
                                               REQUIRE_FALSE(in.spans.empty());
                                               throw std::runtime_error("summarize failed");
                                           }),
                    std::runtime_error);
    CHECK(comparable(summary_lent(f.spans, from, to)) ==
          comparable(summary_fresh(*f.ours, from, to)));

    f.spans.with_intervals(lo, hi, input, [&](const core::SummaryInput&) {
        f.spans.record({creator_span("during-loan", "carol", kDay0 + 5 * kDay, kDay0 + 6 * kDay)},
                       {});
    });
    CHECK(comparable(summary_lent(f.spans, from, to)) ==
          comparable(summary_fresh(*f.ours, from, to)));
    CHECK(seen(f.spans, lo, hi) == fresh(*f.ours, lo, hi));
}

}  // namespace parasol::store
