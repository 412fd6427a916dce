// The in-page cards: R4's wind-down card (first video end after bedtime, opt-in, once a
// night) and R7's checkout note (a pay flow, R7 on, once per page), in a shadow root,
// closable by keyboard.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseHTML } from "linkedom";
import {
  CARD_ATTRIBUTE,
  WIND_DOWN_NIGHT_KEY,
  createNudgeCards,
  nightOf,
  startNudgeCards,
} from "../../../extension/src/content/nudge_cards.js";

const MESSAGES = JSON.parse(
  readFileSync(new URL("../../../extension/_locales/en/messages.nudges.json", import.meta.url)),
);
const t = (key) => MESSAGES[key]?.message ?? "";

/** Local time on 2026-11-25 (a Wednesday) or another day of that month. */
const at = (h, m = 0, day = 25) => new Date(2026, 10, day, h, m).getTime();

function setup({ settings, now = at(1, 0), spend = false } = {}) {
  const { document, window } = parseHTML(
    "<!doctype html><html><body><video id=v></video><audio id=a></audio></body></html>",
  );
  const store = new Map(settings === undefined ? [] : [["settings", settings]]);
  const clock = { now };
  const flags = { spend };
  const errors = [];
  const cards = createNudgeCards({
    doc: document,
    now: () => clock.now,
    readLocal: async (keys) =>
      Object.fromEntries(keys.filter((k) => store.has(k)).map((k) => [k, store.get(k)])),
    writeLocal: async (items) => {
      for (const [k, v] of Object.entries(items)) store.set(k, v);
    },
    t,
    isSpendFlow: () => flags.spend,
    onError: (what, e) => errors.push([what, e]),
  });
  const card = (kind) => document.querySelector(`[${CARD_ATTRIBUTE}="${kind}"]`);
  return { document, window, cards, store, clock, flags, errors, card };
}

const WIND_DOWN_ON = { rules: { R4: { wind_down_card: true } } };

test("nightOf: inside the sleep window, the night's start date; outside, null", () => {
  const cases = [
    [{ start: "00:30", end: "05:30" }, at(1, 0), "2026-11-25"],
    [{ start: "00:30", end: "05:30" }, at(0, 30), "2026-11-25"],
    [{ start: "00:30", end: "05:30" }, at(0, 29), null],
    [{ start: "00:30", end: "05:30" }, at(5, 30), null],
    [{ start: "23:00", end: "06:00" }, at(23, 30), "2026-11-25"],
    [{ start: "23:00", end: "06:00" }, at(2, 0, 26), "2026-11-25"],
    [{ start: "23:00", end: "06:00" }, at(12, 0), null],
    [{ start: "23:00", end: "23:00" }, at(23, 0), null],
    [{ start: "25:00", end: "06:00" }, at(2, 0), null],
  ];
  for (const [window, now, want] of cases) {
    assert.equal(nightOf(now, window), want, `${JSON.stringify(window)} ${new Date(now)}`);
  }
});

test("wind-down: a video ending after bedtime shows the card once that night", async () => {
  const s = setup({ settings: WIND_DOWN_ON });
  const host = await s.cards.onMediaEnded(s.document.getElementById("v"));
  assert.ok(host, "shown");
  const root = host.shadowRoot;
  const dialog = root.querySelector(".card");
  assert.equal(dialog.getAttribute("role"), "dialog");
  assert.equal(root.querySelector(".title").textContent, t("windDownTitle"));
  assert.deepEqual(
    [...root.querySelectorAll(".actions button")].map((b) => b.textContent),
    [t("windDownGoodNight"), t("windDownOneMore")],
  );
  assert.equal(root.querySelector(".close").getAttribute("aria-label"), "Close");
  assert.equal(s.store.get(WIND_DOWN_NIGHT_KEY), "2026-11-25");

  s.clock.now = at(2, 0);
  host.remove();
  assert.equal(await s.cards.onMediaEnded(s.document.getElementById("v")), null, "once a night");
  s.clock.now = at(1, 0, 26);
  assert.ok(await s.cards.onMediaEnded(s.document.getElementById("v")), "the next night again");
});

