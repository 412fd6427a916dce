// Nudges shown as notifications (Chromium: two buttons; Firefox: none, the pop-up page
// instead), answers queued durably for the host, follow-ups run, the pages' messages
// (nudges.current, nudges.choose), and the whole chain inside the background.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CURRENT_KEY,
  NUDGE_PREFIX,
  NudgeNotifications,
  REMINDERS_KEY,
  REMINDER_PREFIX,
  pageFor,
  DONT_SHOW,
  reminderAt,
} from "../../../extension/src/background/nudge_notifications.js";
import { NUDGE_ALARM } from "../../../extension/src/background/nudge_poller.js";
import { NativeError } from "../../../extension/src/background/native_port.js";
import {
  PAUSE_DURATION_MS,
  PAUSE_UNTIL_KEY,
  PauseGate,
} from "../../../extension/src/background/pause_gate.js";
import {
  PENDING_KEY,
  PendingRequests,
} from "../../../extension/src/background/pending_requests.js";
import { startBackground } from "../../../extension/src/background/main.js";
import { Emitter, FROM_POPUP, fromTab, makeFakeBrowser, tab } from "./support/fake_browser.mjs";
import { okBody } from "./support/fake_native.mjs";
import { FakeStorage } from "./support/fake_storage.mjs";
import { FakeClock, settle } from "./support/fake_timers.mjs";
import { URLS, fakeResolve, makeTracker, page } from "./support/tracker_harness.mjs";

const T0 = 1_700_000_000_000;
const EXT = "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/";

/** A nudge as nudges.poll hands it out. */
function nudge(id, over = {}) {
  return {
    id,
    rule: "R1",
    title: "A thought about this week",
    message: "Your creators have kept you good company. Fancy a quick hi to someone?",
    creator: { platform: "youtube", handle: "alice", label: "Alice" },
    created_at: T0,
    choices: [
      { label: "Message someone later today", action: "helpful", follow_up: "remind_later_today" },
      { label: "Keep watching", action: "snoozed" },
      { label: "Don't show this kind", action: "unhelpful" },
    ],
    ...over,
  };
}

class FakeNotifications {
  shown = new Map();
  log = [];
  onClicked = new Emitter();
  onButtonClicked = new Emitter();
  onClosed = new Emitter();
  async create(id, options) {
    this.log.push(["create", id]);
    this.shown.set(id, options);
    return id;
  }
  async clear(id) {
    this.log.push(["clear", id]);
    return this.shown.delete(id);
  }
  async getAll() {
    return Object.fromEntries([...this.shown.keys()].map((k) => [k, true]));
  }
}

/** A message catalogue like _locales' (key -> text with $1). */
const MESSAGES = {
  nudgeNotificationMore: "Click for more choices.",
  nudgeReminderTitle: "Your reminder",
  nudgeReminderMessage: "Earlier you picked “$1”.",
};
const t = (key, subs = []) => (MESSAGES[key] ?? "").replace("$1", subs[0] ?? "");

function setup({ maxButtons = 2, connected = true, tracker = null } = {}) {
  let now = T0;
  const local = new FakeStorage();
  const session = new FakeStorage();
  const notifications = new FakeNotifications();
  const opened = [];
  const removed = [];
  const alarms = new Map();
  const api = {
    notifications,
    tabs: {
      create: async ({ url }) => opened.push(url),
      remove: async (id) => removed.push(id),
      update: async () => {},
    },
    alarms: { create: async (name, info) => alarms.set(name, info) },
    runtime: { getURL: (p) => EXT + p },
  };
  const port = {
    connected,
    calls: [],
    answer: (msg) => ({
      ...okBody(msg),
      ...(msg.type === "settings.set" ? { settings: { from: "host" } } : {}),
    }),
    async request(type, body) {
      port.calls.push({ type, body });
      if (!port.connected) throw new NativeError("not_connected", "no host");
      return port.answer({ type, body });
    },
  };
  const logs = [];
  const log = (...a) => logs.push(a.map(String).join(" "));
  const pending = new PendingRequests({
    area: local,
    port,
    now: () => now,
    log,
    onReply: async (req, reply) => {
      if (req.type === "settings.set") await local.set({ settings: reply.settings });
    },
  });
  const gate = new PauseGate({
    tabs: api.tabs,
    getURL: api.runtime.getURL,
    local,
    session,
    now: () => now,
    resolveUrl: fakeResolve,
    sites: () => [],
  });
  const n = new NudgeNotifications({
    api,
    local,
    pending,
    pause: gate,
    maxButtons,
    trackerState: () => tracker?.snapshot() ?? null,
    now: () => now,
    t,
    log,
  });
  return {
    n,
    api,
    local,
    port,
    pending,
    notifications,
    opened,
    removed,
    alarms,
    logs,
    advance: (ms) => (now += ms),
    sent: (type) => port.calls.filter((c) => c.type === type).map((c) => c.body),
  };
}

