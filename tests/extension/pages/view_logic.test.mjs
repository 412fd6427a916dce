// The pages' view logic without a DOM: durations, the balance sentence, chart layout, the
// pop-up's live line and empty states, the options' threshold inputs, the reflection's goal
// review and plan.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  formatDuration,
  formatMinutes,
  formatShare,
} from "../../../extension/src/shared/duration_format.js";
import { balanceSentence, peopleSeconds } from "../../../extension/src/shared/balance_sentence.js";
import { niceCeiling } from "../../../extension/src/shared/chart_scale.js";
import { weekBarsLayout, SERIES } from "../../../extension/src/shared/svg_bars.js";
import { trendLayout, peopleShare } from "../../../extension/src/shared/svg_trend.js";
import { asHostError, makePageClient } from "../../../extension/src/shared/page_client.js";
import {
  emptyState,
  hostState,
  liveLine,
  lonelyQuestionKey,
  topCreators,
} from "../../../extension/src/pages/popup/popup_model.js";
import { RULES, fromInput, toInput } from "../../../extension/src/pages/options/rule_catalog.js";
import { planText, reviewedGoal } from "../../../extension/src/pages/reflection/reflection_view.js";
import { testTranslator } from "./support/messages.mjs";
import * as fake from "./support/fake_background.mjs";

const { t, missing } = testTranslator();

test("durations read as '3 h 10' and '45 min'", () => {
  const cases = [
    [0, "0 min"],
    [-5, "0 min"],
    [NaN, "0 min"],
    [20, "< 1 min"],
    [30, "1 min"],
    [45 * 60, "45 min"],
    [59 * 60 + 29, "59 min"],
    [59 * 60 + 31, "1 h"],
    [3600, "1 h"],
    [3 * 3600 + 10 * 60, "3 h 10"],
    [3 * 3600 + 5 * 60, "3 h 05"],
    [34800, "9 h 40"],
    [26 * 3600, "26 h"],
  ];
  for (const [seconds, want] of cases) {
    assert.equal(formatDuration(seconds), want, `${seconds} s`);
    assert.equal(formatDuration(seconds, t), want, `${seconds} s through _locales`);
  }
  assert.equal(formatMinutes(190), "3 h 10");
});

test("shares are whole percentages; a sliver is '< 1%'", () => {
  const cases = [
    [0, "0%"],
    [0.004, "< 1%"],
    [0.5714, "57%"],
    [1, "100%"],
    [1.2, "100%"],
  ];
  for (const [share, want] of cases) assert.equal(formatShare(share), want);
});

test("the balance sentence: people first, no judgement when a side is empty", () => {
  const cases = [
    [
      { peopleS: 190 * 60, creatorS: 34800 },
      "balanceBoth",
      "This week: 3 h 10 with your people, 9 h 40 with creators",
    ],
    [{ peopleS: 0, creatorS: 34800 }, "balanceCreatorsOnly", "This week: 9 h 40 with creators"],
    [{ peopleS: 3600, creatorS: 0 }, "balancePeopleOnly", "This week: 1 h with your people"],
    [{ peopleS: 0, creatorS: 0 }, "balanceNothing", "Nothing recorded this week yet"],
  ];
  for (const [input, key, text] of cases) {
    assert.deepEqual(balanceSentence(input), { key, text });
    assert.deepEqual(balanceSentence(input, t), { key, text }, "the same through _locales");
  }
  assert.equal(peopleSeconds({ connection_s: 600, social_min: 10 }), 1200);
});

test("chart scales end on a round figure above the largest value", () => {
  const cases = [
    [0, 900],
    [600, 900],
    [901, 1800],
    [3500, 3600],
    [3 * 3600 + 1, 4 * 3600],
    [9 * 3600, 12 * 3600],
  ];
  for (const [max, want] of cases) assert.equal(niceCeiling(max), want, `${max}`);
});

