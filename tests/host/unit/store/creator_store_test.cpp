#include "store/creator_store.hpp"

#include <catch2/catch.hpp>

#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"

namespace parasol::store {
namespace {

using test::count_rows;
using test::creator_span;
using test::kDay0;
using test::mark;

const core::CreatorKey kAlice{"youtube", "alice"};
const core::CreatorKey kNobody{"youtube", "nobody"};

struct Fixture {
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(":memory:", log);
    CreatorStore creators{*db};
    SpanStore spans{*db};
};

}  // namespace

TEST_CASE("find knows only creators it has seen", "[store][creators]") {
    Fixture f;
    CHECK_FALSE(f.creators.find(kAlice));
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1)}, {});
    const auto alice = f.creators.find(kAlice);
    REQUIRE(alice);
    CHECK(alice->key == kAlice);
    CHECK(alice->label == "alice");
    CHECK_FALSE(alice->followed);
    CHECK_FALSE(alice->followed_since);
    CHECK_FALSE(alice->daily_budget_min);
}

TEST_CASE("follow creates or marks followed, keeping followed_since when already followed",
          "[store][creators]") {
    Fixture f;
    const auto first = f.creators.follow(kAlice, "Alice", kDay0);
    CHECK(first.followed);
    CHECK(first.followed_since == kDay0);
    CHECK(first.label == "Alice");

    const auto again = f.creators.follow(kAlice, std::nullopt, kDay0 + 500);
    CHECK(again.followed_since == kDay0);
    CHECK(again.label == "Alice");

    const auto renamed = f.creators.follow(kAlice, "Alice A.", kDay0 + 600);
    CHECK(renamed.label == "Alice A.");
    CHECK(count_rows(*f.db, "creators") == 1);
}

TEST_CASE("unfollow keeps the creator and its history", "[store][creators]") {
    Fixture f;
    CHECK_FALSE(f.creators.unfollow(kNobody));
    f.creators.follow(kAlice, std::nullopt, kDay0);
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1)}, {});

    CHECK(f.creators.unfollow(kAlice));
    const auto alice = f.creators.find(kAlice);
    REQUIRE(alice);
    CHECK_FALSE(alice->followed);
    CHECK_FALSE(alice->followed_since);
    CHECK(count_rows(*f.db, "spans") == 1);

    const auto refollowed = f.creators.follow(kAlice, std::nullopt, kDay0 + 9);
    CHECK(refollowed.followed_since == kDay0 + 9);
}

TEST_CASE("update sets what is given and keeps the rest", "[store][creators]") {
    struct Case {
        const char* name;
        std::optional<std::string> label;
        std::optional<std::optional<int>> budget;
        std::string want_label;
        std::optional<int> want_budget;
    };
    const auto c = GENERATE(values<Case>({
        {"nothing given", std::nullopt, std::nullopt, "Alice", 30},
        {"label", "Ally", std::nullopt, "Ally", 30},
        {"budget set", std::nullopt, std::optional<int>(45), "Alice", 45},
        {"budget cleared", std::nullopt, std::optional<int>(), "Alice", std::nullopt},
        {"both", "Ally", std::optional<int>(1440), "Ally", 1440},
    }));
    CAPTURE(c.name);
    Fixture f;
    f.creators.follow(kAlice, "Alice", kDay0);
    f.creators.update(kAlice, std::nullopt, std::optional<int>(30));

    const auto updated = f.creators.update(kAlice, c.label, c.budget);

    REQUIRE(updated);
    CHECK(updated->label == c.want_label);
    CHECK(updated->daily_budget_min == c.want_budget);
    CHECK(updated->followed);
    CHECK(f.creators.find(kAlice)->daily_budget_min == c.want_budget);
}

TEST_CASE("update of a creator never seen is nullopt", "[store][creators]") {
    Fixture f;
    CHECK_FALSE(f.creators.update(kNobody, "x", std::optional<int>(5)));
    CHECK(count_rows(*f.db, "creators") == 0);
}

TEST_CASE("forget erases the creator, its spans and marks, and nothing else", "[store][creators]") {
    Fixture f;
    CHECK_FALSE(f.creators.forget(kNobody));
    f.creators.follow(kAlice, "Alice", kDay0);
    auto alice_spent = mark("mark-0001", "alice", kDay0, 1, core::MarkWhat::spend);
    alice_spent.platform = "youtube";
    f.spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1),
                    creator_span("span-0002", "alice", kDay0 + 5, kDay0 + 9),
                    creator_span("span-0003", "bob", kDay0, kDay0 + 1)},
                   {alice_spent, mark("mark-0002", "bob", kDay0, 1)});

    CHECK(f.creators.forget(kAlice) == 2);

    CHECK_FALSE(f.creators.find(kAlice));
    CHECK(count_rows(*f.db, "spans") == 1);
    CHECK(count_rows(*f.db, "marks") == 1);
    CHECK(f.creators.find({"youtube", "bob"}));
    CHECK(f.creators.find({"twitch", "bob"}));
}

TEST_CASE("all lists every creator by platform and handle", "[store][creators]") {
    Fixture f;
    f.creators.follow({"youtube", "zed"}, std::nullopt, kDay0);
    f.spans.record({creator_span("span-0001", "amy", kDay0, kDay0 + 1, "youtube"),
                    creator_span("span-0002", "bob", kDay0, kDay0 + 1, "twitch")},
                   {});
    const auto all = f.creators.all();
    REQUIRE(all.size() == 3);
    CHECK(all[0].key == core::CreatorKey{"twitch", "bob"});
    CHECK(all[1].key == core::CreatorKey{"youtube", "amy"});
    CHECK(all[2].key == core::CreatorKey{"youtube", "zed"});
    CHECK(all[2].followed);
}

}  // namespace parasol::store