test("show: Chromium gets the first two choices as buttons; the last shown is the current", async () => {
  const s = setup();
  await s.n.show([nudge("n-a"), nudge("n-b", { rule: "R3" })]);
  const opts = s.notifications.shown.get(NUDGE_PREFIX + "n-b");
  assert.equal(opts.type, "basic");
  assert.match(opts.iconUrl, /^data:image\/png;base64,/);
  assert.equal(opts.title, "A thought about this week");
  assert.deepEqual(opts.buttons, [
    { title: "Message someone later today" },
    { title: "Keep watching" },
  ]);
  assert.match(opts.message, /Click for more choices\.$/, "a third choice is in the pop-up");
  assert.ok(s.notifications.shown.has(NUDGE_PREFIX + "n-a"));
  assert.equal((await s.n.current()).id, "n-b");
  assert.equal((await s.n.current("n-a")).id, "n-a");
  assert.equal(await s.n.current("n-zz"), null);
});

test("show: Firefox has no buttons: the notification says a click shows the choices", async () => {
  const s = setup({ maxButtons: 0 });
  await s.n.show([nudge("n-a", { choices: [{ label: "OK", action: "helpful" }] })]);
  const opts = s.notifications.shown.get(NUDGE_PREFIX + "n-a");
  assert.equal("buttons" in opts, false);
  assert.match(opts.message, /Click for more choices/);
});

test("show: a malformed nudge is logged and skipped, the others shown", async () => {
  const s = setup();
  await s.n.show([{ id: "bad id!" }, null, nudge("n-ok")]);
  assert.deepEqual([...s.notifications.shown.keys()], [NUDGE_PREFIX + "n-ok"]);
  assert.equal(s.logs.length, 2);
});

test("buttons: each answers nudges.respond with its choice; the current and the notification go", async () => {
  const cases = [
    [0, { action: "helpful" }],
    [1, { action: "snoozed" }],
  ];
  for (const [button, want] of cases) {
    const s = setup();
    await s.n.show([nudge("n-a")]);
    await s.n.onButtonClicked(NUDGE_PREFIX + "n-a", button);
    await s.pending.flush();
    assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-a", ...want }], `button ${button}`);
    assert.equal(await s.n.current(), null);
    assert.equal(s.notifications.shown.size, 0);
    assert.deepEqual(s.local.peek(PENDING_KEY), [], "nothing left to send");
  }
});

test("choose: a snooze with snooze_min carries it; 'Don't show this kind' turns the rule off", async () => {
  const s = setup();
  await s.local.set({ settings: { rules: { R1: { enabled: true, cooldown_days: 4 } } } });
  await s.n.show([
    nudge("n-a", {
      choices: [
        { label: "Snooze for an hour", action: "snoozed", snooze_min: 60 },
        { label: "Don't show this kind", action: "unhelpful" },
      ],
    }),
    nudge("n-b", { choices: [{ label: "Don't show this kind", action: "unhelpful" }] }),
  ]);
  assert.deepEqual(await s.n.choose("n-a", 0), { ok: true });
  await s.pending.flush();
  assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-a", action: "snoozed", snooze_min: 60 }]);
  assert.deepEqual(await s.n.choose("n-b", 0), { ok: true });
  await s.pending.flush();
  assert.deepEqual(s.sent("settings.set"), [{ settings: { rules: { R1: { enabled: false } } } }]);
  assert.deepEqual(s.local.peek("settings"), { from: "host" }, "the host's reply is cached");
});

test("choose: 'dont_show' (the pop-up's button) answers unhelpful and turns an R rule off", async () => {
  const s = setup();
  await s.n.show([
    nudge("n-a", { rule: "R6" }),
    nudge("n-card", { rule: "first_week", choices: [{ label: "Not now", action: "snoozed" }] }),
  ]);
  assert.deepEqual(await s.n.choose("n-a", DONT_SHOW), { ok: true });
  await s.pending.flush();
  assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-a", action: "unhelpful" }]);
  assert.deepEqual(s.sent("settings.set"), [{ settings: { rules: { R6: { enabled: false } } } }]);
  const refused = await s.n.choose("n-card", DONT_SHOW);
  assert.equal(refused.ok, false);
  assert.equal(refused.error.path, "/choice");
});

