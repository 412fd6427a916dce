// The options page in linkedom against a fake background: every rule with its thresholds,
// changes saved as partial settings, validation before sending, confirmations before
// forgetting and erasing, export assembled from pages.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mountOptions } from "../../../extension/src/pages/options/options_view.js";
import { loadPage, settle, text } from "./support/page_dom.mjs";
import { testTranslator } from "./support/messages.mjs";
import * as fake from "./support/fake_background.mjs";

const NOW = new Date(2026, 10, 25, 16, 0).getTime();

/** @param {Parameters<typeof fake.makeFakeClient>[0]} [o] @param {string} [hash] */
async function open(o = {}, hash = "") {
  const { document } = loadPage("options");
  const client = fake.makeFakeClient(o);
  const { t, missing } = testTranslator();
  const blobs = [];
  const view = mountOptions(document, {
    client,
    t,
    locale: "en-GB",
    now: () => NOW,
    hash,
    objectUrl: (blob) => {
      blobs.push(blob);
      return `blob:test/${blobs.length}`;
    },
  });
  await view.ready;
  const fire = (el, type) => el.dispatchEvent(new document.defaultView.Event(type));
  return { document, client, view, missing, blobs, fire };
}

const sets = (client) => client.calls.filter((c) => c.type === "settings.set").map((c) => c.body);

test("options: eleven rules, each with a switch, a one-line reason and its thresholds", async () => {
  const { document, missing } = await open();
  const rules = [...document.querySelectorAll("#rules-body article.rule")];
  assert.equal(rules.length, 11);
  for (const rule of rules) {
    assert.match(rule.id, /^rule-R\d+$/);
    assert.ok(rule.querySelector("input.switch[role=switch]"), `${rule.id} switch`);
    assert.ok(text(rule.querySelector(".rule-why")).length > 20, `${rule.id} reason`);
  }
  assert.equal(document.getElementById("rule-R1-min_ratio").getAttribute("value"), "85");
  assert.ok(document.getElementById("rule-R11").classList.contains("off"), "R11 is off by default");
  // The digest section (digest_section.js) rendered something under the section's heading.
  assert.ok(document.getElementById("digest").children.length > 1, "the digest section mounted");
  assert.deepEqual([...missing], []);
});

test("options: a threshold change sends only that field; a bad value sends nothing", async () => {
  const { document, client, fire } = await open();
  const ratio = document.getElementById("rule-R1-min_ratio");
  ratio.value = "90";
  fire(ratio, "change");
  await settle();
  assert.deepEqual(sets(client).at(-1), { settings: { rules: { R1: { min_ratio: 0.9 } } } });

  const goal = document.getElementById("rule-R3-daily_goal_min");
  goal.value = "";
  fire(goal, "change");
  await settle();
  assert.deepEqual(sets(client).at(-1), { settings: { rules: { R3: { daily_goal_min: null } } } });

  const before = sets(client).length;
  const nights = document.getElementById("rule-R4-nights");
  nights.value = "9";
  fire(nights, "change");
  await settle();
  assert.equal(sets(client).length, before, "out of range: not sent");
  assert.equal(nights.getAttribute("aria-invalid"), "true");
  assert.equal(
    text(document.getElementById(nights.getAttribute("aria-describedby"))),
    "That's outside the allowed range.",
  );
});

test("options: the host's refusal is shown at the field", async () => {
  const { document, fire } = await open({
    fail: {
      "settings.set": {
        code: "invalid",
        message: "body.settings.rules.R4.nights: must not exceed of_nights",
        path: "/body/settings/rules/R4/nights",
      },
    },
  });
  const nights = document.getElementById("rule-R4-nights");
  nights.value = "6";
  fire(nights, "change");
  await settle();
  assert.equal(nights.getAttribute("aria-invalid"), "true");
  assert.match(text(document.getElementById("toast")), /must not exceed of_nights/);
});

test("options: switches for rules and tracking save at once", async () => {
  const { document, client, fire } = await open();
  const r11 = document.getElementById("rule-R11-enabled");
  r11.checked = true;
  fire(r11, "change");
  await settle();
  assert.deepEqual(sets(client).at(-1), { settings: { rules: { R11: { enabled: true } } } });
  const priv = document.getElementById("tracking-private_windows");
  priv.checked = true;
  fire(priv, "change");
  await settle();
  assert.deepEqual(sets(client).at(-1), { settings: { tracking: { private_windows: true } } });
});

