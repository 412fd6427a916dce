// The pop-up rendered in linkedom against a fake background: the week at a glance, today's
// creators and their toggles, the current tab's creator, the nudge card, the check-in, and
// the empty states.

import { test } from "node:test";
import assert from "node:assert/strict";
import { mountPopup } from "../../../extension/src/pages/popup/popup_view.js";
import { loadPage, settle, text } from "./support/page_dom.mjs";
import { testTranslator } from "./support/messages.mjs";
import * as fake from "./support/fake_background.mjs";

const NOW = new Date(2026, 10, 25, 16, 0);

/** @param {Parameters<typeof fake.makeFakeClient>[0]} [o] @param {{welcomeSeen?: boolean, query?: string}} [p] */
async function open(o = {}, p = {}) {
  const { document, window } = loadPage("popup");
  const client = fake.makeFakeClient(o);
  const { t, missing } = testTranslator();
  let seen = p.welcomeSeen ?? true;
  const view = mountPopup(document, {
    client,
    t,
    locale: "en-GB",
    now: () => NOW,
    params: new URLSearchParams(p.query ?? ""),
    welcome: { seen: async () => seen, markSeen: async () => void (seen = true) },
  });
  await view.ready;
  return { document, window, client, view, missing };
}

const watching = {
  creator: { platform: "youtube", handle: "UCother", label: "Other Creator" },
  connection: null,
  counting: {
    kind: "creator",
    platform: "youtube",
    handle: "UCother",
    label: "Other Creator",
    state: "watching",
    start: 0,
  },
  reason: null,
};

test("popup: the week's balance, a bar a day, and today's creators with their share", async () => {
  const { document, client, missing } = await open({ tab: watching });
  assert.equal(
    text(document.getElementById("balance")),
    "This week: 3 h 20 with your people, 9 h 40 with creators",
  );
  const days = document.querySelectorAll("#week-chart g.day");
  assert.equal(days.length, 7);
  assert.equal(days[6].getAttribute("data-date"), fake.TODAY);
  assert.ok(
    document.querySelector("#week-chart svg[role=img][aria-label]"),
    "the chart is labelled",
  );
  assert.equal(
    document.querySelectorAll("#week-chart table tbody tr").length,
    7,
    "and has a table",
  );
  assert.equal(text(document.getElementById("today-total")), "50 min with creators");
  const rows = [...document.querySelectorAll("#top-creators .creator-row")];
  assert.deepEqual(
    rows.map((r) => [r.getAttribute("data-handle"), text(r.querySelector(".creator-share"))]),
    [
      ["UClab", "60%"],
      ["labstreamer", "40%"],
    ],
  );
  assert.equal(text(document.getElementById("live-text")), "Watching Other Creator on YouTube");
  assert.equal(document.getElementById("live").dataset.state, "counting");
  assert.equal(
    text(document.getElementById("host-state")),
    "Connected to parasol-host 0.1.0 · everything saved",
  );
  assert.equal(document.getElementById("welcome").hidden, true);
  assert.deepEqual(
    client.calls
      .filter((c) => c.kind === "host")
      .map((c) => `${c.type} ${JSON.stringify(c.body)}`)
      .sort(),
    [
      'creators.list {"limit":200}',
      'summary.get {"days":1,"until":"2026-11-25"}',
      'summary.get {"days":7,"until":"2026-11-25"}',
    ],
  );
  assert.deepEqual([...missing], [], "every string is in _locales");
});

test("popup: the follow toggles send creators.follow / creators.unfollow and flip", async () => {
  const { document, client } = await open({ tab: watching });
  const toggle = (key) => document.querySelector(`button[data-key="${key}"]`);
  assert.equal(toggle("youtube/UClab").getAttribute("aria-pressed"), "true");
  toggle("youtube/UClab").dispatchEvent(new document.defaultView.Event("click"));
  await settle();
  assert.deepEqual(client.calls.at(-1), {
    kind: "host",
    type: "creators.unfollow",
    body: { platform: "youtube", handle: "UClab" },
  });
  assert.equal(toggle("youtube/UClab").getAttribute("aria-pressed"), "false");

  const current = document.querySelector(".follow-current-button");
  assert.equal(text(current), "+ Follow Other Creator");
  current.dispatchEvent(new document.defaultView.Event("click"));
  await settle();
  assert.deepEqual(client.calls.at(-1).body, {
    platform: "youtube",
    handle: "UCother",
    label: "Other Creator",
  });
  assert.equal(text(document.querySelector(".follow-current-button")), "✓ Following Other Creator");
});

test("popup: the nudge card's buttons answer through nudges.choose; 'Adjust' links the rule", async () => {
  const { document, client } = await open({ nudge: fake.NUDGE });
  const card = document.getElementById("nudge");
  assert.equal(card.hidden, false);
  assert.equal(text(card.querySelector("h2")), fake.NUDGE.title);
  const buttons = [...card.querySelectorAll("button[data-choice]")];
  assert.deepEqual(buttons.map(text), ["Message someone later today", "Keep watching"]);
  assert.equal(
    card.querySelector("a.nudge-adjust").getAttribute("href"),
    "../options/options.html#rule-R1",
  );
  buttons[1].dispatchEvent(new document.defaultView.Event("click"));
  await settle();
  assert.deepEqual(client.calls.at(-1), { kind: "nudges.choose", id: fake.NUDGE.id, choice: 1 });
  assert.match(text(card), /Your call/);
});