test("choose: errors name the field; an unknown nudge is not_found", async () => {
  const s = setup();
  await s.n.show([nudge("n-a")]);
  const cases = [
    [42, 0, "invalid", "/id"],
    ["n-zz", 0, "not_found", undefined],
    ["n-a", 3, "invalid", "/choice"],
    ["n-a", -1, "invalid", "/choice"],
    ["n-a", "0", "invalid", "/choice"],
  ];
  for (const [id, choice, code, path] of cases) {
    const r = await s.n.onMessage({ kind: "nudges.choose", id, choice });
    assert.equal(r.ok, false, `${id} ${choice}`);
    assert.equal(r.error.code, code, `${id} ${choice}`);
    assert.equal(r.error.path, path, `${id} ${choice}`);
  }
  assert.deepEqual(s.port.calls, [], "nothing sent");
  assert.deepEqual(await s.n.onMessage({ kind: "nudges.current" }), {
    ok: true,
    nudge: nudge("n-a"),
  });
});

test("answers wait for the host: queued durably, sent when it is back; refusals are dropped", async () => {
  const s = setup({ connected: false });
  await s.n.show([nudge("n-a"), nudge("n-b")]);
  await s.n.choose("n-a", 1);
  await s.n.onClosed(NUDGE_PREFIX + "n-b", true);
  assert.deepEqual(
    s.local.peek(PENDING_KEY).map((r) => [r.type, r.body.id, r.body.action]),
    [
      ["nudges.respond", "n-a", "snoozed"],
      ["nudges.respond", "n-b", "dismissed"],
    ],
  );
  s.port.connected = true;
  s.port.answer = (msg) => {
    if (msg.body.id === "n-b") throw new NativeError("not_found", "no nudge n-b");
    return {};
  };
  await s.pending.flush();
  assert.deepEqual(s.local.peek(PENDING_KEY), []);
  assert.equal(s.logs.filter((l) => /not_found/.test(l)).length, 1);

  // A second answer to the same nudge replaces the first while both wait.
  s.port.connected = false;
  await s.pending.put("respond:n-c", "nudges.respond", { id: "n-c", action: "helpful" });
  await s.pending.put("respond:n-c", "nudges.respond", { id: "n-c", action: "unhelpful" });
  assert.deepEqual(
    s.local.peek(PENDING_KEY).map((r) => r.body.action),
    ["unhelpful"],
  );
});

test("closing: by the user is dismissed (once); by the browser or after a choice, nothing", async () => {
  const s = setup();
  await s.n.show([nudge("n-a"), nudge("n-b")]);
  await s.n.onClosed(NUDGE_PREFIX + "n-a", false);
  await s.n.onClosed(NUDGE_PREFIX + "n-a", undefined); // Firefox never says
  await s.n.onClosed("someone-else", true);
  await s.pending.flush();
  assert.deepEqual(s.sent("nudges.respond"), []);
  await s.n.onClosed(NUDGE_PREFIX + "n-b", true);
  await s.n.onClosed(NUDGE_PREFIX + "n-b", true);
  await s.n.choose("n-a", 0);
  await s.n.onClosed(NUDGE_PREFIX + "n-a", true);
  await s.pending.flush();
  assert.deepEqual(s.sent("nudges.respond"), [
    { id: "n-b", action: "dismissed" },
    { id: "n-a", action: "helpful" },
  ]);
});

test("clicks: a nudge opens the pop-up page with its choices; the reflection opens its page", async () => {
  const s = setup({ maxButtons: 0 });
  await s.n.show([
    nudge("n-a"),
    nudge("n-r", {
      rule: "reflection",
      creator: null,
      choices: [
        { label: "See my week", action: "helpful", follow_up: "open_reflection" },
        { label: "Not now", action: "snoozed" },
      ],
    }),
  ]);
  await s.n.onClicked(NUDGE_PREFIX + "n-a");
  await s.n.onClicked(NUDGE_PREFIX + "n-r");
  await s.pending.flush();
  assert.deepEqual(s.opened, [
    `${EXT}pages/popup/popup.html?nudge=n-a`,
    `${EXT}pages/reflection/reflection.html`,
  ]);
  assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-r", action: "helpful" }]);
  assert.equal((await s.n.current("n-a")).id, "n-a", "a click alone answers nothing");
});

