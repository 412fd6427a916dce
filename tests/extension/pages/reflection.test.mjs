// The weekly reflection in linkedom against a fake background.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  mountReflection,
  reminderInstant,
} from "../../../extension/src/pages/reflection/reflection_view.js";
import { loadPage, settle, text } from "./support/page_dom.mjs";
import { testTranslator } from "./support/messages.mjs";
import * as fake from "./support/fake_background.mjs";

const NOW = new Date(2026, 10, 25, 18, 0).getTime();

async function open(o = {}) {
  const { document } = loadPage("reflection");
  const client = fake.makeFakeClient(o);
  const { t, missing } = testTranslator();
  const view = mountReflection(document, { client, t, locale: "en-GB", now: () => NOW });
  await view.ready;
  const fire = (el, type) => el.dispatchEvent(new document.defaultView.Event(type));
  return { document, client, missing, fire };
}

test("reflection: headline, four weeks, top creators and the insight", async () => {
  const { document, missing } = await open();
  assert.equal(
    text(document.getElementById("headline")),
    "This week: 3 h 10 with your people, 9 h 40 with creators",
  );
  assert.equal(document.querySelectorAll("#trend-chart g.week").length, 4);
  assert.equal(document.querySelectorAll("#trend-chart table tbody tr").length, 4);
  assert.deepEqual(
    [...document.querySelectorAll("#creators-list li")].map((li) =>
      [".top-name", ".top-platform", ".top-time"].map((c) => text(li.querySelector(c))),
    ),
    [
      ["LabCreator", "YouTube", "5 h 33"],
      ["LabStreamer", "Twitch", "4 h 10"],
    ],
  );
  assert.equal(text(document.querySelector(".insight-text")), fake.reflection().insight.text);
  assert.deepEqual([...missing], []);
});

test("reflection: thumbs answer nudges.respond and show the choice", async () => {
  const { document, client, fire } = await open();
  const up = document.querySelector('#nudges-list button[data-action="helpful"]');
  assert.equal(up.getAttribute("aria-label"), "Helpful: Past your usual day");
  fire(up, "click");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, { id: "n-0123456789abcdef", action: "helpful" });
  assert.equal(
    document
      .querySelector('#nudges-list button[data-action="helpful"]')
      .getAttribute("aria-pressed"),
    "true",
  );
});

test("reflection: the if-then plan goes out with checkin.record", async () => {
  const { document, client, fire } = await open();
  document.getElementById("plan-when").value = "it's Wednesday after dinner";
  document.getElementById("plan-what").value = "call Sam";
  document.getElementById("plan-minutes").value = "20";
  fire(document.querySelector("#plan-body form"), "submit");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    date: "2026-11-25",
    social_min: 20,
    plan: "If it's Wednesday after dinner, then I'll call Sam",
  });
  assert.equal(
    text(document.getElementById("plan-current")),
    "If it's Wednesday after dinner, then I'll call Sam",
  );
});

test("reflection: a plan with a time becomes a reminder, after the plan is saved", async () => {
  const { document, client, fire } = await open();
  document.getElementById("plan-when").value = "it's Friday evening";
  document.getElementById("plan-what").value = "call Sam";
  document.getElementById("plan-minutes").value = "0";
  document.getElementById("plan-remind").value = "2026-11-27T19:30";
  fire(document.querySelector("#plan-body form"), "submit");
  await settle();
  assert.deepEqual(
    client.calls.slice(-2).map((c) => c.type ?? c.kind),
    ["checkin.record", "nudges.remind"],
  );
  assert.deepEqual(client.calls.at(-1), {
    kind: "nudges.remind",
    text: "If it's Friday evening, then I'll call Sam",
    when: new Date(2026, 10, 27, 19, 30).getTime(),
  });
  assert.match(text(document.querySelector("#plan-body .form-status")), /reminder will pop up/);
});

test("reflection: a reminder time already past is refused before anything is saved", async () => {
  const { document, client, fire } = await open();
  const before = client.calls.length;
  document.getElementById("plan-when").value = "Friday";
  document.getElementById("plan-what").value = "see Ana";
  document.getElementById("plan-minutes").value = "0";
  document.getElementById("plan-remind").value = "2026-11-25T17:59";
  fire(document.querySelector("#plan-body form"), "submit");
  await settle();
  assert.equal(client.calls.length, before, "nothing sent");
  assert.match(text(document.querySelector("#plan-body .form-status")), /still ahead/);
});

test("reminderInstant: local date-times from a datetime-local input, else null", () => {
  const cases = [
    ["2026-11-27T19:30", new Date(2026, 10, 27, 19, 30).getTime()],
    [" 2026-01-01T00:00 ", new Date(2026, 0, 1, 0, 0).getTime()],
    ["", null],
    ["2026-02-30T10:00", null],
    ["2026-11-27", null],
    ["tomorrow", null],
  ];
  for (const [value, want] of cases) assert.equal(reminderInstant(value), want, value);
});

test("reflection: today's check-in keeps its answers when a plan is added", async () => {
  const r = fake.reflection();
  r.checkin = { date: "2026-11-25", social_min: 30, felt: "chosen" };
  const { document, client, fire } = await open({ reflection: r });
  assert.equal(document.getElementById("plan-minutes"), null);
  document.getElementById("plan-when").value = "Friday";
  document.getElementById("plan-what").value = "see Ana";
  fire(document.querySelector("#plan-body form"), "submit");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    date: "2026-11-25",
    social_min: 30,
    felt: "chosen",
    plan: "If Friday, then I'll see Ana",
  });
});

test("reflection: the goal review loosens, tightens or pauses", async () => {
  const { document, client, fire } = await open();
  const button = (re) =>
    [...document.querySelectorAll("#goal-body button")].find((b) => re.test(text(b)));
  fire(button(/^Loosen/), "click");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    settings: { rules: { R3: { daily_goal_min: 135 } } },
  });
  assert.equal(
    text(document.getElementById("goal-line")),
    "Your daily goal: 2 h 15 with creators.",
  );
  fire(button(/^Pause/), "click");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    settings: { nudges: { paused_until: NOW + 7 * 86_400_000 } },
  });
});

test("reflection: a host without reflection.get gets a clear message", async () => {
  const { document } = await open({
    fail: {
      "reflection.get": {
        code: "unknown_type",
        message: "type: 'reflection.get' is not a type this host knows",
      },
    },
  });
  const box = document.getElementById("load-error");
  assert.equal(box.hidden, false);
  assert.match(text(box), /The week could not be loaded: type: 'reflection.get'/);
});
