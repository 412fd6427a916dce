#include "store/nudge_store.hpp"

#include <catch2/catch.hpp>

#include "unit/store/recording_log.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using core::nudges::NudgeAction;
using core::nudges::NudgeRecord;
using core::nudges::RuleId;

StoredNudge nudge(const std::string& id, RuleId rule, core::Instant created,
                  std::optional<core::Instant> delivered = {}) {
    StoredNudge n;
    n.record.id = id;
    n.record.rule = rule;
    n.record.wording = 3;
    n.record.title = "Good company";
    n.record.message = "A message";
    n.record.created_at = created;
    n.record.delivered_at = delivered;
    n.choices = R"([{"label":"Keep watching","action":"snoozed"}])";
    return n;
}

struct Fixture {
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(":memory:", log);
    NudgeStore nudges{*db};
};

}  // namespace

TEST_CASE("a nudge keeps every field", "[store][nudges]") {
    Fixture f;
    auto full = nudge("n-0123456789abcdef", RuleId::r6, 1000, 1500);
    full.record.creator = core::CreatorKey{"youtube", "alicetalks"};
    full.record.creator_label = "Alice Talks";
    f.nudges.insert(full);
    f.nudges.insert(nudge("n-2", RuleId::reflection, 900));

    const auto found = f.nudges.find("n-0123456789abcdef");
    REQUIRE(found);
    const NudgeRecord& r = found->record;
    CHECK(r.id == "n-0123456789abcdef");
    CHECK(r.rule == RuleId::r6);
    CHECK(r.wording == 3);
    CHECK(r.title == "Good company");
    CHECK(r.message == "A message");
    CHECK(r.creator == core::CreatorKey{"youtube", "alicetalks"});
    CHECK(r.creator_label == "Alice Talks");
    CHECK(r.created_at == 1000);
    CHECK(r.delivered_at == 1500);
    CHECK_FALSE(r.dropped_at);
    CHECK(r.response == NudgeAction::unknown);
    CHECK(found->choices == full.choices);

    const auto history = f.nudges.history();
    REQUIRE(history.size() == 2);
    CHECK(history[0].id == "n-2");  // oldest first
    CHECK_FALSE(history[0].creator);
    CHECK(history[0].held());
    CHECK(history[1].id == "n-0123456789abcdef");
    CHECK_FALSE(f.nudges.find("n-404"));
}

TEST_CASE("a held nudge is handed out once", "[store][nudges]") {
    Fixture f;
    f.nudges.insert(nudge("n-1", RuleId::r4, 1000));
    CHECK(f.nudges.mark_delivered("n-1", 2000));
    CHECK_FALSE(f.nudges.mark_delivered("n-1", 3000));
    CHECK(f.nudges.find("n-1")->record.delivered_at == 2000);
    CHECK_FALSE(f.nudges.mark_dropped("n-1", 4000));
    CHECK_FALSE(f.nudges.mark_delivered("n-404", 2000));
}

TEST_CASE("a dropped nudge is never handed out", "[store][nudges]") {
    Fixture f;
    f.nudges.insert(nudge("n-1", RuleId::r4, 1000));
    CHECK(f.nudges.mark_dropped("n-1", 2000));
    CHECK_FALSE(f.nudges.mark_delivered("n-1", 3000));
    const auto r = f.nudges.find("n-1")->record;
    CHECK(r.dropped_at == 2000);
    CHECK_FALSE(r.delivered_at);
}

TEST_CASE("responses: only to nudges handed out, a second replaces the first", "[store][nudges]") {
    Fixture f;
    f.nudges.insert(nudge("n-1", RuleId::r1, 1000, 1000));
    f.nudges.insert(nudge("n-2", RuleId::r1, 1000));
    CHECK_FALSE(f.nudges.respond("n-2", NudgeAction::helpful, {}, 2000));  // held
    CHECK_FALSE(f.nudges.respond("n-404", NudgeAction::helpful, {}, 2000));

    CHECK(f.nudges.respond("n-1", NudgeAction::snoozed, 60, 2000));
    auto r = f.nudges.find("n-1")->record;
    CHECK(r.response == NudgeAction::snoozed);
    CHECK(r.snooze_min == 60);
    CHECK(r.responded_at == 2000);

    CHECK(f.nudges.respond("n-1", NudgeAction::unhelpful, {}, 3000));
    r = f.nudges.find("n-1")->record;
    CHECK(r.response == NudgeAction::unhelpful);
    CHECK_FALSE(r.snooze_min);
    CHECK(r.responded_at == 3000);
    CHECK(f.nudges.find("n-2")->record.response == NudgeAction::unknown);
}

TEST_CASE("nudges created in a range", "[store][nudges]") {
    Fixture f;
    for (int i = 0; i < 5; ++i) {
        f.nudges.insert(nudge("n-" + std::to_string(i), RuleId::r3, 1000 * (i + 1)));
    }
    const auto some = f.nudges.created_between(2000, 4000);
    REQUIRE(some.size() == 2);
    CHECK(some[0].record.id == "n-1");
    CHECK(some[1].record.id == "n-2");
    CHECK_FALSE(some[0].choices.empty());
}

TEST_CASE("an id is stored once", "[store][nudges]") {
    Fixture f;
    f.nudges.insert(nudge("n-1", RuleId::r3, 1000));
    CHECK_THROWS(f.nudges.insert(nudge("n-1", RuleId::r3, 2000)));
    CHECK(f.nudges.history().size() == 1);
}

TEST_CASE("a poll's writes stand or fall together", "[store][nudges]") {
    Fixture f;
    f.nudges.insert(nudge("n-1", RuleId::r4, 1000));
    CHECK_THROWS(f.db->write([&](SQLite::Database&) {
        f.nudges.insert(nudge("n-2", RuleId::r1, 2000, 2000));
        f.nudges.mark_dropped("n-1", 2000);
        throw std::runtime_error("boom");
    }));
    const auto history = f.nudges.history();
    REQUIRE(history.size() == 1);
    CHECK(history[0].held());
}

TEST_CASE("two connections: the nudge is handed out by one of them", "[store][nudges]") {
    test::TempFolder folder;
    test::RecordingLog log;
    auto one = Database::open(folder.file("parasol.db"), log);
    auto two = Database::open(folder.file("parasol.db"), log);
    NudgeStore first(*one);
    NudgeStore second(*two);
    first.insert(nudge("n-1", RuleId::r4, 1000));
    CHECK(second.mark_delivered("n-1", 2000));
    CHECK_FALSE(first.mark_delivered("n-1", 2001));
    CHECK(first.find("n-1")->record.delivered_at == 2000);
}

}  // namespace parasol::store