test("week bars: one column a day, people at the bottom, heights in proportion", () => {
  const L = weekBarsLayout(fake.weekSummary().days);
  assert.equal(L.columns.length, 7);
  assert.equal(L.scaleMax, 3 * 3600);
  const sat = L.columns[2]; // 3600 creator, 1800 connection, 60 min social
  assert.deepEqual(
    sat.segments.map((s) => s.key),
    ["social", "connection", "creator"],
  );
  assert.deepEqual(SERIES, ["social", "connection", "creator"]);
  const [social, connection, creator] = sat.segments;
  assert.ok(social.y > connection.y && connection.y > creator.y, "stacked upwards");
  assert.ok(Math.abs(creator.h - 2 * connection.h) < 0.01, "3600 s is twice 1800 s");
  assert.ok(Math.abs(social.y + social.h - L.baseline) < 0.01, "the stack stands on the baseline");
  const sun = L.columns[3];
  assert.deepEqual(
    sun.segments.map((s) => s.key),
    ["creator"],
    "empty series draw nothing",
  );
});

test("trend: two bars a week and the balance in words", () => {
  const weeks = fake.reflection().weeks;
  const L = trendLayout(weeks);
  assert.equal(L.groups.length, 4);
  assert.ok(L.groups[2].creators.h > L.groups[2].people.h);
  assert.equal(peopleShare(weeks[3], t), "25% with people");
  assert.equal(peopleShare({ ...weeks[0], ratio: null }, t), "no time recorded");
});

test("live line: what is counted, or why nothing is", () => {
  const s = fake.status();
  const watching = {
    creator: { platform: "youtube", handle: "UClab", label: "LabCreator" },
    connection: null,
    counting: {
      kind: "creator",
      platform: "youtube",
      handle: "UClab",
      label: "LabCreator",
      state: "watching",
      start: 0,
    },
    reason: null,
  };
  assert.deepEqual(liveLine(s, watching, t), {
    state: "counting",
    text: "Watching LabCreator on YouTube",
    sub: null,
  });
  const reasons = [
    ["not-a-creator-page", "Not counting: this isn't a creator's page"],
    ["private-window", "Not counting: private windows are left out (see Options › Tracking)"],
    ["not-web", "Not counting: this isn't a web page"],
    ["idle", "Paused while you're away; a playing video still counts"],
  ];
  for (const [reason, text] of reasons) {
    const line = liveLine(s, { creator: null, connection: null, counting: null, reason }, t);
    assert.equal(line.state, "quiet");
    assert.equal(line.text, text);
  }
  const away = liveLine(fake.status("not_installed"), watching, t);
  assert.equal(away.sub, "Kept in the browser until parasol-host is connected");
  const people = liveLine(
    {
      ...s,
      counting: [
        {
          kind: "connection",
          platform: "whatsapp",
          handle: "",
          label: "",
          state: "reading",
          start: 0,
        },
      ],
    },
    null,
    t,
  );
  assert.equal(people.text, "Time with people on WhatsApp");
});

test("host state: the exact fix when parasol-host is missing", () => {
  const hs = hostState(fake.status("not_installed", 14), t);
  assert.equal(hs.line, "parasol-host is not installed for this browser");
  assert.match(hs.problem.fix, /`parasol install --extension-id mhedandambbmemhakpeljdpoklmmikid`/);
  assert.match(hs.problem.kept, /14 items wait/);
  const ok = hostState(fake.status("connected", 3), t);
  assert.equal(ok.problem, null);
  assert.equal(ok.line, "Connected to parasol-host 0.1.0");
  assert.equal(ok.queue, "3 waiting to be saved");
});

test("empty states: first run, no data yet, host missing", () => {
  const empty = fake.emptySummary();
  const week = fake.weekSummary();
  const cases = [
    [{ status: fake.status(), week: empty, welcomeSeen: false }, "first-run"],
    [{ status: fake.status("not_installed"), week: null, welcomeSeen: false }, "first-run"],
    [{ status: fake.status(), week: empty, welcomeSeen: true }, "no-data"],
    [{ status: fake.status("not_installed"), week: null, welcomeSeen: true }, "host-missing"],
    [{ status: fake.status(), week, welcomeSeen: false }, null],
    [{ status: fake.status(), week, welcomeSeen: true }, null],
  ];
  for (const [input, want] of cases)
    assert.equal(emptyState(input), want, JSON.stringify(input.welcomeSeen));
});