test("options: connection sites are added (checked first) and removed as a whole list", async () => {
  const { document, client, fire } = await open();
  document.getElementById("site-platform").value = "Signal";
  document.getElementById("site-match").value = "https://app.signal.example/chat";
  // linkedom's <select> has no value setter: choose the option as a user would.
  for (const o of document.querySelectorAll("#site-kind option")) o.removeAttribute("selected");
  document.querySelector('#site-kind option[value="call"]').setAttribute("selected", "");
  fire(document.getElementById("site-add"), "submit");
  await settle();
  const list = sets(client).at(-1).settings.connection_sites;
  assert.deepEqual(list.at(-1), {
    platform: "signal",
    match: "app.signal.example/chat",
    kind: "call",
  });
  assert.equal(list.length, 3);
  assert.equal(document.querySelectorAll("#sites-list li").length, 3);

  const count = sets(client).length;
  document.getElementById("site-platform").value = "has space";
  document.getElementById("site-match").value = "x";
  fire(document.getElementById("site-add"), "submit");
  await settle();
  assert.equal(sets(client).length, count, "an invalid name is not sent");

  fire(document.querySelector('#sites-list li[data-match="web.whatsapp.com"] button'), "click");
  await settle();
  assert.deepEqual(
    sets(client)
      .at(-1)
      .settings.connection_sites.map((s) => s.match),
    ["meet.google.com", "app.signal.example/chat"],
  );
});

test("options: forgetting a creator asks first", async () => {
  const { document, client, fire } = await open();
  const row = document.querySelector('#followed-list li[data-handle="UClab"]');
  const forget = [...row.querySelectorAll("button")].find((b) => text(b) === "Forget…");
  fire(forget, "click");
  assert.equal(client.calls.filter((c) => c.type === "creators.forget").length, 0);
  const confirm = row.querySelector(".confirm");
  assert.match(text(confirm), /Forget LabCreator\? Every minute recorded for them is erased/);
  fire(confirm.querySelector("button.danger"), "click");
  await settle();
  assert.deepEqual(client.calls.find((c) => c.type === "creators.forget").body, {
    platform: "youtube",
    handle: "UClab",
  });
  assert.match(text(document.getElementById("followed-list")), /don't follow anyone yet/);
});

test("options: a budget is saved with creators.update, empty meaning none", async () => {
  const { document, client, fire } = await open();
  const budget = document.getElementById("budget-youtube-UClab");
  budget.value = "45";
  fire(budget, "change");
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    platform: "youtube",
    handle: "UClab",
    daily_budget_min: 45,
  });
  budget.value = "";
  fire(budget, "change");
  await settle();
  assert.equal(client.calls.at(-1).body.daily_budget_min, null);
});

test("options: snooze and the life-context pause set the nudge settings", async () => {
  const { document, client, fire } = await open();
  const button = (label) =>
    [...document.querySelectorAll("#pause-body button")].find((b) => text(b) === label);
  fire(button("1 hour"), "click");
  await settle();
  assert.deepEqual(sets(client).at(-1), {
    settings: { nudges: { snoozed_until: NOW + 3600_000, snoozed_indefinitely: false } },
  });
  assert.match(text(document.getElementById("snooze-state")), /snoozed until/);
  fire(button("Until I turn them back on"), "click");
  await settle();
  assert.deepEqual(sets(client).at(-1), { settings: { nudges: { snoozed_indefinitely: true } } });
  document.getElementById("pause-until").value = "2026-12-01";
  fire(document.getElementById("pause-until").closest("form"), "submit");
  await settle();
  assert.deepEqual(sets(client).at(-1), {
    settings: { nudges: { paused_until: new Date(2026, 11, 2).getTime() } },
  });
});

test("options: export joins every page into one download", async () => {
  const { document, client, blobs, fire } = await open({
    exportPages: ['{"a":1}\n', '{"b":2}\n', '{"c":3}\n'],
  });
  fire(document.getElementById("export-json"), "click");
  await settle(10);
  const exports = client.calls.filter((c) => c.type === "data.export").map((c) => c.body);
  assert.deepEqual(exports, [
    { format: "json" },
    { format: "json", cursor: "1" },
    { format: "json", cursor: "2" },
  ]);
  assert.equal(await blobs[0].text(), '{"a":1}\n{"b":2}\n{"c":3}\n');
  const link = document.querySelector("#export-result a");
  assert.equal(link.getAttribute("href"), "blob:test/1");
  assert.equal(link.getAttribute("download"), "parasol-export-2026-11-25.jsonl");
});

test("options: erasing needs the typed word", async () => {
  const { document, client, fire } = await open();
  const input = document.getElementById("erase-confirm");
  const button = document.getElementById("erase-button");
  assert.ok(button.hasAttribute("disabled"));
  input.value = "eras";
  fire(input, "input");
  assert.ok(button.disabled);
  input.value = "erase";
  fire(input, "input");
  assert.ok(!button.disabled);
  fire(button, "click");
  await settle();
  assert.deepEqual(client.calls.find((c) => c.type === "data.erase").body, {
    confirm: "erase-all",
  });
});

test("options: #rule-R3 in the address marks that rule", async () => {
  const { document } = await open({}, "#rule-R3");
  assert.ok(document.getElementById("rule-R3").classList.contains("highlight"));
});
