#include "store/span_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>

#include "store/creator_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"

namespace parasol::store {
namespace {

using test::connection_span;
using test::count_rows;
using test::creator_span;
using test::fields;
using test::kDay0;
using test::mark;

std::vector<core::Span> all_spans(SpanStore& store) {
    std::vector<core::Span> spans;
    store.for_each_span([&](const core::Span& s) { spans.push_back(s); });
    return spans;
}

std::vector<core::Mark> all_marks(SpanStore& store) {
    std::vector<core::Mark> marks;
    store.for_each_mark([&](const core::Mark& m) { marks.push_back(m); });
    return marks;
}

struct Fixture {
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(":memory:", log);
    SpanStore spans{*db};
};

}  // namespace

TEST_CASE("record stores new spans and marks as sent", "[store][spans]") {
    Fixture f;
    auto labelled = creator_span("span-0001", "alice", kDay0, kDay0 + 60'000);
    labelled.label = "Alice A.";
    auto audible = creator_span("span-0002", "bob", kDay0 + 1000, kDay0 + 2000, "twitch");
    audible.attention = core::Attention::audible;
    audible.utc_offset_min = -840;
    const auto call = connection_span("span-0003", kDay0 + 500, kDay0 + 900, "meet");
    const auto spend = mark("mark-0001", "bob", kDay0 + 1500, 1, core::MarkWhat::spend);

    const auto outcome = f.spans.record({labelled, audible, call}, {spend});

    CHECK_FALSE(outcome.conflict);
    CHECK(outcome.inserted == 4);
    CHECK(outcome.widened == 0);
    CHECK(outcome.unchanged == 0);
    const auto stored = all_spans(f.spans);  // in start order
    REQUIRE(stored.size() == 3);
    CHECK(fields(stored[0]) == fields(labelled));
    CHECK(fields(stored[1]) == fields(call));
    CHECK(fields(stored[2]) == fields(audible));
    const auto marks = all_marks(f.spans);
    REQUIRE(marks.size() == 1);
    CHECK(fields(marks[0]) == fields(spend));
}

TEST_CASE("record merges a resent span by id", "[store][spans]") {
    // Stored first: [kDay0 + 1000, kDay0 + 2000), offset 60, focused, label "A".
    struct Case {
        const char* name;
        core::Instant start, end;
        int offset;
        core::Attention attention;
        std::optional<std::string> label;
        // expected
        core::Instant want_start, want_end;
        int want_offset;
        std::optional<std::string> want_label;
        bool widened;
    };
    using core::Attention;
    const core::Instant s = kDay0 + 1000;
    const core::Instant e = kDay0 + 2000;
    const auto c = GENERATE_COPY(values<Case>({
        {"identical resend", s, e, 60, Attention::focused, "A", s, e, 60, "A", false},
        {"grown end", s, e + 500, 60, Attention::focused, "A", s, e + 500, 60, "A", true},
        {"stale shorter resend", s, e - 500, 60, Attention::focused, "A", s, e, 60, "A", false},
        {"earlier start brings its offset", s - 300, e, 120, Attention::focused, "A", s - 300, e,
         120, "A", true},
        {"later start keeps the first offset", s + 300, e + 10, 120, Attention::focused, "A", s,
         e + 10, 60, "A", true},
        {"same start keeps the first offset", s, e, 120, Attention::focused, "A", s, e, 60, "A",
         false},
        {"attention takes the latest", s, e, 60, Attention::audible, "A", s, e, 60, "A", true},
        {"label takes the latest", s, e, 60, Attention::focused, "B", s, e, 60, "B", true},
        {"absent label keeps the stored one", s, e, 60, Attention::focused, std::nullopt, s, e, 60,
         "A", false},
        {"disjoint resend spans both", s + 5000, s + 6000, 0, Attention::focused, "A", s, s + 6000,
         60, "A", true},
    }));
    CAPTURE(c.name);
    Fixture f;
    auto first = creator_span("span-0001", "alice", s, e);
    first.label = "A";
    REQUIRE(f.spans.record({first}, {}).inserted == 1);

    auto resend = creator_span("span-0001", "alice", c.start, c.end);
    resend.utc_offset_min = c.offset;
    resend.attention = c.attention;
    resend.label = c.label;
    const auto outcome = f.spans.record({resend}, {});

    CHECK_FALSE(outcome.conflict);
    CHECK(outcome.inserted == 0);
    CHECK(outcome.widened == (c.widened ? 1 : 0));
    CHECK(outcome.unchanged == (c.widened ? 0 : 1));
    const auto stored = all_spans(f.spans);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].start == c.want_start);
    CHECK(stored[0].end == c.want_end);
    CHECK(stored[0].utc_offset_min == c.want_offset);
    CHECK(stored[0].attention == c.attention);
    CHECK(stored[0].label == c.want_label);
}