test("wind-down: not without the opt-in, not before bedtime, not for audio, not when nudges are off", async () => {
  const cases = [
    ["no settings cached", undefined, at(1, 0), "v"],
    ["opt-in off", { rules: { R4: { wind_down_card: false } } }, at(1, 0), "v"],
    ["before bedtime", WIND_DOWN_ON, at(23, 0), "v"],
    ["audio ended", WIND_DOWN_ON, at(1, 0), "a"],
    ["nudges off", { ...WIND_DOWN_ON, nudges: { enabled: false } }, at(1, 0), "v"],
    [
      "the user's own sleep window",
      { ...WIND_DOWN_ON, nudges: { sleep_window: { start: "02:00", end: "06:00" } } },
      at(1, 0),
      "v",
    ],
  ];
  for (const [what, settings, now, id] of cases) {
    const s = setup({ settings, now });
    assert.equal(await s.cards.onMediaEnded(s.document.getElementById(id)), null, what);
    assert.equal(s.card("wind-down"), null, what);
  }
});

test("cards close by any button, the ×, or Escape", async () => {
  for (const how of ["action", "close", "escape"]) {
    const s = setup({ settings: WIND_DOWN_ON });
    const host = await s.cards.onMediaEnded(s.document.getElementById("v"));
    const root = host.shadowRoot;
    if (how === "action") root.querySelector(".actions button").click();
    if (how === "close") root.querySelector(".close").click();
    if (how === "escape") {
      const ev = new s.window.Event("keydown", { bubbles: true });
      ev.key = "Escape";
      root.querySelector(".actions button").dispatchEvent(ev);
    }
    assert.equal(s.card("wind-down"), null, how);
  }
});

test("checkout note: on a pay flow with R7 on, once per page", async () => {
  const s = setup({ settings: { rules: { R7: { enabled: true } } }, spend: true });
  const host = await s.cards.checkSpend("https://www.youtube.com/@alice/join");
  assert.ok(host);
  assert.equal(host.shadowRoot.querySelector(".title").textContent, t("spendNoteTitle"));
  host.remove();
  assert.equal(await s.cards.checkSpend("https://www.youtube.com/@alice/join"), null, "once");
  assert.ok(await s.cards.checkSpend("https://www.youtube.com/@bob/join"), "another page");

  const off = setup({ settings: { rules: { R7: { enabled: false } } }, spend: true });
  assert.equal(await off.cards.checkSpend("https://x.test/pay"), null, "R7 off");
  const plain = setup({ settings: {}, spend: false });
  assert.equal(await plain.cards.checkSpend("https://x.test/"), null, "not a pay flow");
  plain.flags.spend = true;
  assert.ok(await plain.cards.checkSpend("https://x.test/"), "the same page once it becomes one");
  const fresh = setup({ spend: true });
  assert.ok(await fresh.cards.checkSpend("https://x.test/pay"), "R7 is on by default");
});

test("startNudgeCards: a real ended event and the page's pay flow reach the cards", async () => {
  const { document, window } = parseHTML(
    "<!doctype html><html><body><video id=v></video></body></html>",
  );
  Object.defineProperty(document, "visibilityState", { value: "visible" });
  const store = { settings: { rules: { R4: { wind_down_card: true } } } };
  const listeners = [];
  const win = {
    document,
    location: { href: "https://www.youtube.com/@alice/join#x" },
    addEventListener: (type, fn) => listeners.push([type, fn]),
    setInterval: () => 0,
    setTimeout: () => 0,
  };
  const api = {
    storage: {
      local: {
        get: async (keys) => Object.fromEntries(keys.map((k) => [k, store[k]])),
        set: async (items) => Object.assign(store, items),
      },
    },
    i18n: { getMessage: t },
  };
  const realNow = Date.now;
  Date.now = () => at(1, 0);
  try {
    startNudgeCards({ win, api });
    await new Promise((r) => setImmediate(r));
    assert.ok(
      document.querySelector(`[${CARD_ATTRIBUTE}="spend"]`),
      "YouTube's /join page is a pay flow (the adapter says so)",
    );
    // linkedom runs document listeners only for bubbling events (a browser's capture phase
    // sees the non-bubbling "ended" too).
    document.getElementById("v").dispatchEvent(new window.Event("ended", { bubbles: true }));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.ok(document.querySelector(`[${CARD_ATTRIBUTE}="wind-down"]`));
  } finally {
    Date.now = realNow;
  }
});