test("top creators: today's, or this week's when today has none", () => {
  const followed = new Set(["twitch/labstreamer"]);
  const today = topCreators(fake.todaySummary(), fake.weekSummary(), followed);
  assert.equal(today.scope, "today");
  assert.deepEqual(
    today.list.map((c) => [c.handle, c.followed]),
    [
      ["UClab", true],
      ["labstreamer", true],
    ],
  );
  const week = topCreators(fake.emptySummary(1), fake.weekSummary(), new Set());
  assert.equal(week.scope, "week");
  assert.equal(week.list[0].seconds, 20000);
});

test("the loneliness item rotates week by week", () => {
  const keys = ["2026-11-05", "2026-11-12", "2026-11-19", "2026-11-26"].map(lonelyQuestionKey);
  assert.equal(new Set(keys.slice(0, 3)).size, 3);
  assert.equal(keys[3], keys[0]);
});

test("rule thresholds: shares shown as percentages, ranges checked before sending", () => {
  const share = { field: "min_ratio", unit: "share", min: 0, max: 1 };
  assert.equal(toInput(share, 0.85), "85");
  assert.deepEqual(fromInput(share, "85"), { ok: true, value: 0.85 });
  assert.deepEqual(fromInput(share, "120"), { ok: false, error: "range" });
  const goal = { field: "daily_goal_min", unit: "minutes", nullable: true, min: 1, max: 1440 };
  assert.deepEqual(fromInput(goal, ""), { ok: true, value: null });
  assert.deepEqual(fromInput(goal, "12.5"), { ok: false, error: "wholeNumber" });
  assert.deepEqual(fromInput(goal, "x"), { ok: false, error: "notNumber" });
  const factor = { field: "median_factor", unit: "factor", min: 1, max: 10 };
  assert.deepEqual(fromInput(factor, "1.5"), { ok: true, value: 1.5 });
  const days = { field: "cooldown_days", unit: "days", min: 0, max: 365 };
  assert.deepEqual(fromInput(days, ""), { ok: false, error: "needed" });
  // Every field of every rule in the settings document is offered, and nothing else.
  const doc = fake.settingsDoc();
  for (const rule of RULES) {
    const fields = ["enabled", ...rule.thresholds.map((th) => th.field)].sort();
    assert.deepEqual(fields, Object.keys(doc.rules[rule.id]).sort(), rule.id);
  }
});

test("goal review and the if-then plan", () => {
  assert.equal(reviewedGoal(120, "keep"), null);
  assert.equal(reviewedGoal(120, "loosen"), 135);
  assert.equal(reviewedGoal(120, "tighten"), 105);
  assert.equal(reviewedGoal(15, "tighten"), 15);
  assert.equal(reviewedGoal(null, "loosen"), null);
  assert.equal(
    planText("If it's Wednesday after dinner", "then call Sam", t),
    "If it's Wednesday after dinner, then I'll call Sam",
  );
  assert.equal(planText(" ", "call Sam", t), null);
});

test("page client: replies unwrapped, errors as {code, message, path}", async () => {
  const sent = [];
  const client = makePageClient(async (msg) => {
    sent.push(msg);
    if (msg.type === "settings.set")
      return { ok: false, error: { code: "invalid", message: "bad", path: "/body/x" } };
    if (msg.kind === "nudges.current") return { ok: true, nudge: null };
    return { ok: true, body: { fine: true } };
  });
  assert.deepEqual(await client.host("summary.get", { days: 7 }), { fine: true });
  assert.deepEqual(sent[0], { kind: "host", type: "summary.get", body: { days: 7 } });
  await assert.rejects(client.host("settings.set", {}), { code: "invalid", path: "/body/x" });
  assert.equal(await client.currentNudge(), null);
  const dead = makePageClient(async () => {
    throw new Error("Could not establish connection.");
  });
  await assert.rejects(dead.status(), { code: "no_background" });
  assert.deepEqual(asHostError({ code: "x", message: "y" }), { code: "x", message: "y" });
});

test("every string these tests used exists in _locales", () => {
  assert.deepEqual([...missing], []);
});