test("follow-ups: pages, reminders, the R5 pause, the R4 wind-down card, closing the tab", async () => {
  const tracker = makeTracker();
  tracker.dispatch({
    type: "sync",
    focusedWindowId: 1,
    idle: "active",
    tabs: [
      { tabId: 7, windowId: 1, url: URLS.news, active: false },
      { tabId: 8, windowId: 1, url: URLS.alice, active: true },
    ],
    now: T0,
  });
  tracker.dispatch({ type: "page-state", tabId: 8, ...page("alice"), now: T0 });
  const cases = [
    [
      "open_budget",
      (s) => assert.deepEqual(s.opened, [`${EXT}pages/options/options.html#rule-R7`]),
    ],
    [
      "open_options",
      (s) => assert.deepEqual(s.opened, [`${EXT}pages/options/options.html#rule-R1`]),
    ],
    [
      "open_reflection",
      (s) => assert.deepEqual(s.opened, [`${EXT}pages/reflection/reflection.html`]),
    ],
    ["open_checkin", (s) => assert.deepEqual(s.opened, [`${EXT}pages/popup/popup.html?checkin=1`])],
    ["close_tab", (s) => assert.deepEqual(s.removed, [8])],
    ["pause_page_24h", (s) => assert.equal(s.local.peek(PAUSE_UNTIL_KEY), T0 + PAUSE_DURATION_MS)],
    [
      "wind_down_card",
      (s) => {
        assert.deepEqual(s.sent("settings.set"), [
          { settings: { rules: { R4: { wind_down_card: true } } } },
        ]);
      },
    ],
    [
      "remind_later_today",
      (s) => {
        const name = `${REMINDER_PREFIX}n-a`;
        assert.deepEqual(s.alarms.get(name), { when: T0 + 3 * 3600_000 });
        assert.equal(s.local.peek(REMINDERS_KEY)[name].label, "Do it");
      },
    ],
  ];
  for (const [followUp, check] of cases) {
    const s = setup({ tracker });
    await s.n.show([
      nudge("n-a", { choices: [{ label: "Do it", action: "helpful", follow_up: followUp }] }),
    ]);
    assert.deepEqual(await s.n.choose("n-a", 0), { ok: true }, followUp);
    await s.pending.flush();
    check(s);
    assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-a", action: "helpful" }], followUp);
    assert.deepEqual(s.logs, [], followUp);
  }
});

test("follow-ups: close_tab leaves a tab that no longer shows a creator alone", async () => {
  const tracker = makeTracker();
  tracker.dispatch({
    type: "sync",
    focusedWindowId: 1,
    idle: "active",
    tabs: [{ tabId: 8, windowId: 1, url: URLS.alice, active: true }],
    now: T0,
  });
  const s = setup({ tracker });
  await s.n.show([
    nudge("n-a", { choices: [{ label: "Close", action: "helpful", follow_up: "close_tab" }] }),
  ]);
  tracker.dispatch({ type: "tab-updated", tabId: 8, url: URLS.news, now: T0 + 1000 });
  assert.deepEqual(await s.n.choose("n-a", 0), { ok: true });
  assert.deepEqual(s.removed, []);
  assert.match(s.logs.join("\n"), /no creator tab to close/);
});

test("reminders: the alarm shows a plain notification once, then forgets it", async () => {
  const s = setup();
  await s.n.show([nudge("n-a")]);
  await s.n.choose("n-a", 0);
  const name = `${REMINDER_PREFIX}n-a`;
  await s.n.onReminder(name);
  const opts = s.notifications.shown.get(name);
  assert.equal(opts.title, "Your reminder");
  assert.equal(opts.message, "Earlier you picked “Message someone later today”.");
  assert.equal("buttons" in opts, false);
  assert.deepEqual(s.local.peek(REMINDERS_KEY), {});
  s.notifications.shown.clear();
  await s.n.onReminder(name);
  assert.equal(s.notifications.shown.size, 0, "shown once");
});

test("remindPlan: the reflection's plan becomes a reminder; bad input names the field", async () => {
  const s = setup();
  const when = T0 + 2 * 3600_000;
  assert.deepEqual(await s.n.remindPlan("If Friday, then I'll call Sam", when), { ok: true });
  const name = `${REMINDER_PREFIX}plan`;
  assert.deepEqual(s.alarms.get(name), { when });
  assert.equal(s.local.peek(REMINDERS_KEY)[name].label, "If Friday, then I'll call Sam");
  await s.n.onReminder(name);
  assert.match(s.notifications.shown.get(name).message, /call Sam/);
  for (const [text, at, path] of [
    ["", when, "/text"],
    ["x".repeat(501), when, "/text"],
    ["Call Sam", T0 - 1, "/when"],
    ["Call Sam", "soon", "/when"],
  ]) {
    const r = await s.n.remindPlan(text, at);
    assert.equal(r.ok, false);
    assert.equal(r.error.path, path);
  }
});