TEST_CASE("record merges a resent mark by id: first `at`, larger count", "[store][marks]") {
    Fixture f;
    f.spans.record({}, {mark("mark-0001", "bob", kDay0 + 100, 5)});

    const auto lower = f.spans.record({}, {mark("mark-0001", "bob", kDay0 + 50, 3)});
    CHECK(lower.unchanged == 1);
    const auto higher = f.spans.record({}, {mark("mark-0001", "bob", kDay0 + 900, 8)});
    CHECK(higher.widened == 1);

    const auto marks = all_marks(f.spans);
    REQUIRE(marks.size() == 1);
    CHECK(marks[0].at == kDay0 + 100);
    CHECK(marks[0].count == 8);
}

TEST_CASE("a resend that changes identity is refused and nothing is written",
          "[store][spans][marks]") {
    struct Case {
        const char* name;
        std::vector<core::Span> spans;
        std::vector<core::Mark> marks;
        bool is_mark;
        std::size_t index;
        const char* field;
    };
    const auto fresh = creator_span("span-fresh", "newcomer", kDay0, kDay0 + 10);
    auto relabel = creator_span("span-0001", "alice", kDay0, kDay0 + 99'000);
    relabel.label = "Renamed";
    const auto c = GENERATE_COPY(values<Case>({
        {"kind", {fresh, connection_span("span-0001", kDay0, kDay0 + 1)}, {}, false, 1, "kind"},
        {"platform",
         {creator_span("span-0001", "alice", kDay0, kDay0 + 1, "twitch")},
         {},
         false,
         0,
         "platform"},
        {"handle",
         {relabel, creator_span("span-0001", "mallory", kDay0, kDay0 + 1)},
         {},
         false,
         1,
         "handle"},
        {"connection platform",
         {connection_span("span-0002", kDay0, kDay0 + 1, "zoom")},
         {},
         false,
         0,
         "platform"},
        {"longer than 24 hours",
         {creator_span("span-0001", "alice", kDay0 - core::kMsPerDay, kDay0)},
         {},
         false,
         0,
         "end"},
        {"mark what",
         {fresh},
         {mark("mark-0001", "bob", kDay0, 9, core::MarkWhat::spend)},
         true,
         0,
         "what"},
        {"mark handle",
         {},
         {mark("mark-0002", "carol", kDay0, 9), mark("mark-0001", "eve", kDay0)},
         true,
         1,
         "handle"},
    }));
    CAPTURE(c.name);
    Fixture f;
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                    connection_span("span-0002", kDay0, kDay0 + 1000)},
                   {mark("mark-0001", "bob", kDay0, 2)});
    const auto spans_before = all_spans(f.spans);
    const auto marks_before = all_marks(f.spans);
    const auto creators_before = count_rows(*f.db, "creators");

    const auto outcome = f.spans.record(c.spans, c.marks);

    REQUIRE(outcome.conflict);
    CHECK(outcome.conflict->is_mark == c.is_mark);
    CHECK(outcome.conflict->index == c.index);
    CHECK(outcome.conflict->field == c.field);
    CHECK_FALSE(outcome.conflict->message.empty());
    CHECK(outcome.inserted + outcome.widened + outcome.unchanged == 0);
    const auto spans_after = all_spans(f.spans);
    REQUIRE(spans_after.size() == spans_before.size());
    for (std::size_t i = 0; i < spans_after.size(); ++i) {
        CHECK(fields(spans_after[i]) == fields(spans_before[i]));
    }
    const auto marks_after = all_marks(f.spans);
    REQUIRE(marks_after.size() == marks_before.size());
    CHECK(fields(marks_after[0]) == fields(marks_before[0]));
    CHECK(count_rows(*f.db, "creators") == creators_before);
    CHECK(CreatorStore(*f.db).find({"youtube", "alice"})->label == "alice");
}

TEST_CASE("record creates creators on first sight and a span's label renames its creator",
          "[store][spans]") {
    Fixture f;
    CreatorStore creators(*f.db);
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1)},
                   {mark("mark-0001", "bob", kDay0)});
    CHECK(creators.find({"youtube", "alice"})->label == "alice");  // no label yet: the handle
    CHECK(creators.find({"twitch", "bob"}).has_value());
    CHECK_FALSE(creators.find({"whatsapp", ""}).has_value());

    auto labelled = creator_span("span-0002", "alice", kDay0 + 5, kDay0 + 9);
    labelled.label = "Alice";
    f.spans.record({labelled}, {});
    CHECK(creators.find({"youtube", "alice"})->label == "Alice");

    auto resent = creator_span("span-0001", "alice", kDay0, kDay0 + 1);
    resent.label = "Alice (live)";
    f.spans.record({resent}, {});
    CHECK(creators.find({"youtube", "alice"})->label == "Alice (live)");
    CHECK(count_rows(*f.db, "creators") == 2);
}

