#include "protocol/nudge_codec.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "unit/protocol/expect_error.hpp"

using namespace parasol;
using namespace parasol::protocol;
using core::nudges::NudgeAction;
using core::nudges::RuleId;
using nlohmann::json;

TEST_CASE("nudges.respond bodies decode", "[protocol][nudges]") {
    auto r = decode_nudges_respond(json{{"id", "n-0123456789abcdef"}, {"action", "helpful"}});
    CHECK(r.id == "n-0123456789abcdef");
    CHECK(r.action == NudgeAction::helpful);
    CHECK_FALSE(r.snooze_min);

    r = decode_nudges_respond(json{{"id", "a"}, {"action", "snoozed"}, {"snooze_min", 10080}});
    CHECK(r.action == NudgeAction::snoozed);
    CHECK(r.snooze_min == 10080);
    r = decode_nudges_respond(
        json{{"id", std::string(64, 'x')}, {"action", "snoozed"}, {"snooze_min", 1}});
    CHECK(r.snooze_min == 1);
    for (const char* action : {"dismissed", "unhelpful"}) {
        CHECK(decode_nudges_respond(json{{"id", "n-1"}, {"action", action}}).action ==
              core::nudges::nudge_action_from(action));
    }
}

TEST_CASE("nudges.respond errors name the field and the rule", "[protocol][nudges]") {
    struct Case {
        json body;
        std::string path;
        std::string message_part;
    };
    const std::vector<Case> cases{
        {json{{"action", "helpful"}}, "/body/id", "required"},
        {json{{"id", ""}, {"action", "helpful"}}, "/body/id", "body.id"},
        {json{{"id", std::string(65, 'x')}, {"action", "helpful"}}, "/body/id", "body.id"},
        {json{{"id", "n 1"}, {"action", "helpful"}}, "/body/id", "[A-Za-z0-9_-]"},
        {json{{"id", 42}, {"action", "helpful"}}, "/body/id", "body.id"},
        {json{{"id", "n-1"}}, "/body/action", "required"},
        {json{{"id", "n-1"}, {"action", "ignored"}}, "/body/action",
         "dismissed, snoozed, helpful, unhelpful"},
        {json{{"id", "n-1"}, {"action", "snoozed"}, {"snooze_min", 0}}, "/body/snooze_min",
         "body.snooze_min"},
        {json{{"id", "n-1"}, {"action", "snoozed"}, {"snooze_min", 10081}}, "/body/snooze_min",
         "body.snooze_min"},
        {json{{"id", "n-1"}, {"action", "snoozed"}, {"snooze_min", 1.5}}, "/body/snooze_min",
         "body.snooze_min"},
        {json{{"id", "n-1"}, {"action", "dismissed"}, {"snooze_min", 60}}, "/body/snooze_min",
         "only allowed with action \"snoozed\""},
        {json{{"id", "n-1"}, {"action", "helpful"}, {"why", "x"}}, "/body/why", "body.why"},
    };
    for (const auto& c : cases) {
        INFO(c.body.dump());
        const auto e = testing::expect_error([&] { decode_nudges_respond(c.body); });
        CHECK(e.code() == ErrorCode::invalid);
        CHECK(e.path() == c.path);
        CHECK_THAT(e.what(), Catch::Contains(c.message_part));
    }
}

TEST_CASE("reflection.get bodies decode", "[protocol][nudges]") {
    CHECK_FALSE(decode_reflection_get(json::object()).until);
    CHECK(decode_reflection_get(json{{"until", "2026-11-25"}}).until ==
          core::LocalDate{2026, 11, 25});
    auto e = testing::expect_error([] { decode_reflection_get(json{{"until", "2026-02-30"}}); });
    CHECK(e.path() == "/body/until");
    e = testing::expect_error([] { decode_reflection_get(json{{"days", 7}}); });
    CHECK(e.path() == "/body/days");
}

