// The requests the nudges' part of the background sends (nudges.poll, nudges.respond and
// the settings.set a choice asks for), as production code builds them, validated against
// schemas/ like every other request (requests.test.mjs).

import { test } from "node:test";
import assert from "node:assert/strict";

import { NUDGE_ALARM } from "../../../extension/src/background/nudge_poller.js";
import { Emitter, makeFakeBrowser, tab } from "../background/support/fake_browser.mjs";
import { okBody } from "../background/support/fake_native.mjs";
import { assertValidRequest, bootBackground, settle } from "./support/wire.mjs";

const EXT = "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/";
const FROM_PAGE = { id: "mhedandambbmemhakpeljdpoklmmikid", url: `${EXT}pages/popup/popup.html` };

test("requests: nudges.poll, nudges.respond and settings.set from the nudges are valid", async () => {
  const browser = makeFakeBrowser({
    tabs: [tab(1, "https://news.example.org/", { active: true })],
  });
  const notifications = {
    onClicked: new Emitter(),
    onButtonClicked: new Emitter(),
    onClosed: new Emitter(),
    create: async (id) => id,
    clear: async () => true,
  };
  browser.api.notifications = notifications;
  browser.api.runtime.getURL = (p) => EXT + p;
  browser.api.tabs.create = async () => ({});
  const choices = [
    { label: "Turn on the wind-down card", action: "helpful", follow_up: "wind_down_card" },
    { label: "Snooze for an hour", action: "snoozed", snooze_min: 60 },
    { label: "Don't show this kind", action: "unhelpful" },
  ];
  const handed = [
    "n-0123456789abcdef",
    "n-fedcba9876543210",
    "n-00000000000000aa",
    "n-00000000000000bb",
  ].map((id) => ({
    id,
    rule: "R4",
    title: "Late nights",
    message: "A thought about sleep.",
    creator: null,
    created_at: 1_700_000_000_000,
    choices,
  }));
  browser.host.handler = (msg) =>
    msg.type === "nudges.poll"
      ? { id: msg.id, ok: true, body: { nudges: handed.splice(0) } }
      : { id: msg.id, ok: true, body: okBody(msg) };
  const { bg } = await bootBackground(browser);
  browser.api.alarms.onAlarm.emit({ name: NUDGE_ALARM });
  await settle();
  for (const [i, id] of [
    "n-0123456789abcdef",
    "n-fedcba9876543210",
    "n-00000000000000aa",
  ].entries()) {
    assert.deepEqual(await browser.send({ kind: "nudges.choose", id, choice: i }, FROM_PAGE), {
      ok: true,
    });
  }
  notifications.onClosed.emit("parasol-nudge:n-00000000000000bb", true);
  await settle();

  for (const msg of browser.host.received) assertValidRequest(msg);
  const sent = (type) => browser.host.requests(type).map((m) => m.body);
  assert.ok(sent("nudges.poll").length >= 1);
  assert.deepEqual(sent("nudges.respond"), [
    { id: "n-0123456789abcdef", action: "helpful" },
    { id: "n-fedcba9876543210", action: "snoozed", snooze_min: 60 },
    { id: "n-00000000000000aa", action: "unhelpful" },
    { id: "n-00000000000000bb", action: "dismissed" },
  ]);
  assert.deepEqual(sent("settings.set"), [
    { settings: { rules: { R4: { wind_down_card: true } } } },
    { settings: { rules: { R4: { enabled: false } } } },
  ]);
  bg.port.close();
});