TEST_CASE("load_intervals returns the spans overlapping [from, to) with their creators",
          "[store][spans]") {
    Fixture f;
    CreatorStore(*f.db).follow({"youtube", "alice"}, "Alice", kDay0 - 5);
    const core::Instant from = kDay0 + core::kMsPerDay;
    const core::Instant to = from + core::kMsPerDay;
    f.spans.record(
        {
            creator_span("ends-at-from", "alice", from - 1000, from),
            creator_span("day-long-reaching-in", "bob", from - core::kMsPerDay + 1, from + 1),
            creator_span("day-long-ending-at-from", "bob", from - core::kMsPerDay, from),
            creator_span("inside", "alice", from + 10, from + 20),
            connection_span("call-across-to", to - 10, to + 10),
            creator_span("starts-at-to", "carol", to, to + 5),
            creator_span("long-ago", "dave", kDay0 - 10 * core::kMsPerDay,
                         kDay0 - 9 * core::kMsPerDay),
        },
        {});

    std::vector<core::CreatorRecord> creators{core::CreatorRecord{}};  // replaced, not appended
    std::vector<core::SpanInterval> spans{core::SpanInterval{}};
    f.spans.load_intervals(from, to, creators, spans);

    std::map<core::Instant, core::SpanInterval> by_start;
    for (const auto& span : spans) {
        by_start[span.start] = span;
    }
    REQUIRE(spans.size() == 3);
    REQUIRE(creators.size() == 2);
    const auto& reaching = by_start.at(from - core::kMsPerDay + 1);
    const auto& inside = by_start.at(from + 10);
    const auto& call = by_start.at(to - 10);
    CHECK(creators.at(static_cast<std::size_t>(reaching.creator)).key.handle == "bob");
    const auto& alice = creators.at(static_cast<std::size_t>(inside.creator));
    CHECK(alice.key == core::CreatorKey{"youtube", "alice"});
    CHECK(alice.label == "Alice");
    CHECK(alice.followed);
    CHECK(alice.followed_since == kDay0 - 5);
    CHECK(inside.end == from + 20);
    CHECK(inside.utc_offset_min == 60);
    CHECK(inside.kind == core::SpanKind::creator);
    CHECK(call.kind == core::SpanKind::connection);
    CHECK(call.creator == -1);
    CHECK(call.end == to + 10);
}

TEST_CASE("the window query searches the start index", "[store][spans]") {
    Fixture f;
    SQLite::Statement plan(f.db->sql(),
                           std::string("EXPLAIN QUERY PLAN ") + SpanStore::kWindowQuery);
    plan.bind(1, kDay0);
    plan.bind(2, kDay0 + core::kMsPerDay);
    std::string details;
    while (plan.executeStep()) {
        details += plan.getColumn(3).getString() + "\n";
    }
    CAPTURE(details);
    CHECK_THAT(details, Catch::Contains("SEARCH s USING INDEX spans_by_start (start_ms>? AND "
                                        "start_ms<?)"));
    CHECK_THAT(details, !Catch::Contains("SCAN"));
}

TEST_CASE("marks_between returns marks with from <= at < to in order", "[store][marks]") {
    Fixture f;
    f.spans.record({}, {mark("mark-0003", "bob", kDay0 + 30), mark("mark-0001", "bob", kDay0 - 1),
                        mark("mark-0002", "carol", kDay0), mark("mark-0004", "bob", kDay0 + 100)});
    const auto marks = f.spans.marks_between(kDay0, kDay0 + 100);
    REQUIRE(marks.size() == 2);
    CHECK(marks[0].id == "mark-0002");
    CHECK(marks[0].handle == "carol");
    CHECK(marks[1].id == "mark-0003");
}

TEST_CASE("export then import into another database gives identical rows", "[store][spans]") {
    Fixture source;
    auto a = creator_span("span-0001", "alice", kDay0, kDay0 + 1000);
    a.label = "Alice";
    auto b = creator_span("span-0002", "bob", kDay0 + 50, kDay0 + 70, "kick");
    b.attention = core::Attention::audible;
    b.utc_offset_min = 330;
    source.spans.record({a, b, connection_span("span-0003", kDay0 + 10, kDay0 + 20)},
                        {mark("mark-0001", "bob", kDay0 + 60, 4),
                         mark("mark-0002", "alice", kDay0 + 1, 1, core::MarkWhat::spend)});
    // Widened after the first write, as the extension does.
    a.end = kDay0 + 5000;
    a.label.reset();
    source.spans.record({a}, {mark("mark-0001", "bob", kDay0 + 99, 7)});
    const auto spans = all_spans(source.spans);
    const auto marks = all_marks(source.spans);

    Fixture target;
    const auto imported = target.spans.record(spans, marks);
    CHECK(imported.inserted == 5);
    const auto again = target.spans.record(spans, marks);  // importing twice changes nothing
    CHECK(again.unchanged == 5);

    const auto spans_back = all_spans(target.spans);
    const auto marks_back = all_marks(target.spans);
    REQUIRE(spans_back.size() == spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        CHECK(fields(spans_back[i]) == fields(spans[i]));
    }
    REQUIRE(marks_back.size() == marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i) {
        CHECK(fields(marks_back[i]) == fields(marks[i]));
    }
    CHECK(spans_back[0].label == "Alice");
}

}  // namespace parasol::store
