// Nudges through the real parasol-host over pipes, on a clock the test moves
// (PARASOL_TEST_CLOCK_FILE, read by app/system_clock): a persona's month sent
// as it happens, polls handing each nudge out once, two hosts polling one
// file at the same moment, and answers that survive a restart.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/local_date.hpp"
#include "core/nudges/persona_activity.hpp"
#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;
namespace core = parasol::core;

namespace {

const core::LocalDate kDay0{2026, 10, 5};  // a Monday; the hosts run with TZ=UTC

std::int64_t at(int day, int hour, int minute = 0) {
    return core::local_midnight(kDay0.plus_days(day), 0) + hour * kHour + minute * kMinute;
}

// A sandbox whose hosts read "now" from a file the test writes.
class ClockedSandbox {
public:
    ClockedSandbox() { set_now(at(0, 0)); }

    void set_now(std::int64_t now) {
        now_ = now;
        // Replaced whole (rename), so a host reading it never sees it half written.
        const auto next = sandbox_.root() / "now.next";
        std::ofstream(next) << now << '\n';
        std::filesystem::rename(next, clock_file());
    }
    [[nodiscard]] std::int64_t now() const { return now_; }

    [[nodiscard]] std::unique_ptr<HostProcess> start_host() const {
        Environment env = sandbox_.env();
        env["PARASOL_TEST_CLOCK_FILE"] = clock_file().string();
        return std::make_unique<HostProcess>(PARASOL_HOST_BIN, env, sandbox_.host_stderr());
    }
    [[nodiscard]] std::string host_log() const { return sandbox_.host_log(); }

private:
    [[nodiscard]] std::filesystem::path clock_file() const { return sandbox_.root() / "now"; }

    Sandbox sandbox_;
    std::int64_t now_ = 0;
};

// Half an hour with a creator at 10:00 on each of days first..last.
json daily_spans(int first, int last, const std::string& prefix = "span-day") {
    json spans = json::array();
    for (int day = first; day <= last; ++day) {
        spans.push_back(creator_span(prefix + "-" + std::to_string(day), "youtube", "alicetalks",
                                     at(day, 10), at(day, 10, 30)));
    }
    return spans;
}

json wire_span(const core::Span& s) {
    json out = {{"id", s.id},
                {"kind", core::to_string(s.kind)},
                {"platform", s.platform},
                {"handle", s.handle},
                {"start", s.start},
                {"end", s.end},
                {"utc_offset_min", s.utc_offset_min},
                {"attention", core::to_string(s.attention)}};
    if (s.label) out["label"] = *s.label;
    return out;
}

json wire_mark(const core::Mark& m) {
    return {{"id", m.id},
            {"what", core::to_string(m.what)},
            {"platform", m.platform},
            {"handle", m.handle},
            {"at", m.at},
            {"utc_offset_min", m.utc_offset_min},
            {"count", m.count}};
}

json wire_checkin(const core::Checkin& c) {
    json out = {{"date", c.date.to_string()}, {"social_min", c.social_min}};
    if (c.lonely) out["lonely"] = *c.lonely;
    if (c.felt) out["felt"] = core::to_string(*c.felt);
    if (c.opinion_lean) out["opinion_lean"] = *c.opinion_lean;
    if (c.plan) out["plan"] = *c.plan;
    if (c.note) out["note"] = *c.note;
    return out;
}

struct HandedOut {
    std::string id;
    std::string rule;
    std::int64_t at = 0;
};

}  // namespace

TEST_CASE("a persona's month: each nudge handed out once, at the right moments",
          "[integration][nudges]") {
    core::nudges::PersonaPlan plan;
    plan.persona = core::nudges::Persona::late_night_checker;
    plan.first_day = kDay0;
    plan.utc_offset_min = 0;
    const auto activity = core::nudges::generate_persona_activity(plan);

    ClockedSandbox sandbox;
    auto host = sandbox.start_host();
    std::vector<bool> span_sent(activity.spans.size(), false);
    std::vector<bool> mark_sent(activity.marks.size(), false);
    std::vector<bool> checkin_sent(activity.checkins.size(), false);
    std::vector<HandedOut> handed;

    // Every 3 hours through 28 days: what the extension would have sent by
    // then, then a poll.
    for (std::int64_t now = at(0, 3); now <= at(plan.days, 0); now += 3 * kHour) {
        sandbox.set_now(now);
        json spans = json::array();
        json marks = json::array();
        for (std::size_t i = 0; i < activity.spans.size(); ++i) {
            if (!span_sent[i] && activity.spans[i].end <= now) {
                spans.push_back(wire_span(activity.spans[i]));
                span_sent[i] = true;
            }
        }
        for (std::size_t i = 0; i < activity.marks.size(); ++i) {
            if (!mark_sent[i] && activity.marks[i].at <= now) {
                marks.push_back(wire_mark(activity.marks[i]));
                mark_sent[i] = true;
            }
        }
        if (!spans.empty() || !marks.empty()) {
            host->call_ok("activity.record", {{"spans", spans}, {"marks", marks}});
        }
        for (std::size_t i = 0; i < activity.checkins.size(); ++i) {
            const auto& c = activity.checkins[i];
            if (!checkin_sent[i] && core::local_midnight(c.date.plus_days(1), 0) <= now) {
                host->call_ok("checkin.record", wire_checkin(c));
                checkin_sent[i] = true;
            }
        }
        const json body = host->call_ok("nudges.poll");
        for (const auto& n : body["nudges"]) {
            handed.push_back({n["id"], n["rule"], now});
            CHECK(n["choices"].size() >= 1);
        }
    }
    INFO(sandbox.host_log());

    std::set<std::string> ids;
    std::map<std::string, int> by_rule;
    for (const auto& h : handed) {
        INFO(h.rule << " at " << utc_date(h.at));
        CHECK(ids.insert(h.id).second);  // handed out once
        ++by_rule[h.rule];
        const int hour = static_cast<int>((h.at % kDay) / kHour);
        CHECK((hour >= 8 && hour < 22));  // never in quiet hours
    }
    REQUIRE_FALSE(handed.empty());
    CHECK(handed.front().rule == "first_week");
    CHECK(utc_date(handed.front().at) == kDay0.plus_days(7).to_string());
    CHECK(by_rule["first_week"] == 1);
    CHECK(by_rule["R4"] >= 1);  // the late nights were noticed
    // The first late-night nudge comes after the third late night (day 16).
    for (const auto& h : handed) {
        if (h.rule == "R4") {
            CHECK(h.at >= at(15, 0));
            break;
        }
    }
    CHECK(by_rule["reflection"] >= 2);  // Sundays of weeks 2..4
    // Nothing but first_week, reflections and R4 for this persona.
    for (const auto& [rule, count] : by_rule) {
        INFO(rule);
        CHECK((rule == "first_week" || rule == "reflection" || rule == "R4"));
    }
}