TEST_CASE("a Nudge's wire form, choices included", "[protocol][nudges]") {
    core::nudges::Choice act{"Message someone later today", NudgeAction::helpful, std::nullopt,
                             "remind_later_today"};
    core::nudges::Choice keep{"Keep watching", NudgeAction::snoozed, std::nullopt, ""};
    core::nudges::Choice hour{"Snooze 1 h", NudgeAction::snoozed, 60, ""};
    const std::string doc = encode_choices_document({act, keep, hour});
    CHECK(json::parse(doc) ==
          json::parse(R"([{"label":"Message someone later today","action":"helpful",
                           "follow_up":"remind_later_today"},
                          {"label":"Keep watching","action":"snoozed"},
                          {"label":"Snooze 1 h","action":"snoozed","snooze_min":60}])"));

    core::nudges::NudgeRecord n;
    n.id = "n-00000000000000ff";
    n.rule = RuleId::r6;
    n.title = "T";
    n.message = "M";
    n.created_at = 1795021200000;
    n.delivered_at = 1795021200001;  // not on the wire
    CHECK(encode_nudge(n, doc) == json{{"id", "n-00000000000000ff"},
                                       {"rule", "R6"},
                                       {"title", "T"},
                                       {"message", "M"},
                                       {"creator", nullptr},
                                       {"created_at", 1795021200000},
                                       {"choices", json::parse(doc)}});
    n.creator = core::CreatorKey{"youtube", "nova"};
    CHECK(encode_nudge(n, doc)["creator"] ==
          json{{"platform", "youtube"}, {"handle", "nova"}, {"label", "nova"}});
    n.creator_label = "Nova";
    CHECK(encode_nudge(n, doc)["creator"]["label"] == "Nova");
    CHECK_THROWS(encode_nudge(n, "not json"));
}

TEST_CASE("the reflection reply", "[protocol][nudges]") {
    core::nudges::Reflection r;
    r.from = {2026, 11, 19};
    r.to = {2026, 11, 25};
    r.creator_s = 34800;
    r.connection_min = 190;
    r.weeks.push_back({{2026, 11, 19}, {2026, 11, 25}, 34800, 190, 0.75});
    r.weeks.push_back({{2026, 11, 12}, {2026, 11, 18}, 0, 0, std::nullopt});
    r.top_creators.push_back({{"youtube", "nova"}, "Nova", 3600});
    r.insight = core::nudges::ReflectionInsight{RuleId::r1, false, "Quieter chats."};
    r.nudges.push_back({"n-1", RuleId::r4, "Late", 1795021200000, NudgeAction::unknown});
    r.nudges.push_back({"n-2", RuleId::r1, "Balance", 1795021200001, NudgeAction::helpful});
    core::Checkin c;
    c.date = {2026, 11, 22};
    c.social_min = 30;
    c.felt = core::Felt::chosen;
    c.plan = "Call Sam";
    r.checkin = c;
    r.tuning.push_back({RuleId::r3, 1.25, {2026, 12, 5}, "Felt chosen."});
    r.daily_goal_min = 90;

    const json out = encode_reflection(r);
    CHECK(out == json::parse(R"({
      "from": "2026-11-19", "to": "2026-11-25",
      "headline": {"connection_min": 190, "creator_s": 34800},
      "weeks": [{"from": "2026-11-19", "to": "2026-11-25", "creator_s": 34800,
                 "connection_min": 190, "ratio": 0.75},
                {"from": "2026-11-12", "to": "2026-11-18", "creator_s": 0,
                 "connection_min": 0, "ratio": null}],
      "top_creators": [{"platform": "youtube", "handle": "nova", "label": "Nova", "seconds": 3600}],
      "insight": {"rule": "R1", "fired": false, "text": "Quieter chats."},
      "nudges": [{"id": "n-1", "rule": "R4", "title": "Late", "created_at": 1795021200000,
                  "response": null},
                 {"id": "n-2", "rule": "R1", "title": "Balance", "created_at": 1795021200001,
                  "response": "helpful"}],
      "checkin": {"date": "2026-11-22", "social_min": 30, "felt": "chosen", "plan": "Call Sam"},
      "tuning": [{"rule": "R3", "factor": 1.25, "until": "2026-12-05", "why": "Felt chosen."}],
      "goal": {"daily_goal_min": 90}})"));

    core::nudges::Reflection empty;
    const json none = encode_reflection(empty);
    CHECK(none["insight"].is_null());
    CHECK(none["checkin"].is_null());
    CHECK(none["goal"]["daily_goal_min"].is_null());
}