test("popup: 'Don't show this kind' turns the rule off through nudges.choose; cards have none", async () => {
  const { document, client } = await open({ nudge: fake.NUDGE });
  const dontShow = document.querySelector("#nudge button.nudge-dont-show");
  assert.equal(text(dontShow), "Don't show this kind");
  dontShow.dispatchEvent(new document.defaultView.Event("click"));
  await settle();
  assert.deepEqual(client.calls.at(-1), {
    kind: "nudges.choose",
    id: fake.NUDGE.id,
    choice: "dont_show",
  });
  assert.match(text(document.getElementById("nudge")), /won't see this kind again/);

  const card = await open({ nudge: { ...fake.NUDGE, rule: "first_week" } });
  assert.equal(card.document.querySelector("#nudge button.nudge-dont-show"), null);
});

test("popup: a check-in sends today's social minutes and the optional answers given", async () => {
  const { document, client } = await open({}, { query: "checkin=1" });
  assert.ok(document.getElementById("checkin").hasAttribute("open"), "?checkin=1 opens it");
  const form = document.getElementById("checkin-form");
  document.getElementById("checkin-minutes").value = "45";
  const pick = (name, value) => {
    const input = form.querySelector(`input[name="${name}"][value="${value}"]`);
    input.checked = true;
    input.setAttribute("checked", "");
  };
  pick("lonely", "1");
  pick("felt", "chosen");
  document.getElementById("checkin-plan").value = "Call Sam on Friday";
  form.dispatchEvent(new document.defaultView.Event("submit"));
  await settle();
  const call = client.calls.find((c) => c.type === "checkin.record");
  assert.deepEqual(call.body, {
    date: "2026-11-25",
    social_min: 45,
    lonely: 1,
    felt: "chosen",
    plan: "Call Sam on Friday",
  });
  assert.match(text(form), /Saved\. Thank you!/);
});

test("popup: a check-in without valid minutes is not sent", async () => {
  const { document, client } = await open();
  const form = document.getElementById("checkin-form");
  document.getElementById("checkin-minutes").value = "2000";
  form.dispatchEvent(new document.defaultView.Event("submit"));
  await settle();
  assert.equal(client.calls.filter((c) => c.type === "checkin.record").length, 0);
  assert.equal(document.getElementById("checkin-minutes").getAttribute("aria-invalid"), "true");
});

test("popup: first run explains what Parasol does and what stays private", async () => {
  const { document } = await open(
    { week: fake.emptySummary(7), today: fake.emptySummary(1) },
    { welcomeSeen: false },
  );
  const welcome = document.getElementById("welcome");
  assert.equal(welcome.hidden, false);
  assert.match(text(welcome), /Everything stays on this computer/);
  document.getElementById("welcome-ok").dispatchEvent(new document.defaultView.Event("click"));
  await settle();
  assert.equal(welcome.hidden, true);
  assert.match(text(document.getElementById("week-chart")), /No data yet/);
});

test("popup: host missing shows the exact fix and that nothing is lost", async () => {
  const notConnected = { code: "not_connected", message: "parasol-host is not connected" };
  const { document } = await open({
    status: fake.status("not_installed", 14),
    fail: { "summary.get": notConnected, "creators.list": notConnected },
  });
  const card = document.getElementById("host-problem");
  assert.equal(card.hidden, false);
  assert.equal(text(card.querySelector("h2")), "parasol-host is not installed for this browser");
  const commands = [...card.querySelectorAll("code")].map(text);
  assert.deepEqual(commands, [
    "parasol install",
    "make run",
    "parasol install --extension-id mhedandambbmemhakpeljdpoklmmikid",
  ]);
  assert.match(text(card), /14 items wait in the browser/);
  assert.match(text(document.getElementById("week-chart")), /isn't connected/);
  assert.equal(document.getElementById("host-state").dataset.status, "not_installed");
});

test("popup: no background at all still says so", async () => {
  const { document } = await open({ status: null });
  assert.match(text(document.getElementById("host-state")), /The background did not answer/);
});

test("popup: ?nudge=<id> asks for that nudge, and says so when it was answered already", async () => {
  const shown = await open({ nudge: fake.NUDGE }, { query: `nudge=${fake.NUDGE.id}` });
  assert.deepEqual(
    shown.client.calls.find((c) => c.kind === "nudges.current"),
    { kind: "nudges.current", id: fake.NUDGE.id },
  );
  assert.equal(text(shown.document.getElementById("nudge-title")), fake.NUDGE.title);
  const gone = await open({ nudge: fake.NUDGE }, { query: "nudge=n-0000000000000000" });
  assert.match(text(gone.document.getElementById("nudge")), /answered already/);
});

test("popup: diagnostics list the host, the queue, what was saved and site access", async () => {
  const { document } = loadPage("popup");
  const { t } = testTranslator();
  const view = mountPopup(document, {
    client: fake.makeFakeClient({ status: fake.status("connected", 2) }),
    t,
    now: () => NOW,
    welcome: { seen: async () => true, markSeen: async () => {} },
    sitePermissions: {
      origins: ["https://www.youtube.com/*"],
      contains: async () => false,
      request: async () => true,
    },
    extension: { version: "0.1.0" },
  });
  await view.ready;
  const details = document.getElementById("diagnostics");
  details.setAttribute("open", "");
  details.open = true;
  details.dispatchEvent(new document.defaultView.Event("toggle"));
  await settle();
  const rows = Object.fromEntries(
    [...document.querySelectorAll("#diagnostics-list dt")].map((dt) => [
      text(dt),
      text(dt.nextElementSibling),
    ]),
  );
  assert.match(rows.Host, /^connected, version 0\.1\.0/);
  assert.equal(rows["Waiting to be saved"], "2");
  assert.equal(rows["Last saved"], "12 items saved since the browser started");
  assert.match(rows["Site access"], /missing for some sites.*Allow/);
  assert.equal(rows.Version, "0.1.0");
});