TEST_CASE("two hosts polling one file at once hand a nudge out once between them",
          "[integration][nudges]") {
    for (int round = 0; round < 4; ++round) {
        INFO("round " << round);
        ClockedSandbox sandbox;
        sandbox.set_now(at(7, 12));
        auto a = sandbox.start_host();
        auto b = sandbox.start_host();
        a->call_ok("activity.record", spans_body(daily_spans(0, 7)));
        b->call_ok("settings.get");  // both have opened the file

        a->send(request("poll-a", "nudges.poll", json::object()));
        b->send(request("poll-b", "nudges.poll", json::object()));
        const json reply_a = a->read_reply();
        const json reply_b = b->read_reply();
        INFO(reply_a.dump() << "\n" << reply_b.dump() << "\n" << sandbox.host_log());
        REQUIRE(reply_a["ok"] == true);
        REQUIRE(reply_b["ok"] == true);
        const auto& na = reply_a["body"]["nudges"];
        const auto& nb = reply_b["body"]["nudges"];
        CHECK(na.size() + nb.size() == 1);
        const json& card = na.empty() ? nb[0] : na[0];
        CHECK(card["rule"] == "first_week");

        // Neither hands it out again later.
        sandbox.set_now(at(7, 12, 30));
        CHECK(a->call_ok("nudges.poll")["nudges"].empty());
        CHECK(b->call_ok("nudges.poll")["nudges"].empty());
    }
}

TEST_CASE("answers survive a restart: cooldown and back-off", "[integration][nudges]") {
    ClockedSandbox sandbox;
    sandbox.set_now(at(7, 12));
    std::string r3_id;
    {
        auto host = sandbox.start_host();
        host->call_ok("activity.record", spans_body(daily_spans(0, 7)));
        // A daily goal of 20 minutes: R3 fires on any day with the half hour.
        host->call_ok("settings.set",
                      {{"settings", {{"rules", {{"R3", {{"daily_goal_min", 20}}}}}}}});
        const json first = host->call_ok("nudges.poll")["nudges"];
        REQUIRE(first.size() == 1);
        CHECK(first[0]["rule"] == "first_week");

        sandbox.set_now(at(7, 12, 10));
        const json second = host->call_ok("nudges.poll")["nudges"];
        REQUIRE(second.size() == 1);
        CHECK(second[0]["rule"] == "R3");
        r3_id = second[0]["id"];
        host->call_ok("nudges.respond", {{"id", r3_id}, {"action", "snoozed"}});
    }
    {
        // Restarted: the cooldown (1 day) holds.
        auto host = sandbox.start_host();
        sandbox.set_now(at(7, 18));
        CHECK(host->call_ok("nudges.poll")["nudges"].empty());
        // The next day, past the cooldown: R3 again; "Keep watching" a second time.
        sandbox.set_now(at(8, 12, 30));
        host->call_ok("activity.record", spans_body(daily_spans(8, 8)));
        const json again = host->call_ok("nudges.poll")["nudges"];
        REQUIRE(again.size() == 1);
        CHECK(again[0]["rule"] == "R3");
        CHECK(again[0]["id"] != r3_id);
        CHECK(again[0]["message"].is_string());
        host->call_ok("nudges.respond", {{"id", again[0]["id"]}, {"action", "snoozed"}});
    }
    {
        // Two "Keep watching" in a row: the cooldown is 2 days now, after a restart too.
        auto host = sandbox.start_host();
        sandbox.set_now(at(9, 12, 40));
        host->call_ok("activity.record", spans_body(daily_spans(9, 9)));
        CHECK(host->call_ok("nudges.poll")["nudges"].empty());
        sandbox.set_now(at(10, 12, 40));
        host->call_ok("activity.record", spans_body(daily_spans(10, 10)));
        const json later = host->call_ok("nudges.poll")["nudges"];
        REQUIRE(later.size() == 1);
        CHECK(later[0]["rule"] == "R3");

        // A timed snooze is kept in the settings, across a restart too.
        host->call_ok("nudges.respond",
                      {{"id", later[0]["id"]}, {"action", "snoozed"}, {"snooze_min", 120}});
    }
    auto host = sandbox.start_host();
    const json settings = host->call_ok("settings.get")["settings"];
    CHECK(settings["nudges"]["snoozed_until"] == at(10, 12, 40) + 120 * kMinute);
    const json unknown = host->call("nudges.respond", {{"id", "n-42"}, {"action", "helpful"}});
    CHECK(unknown["error"]["code"] == "not_found");
}