test("reminderAt: in 5 min, later today +3 h, this evening 19:00, this weekend Saturday 11:00 (local)", () => {
  // 2026-11-25 is a Wednesday; local times, whatever the machine's time zone.
  const at = (d, h, m = 0) => new Date(2026, 10, d, h, m).getTime();
  const cases = [
    ["remind_in_5_min", at(25, 23, 58), at(26, 0, 3)],
    ["remind_later_today", at(25, 10), at(25, 13)],
    ["remind_this_evening", at(25, 10), at(25, 19)],
    ["remind_this_evening", at(25, 19, 30), at(25, 20, 30)],
    ["remind_this_evening", at(25, 22), at(26, 19)],
    ["remind_weekend", at(25, 10), at(28, 11)],
    ["remind_weekend", at(28, 9), at(28, 11)],
    ["remind_weekend", at(28, 12), at(29, 11)],
    ["remind_weekend", at(29, 10), at(29, 11)],
    ["remind_weekend", at(29, 12), new Date(2026, 11, 5, 11).getTime()],
    ["close_tab", at(25, 10), null],
  ];
  for (const [kind, now, want] of cases) {
    assert.equal(reminderAt(kind, now), want, `${kind} at ${new Date(now).toString()}`);
  }
});

test("pageFor: the options page opens at the rule's section", () => {
  assert.equal(pageFor("open_options", "R11"), "pages/options/options.html#rule-R11");
  assert.equal(pageFor("open_options", "first_week"), "pages/options/options.html");
  assert.equal(pageFor("open_support", "R2"), "pages/support/support.html");
  assert.equal(pageFor("remind_weekend", "R1"), null);
});

// --- inside the background ---------------------------------------------------------------

test("background: the alarm polls, the notification shows, its button answers the host", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.news, { active: true })] });
  const notifications = new FakeNotifications();
  browser.api.notifications = notifications;
  browser.api.runtime.getURL = (p) => EXT + p;
  const handed = [nudge("n-e2e")];
  browser.host.handler = (msg) => {
    if (msg.type === "nudges.poll")
      return { id: msg.id, ok: true, body: { nudges: handed.splice(0) } };
    return { id: msg.id, ok: true, body: okBody(msg) };
  };
  const clock = new FakeClock(T0);
  const bg = startBackground({
    caps: browser.caps,
    now: clock.now,
    resolveUrl: fakeResolve,
    portDeps: { setTimer: clock.setTimer, clearTimer: clock.clearTimer },
    console: { warn: () => {}, error: () => {} },
  });
  await bg.ready;
  await settle();
  assert.ok(browser.alarms.get(NUDGE_ALARM), "the periodic alarm exists");
  // The first session already polled (and got n-e2e).
  assert.equal(browser.host.requests("nudges.poll").length, 1);
  assert.ok(notifications.shown.has(NUDGE_PREFIX + "n-e2e"));

  browser.api.alarms.onAlarm.emit({ name: NUDGE_ALARM });
  await settle();
  assert.equal(browser.host.requests("nudges.poll").length, 2);

  const current = await browser.send({ kind: "nudges.current" }, FROM_POPUP_URL);
  assert.deepEqual(current, { ok: true, nudge: nudge("n-e2e") });
  const refused = await browser.send({ kind: "nudges.current" }, fromTab(tab(1, URLS.news)));
  assert.equal(refused.error.code, "forbidden", "content scripts can't ask");

  notifications.onButtonClicked.emit(NUDGE_PREFIX + "n-e2e", 1);
  await settle();
  assert.deepEqual(
    browser.host.requests("nudges.respond").map((m) => m.body),
    [{ id: "n-e2e", action: "snoozed" }],
  );
  assert.deepEqual(await browser.send({ kind: "nudges.current" }, FROM_POPUP_URL), {
    ok: true,
    nudge: null,
  });
  assert.equal(browser.local.peek(CURRENT_KEY), null);
  bg.port.close();
});

const FROM_POPUP_URL = { ...FROM_POPUP, url: `${EXT}pages/popup/popup.html` };

test("a button press and the close that follows it: the press is the answer", async () => {
  const s = setup();
  await s.n.show([nudge("n-a")]);
  // Both arrive before either is handled (as browser events can).
  await Promise.all([
    s.n.onButtonClicked(NUDGE_PREFIX + "n-a", 0),
    s.n.onClosed(NUDGE_PREFIX + "n-a", true),
  ]);
  await s.pending.flush();
  assert.deepEqual(s.sent("nudges.respond"), [{ id: "n-a", action: "helpful" }]);
});
