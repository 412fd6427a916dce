// The background's wiring against a fake browser and a fake host: browser events and
// messages in, activity.record frames out, state that survives a worker restart.

import { test } from "node:test";
import assert from "node:assert/strict";
import { TICK_ALARM, startBackground } from "../../../extension/src/background/main.js";
import { installTestHook } from "../../../extension/src/background/test_hook.js";
import { okBody } from "./support/fake_native.mjs";
import { FROM_POPUP, FakeStorage, fromTab, makeFakeBrowser, tab } from "./support/fake_browser.mjs";
import { FakeClock, settle } from "./support/fake_timers.mjs";
import { fakeResolve, URLS } from "./support/tracker_harness.mjs";

const T0 = 1_700_000_000_000;

async function boot(browser, clock = new FakeClock(T0)) {
  let n = 0;
  const errors = [];
  const bg = startBackground({
    caps: browser.caps,
    now: clock.now,
    newId: () => `id-${clock.now()}-${++n}`,
    offsetAt: () => 0,
    resolveUrl: fakeResolve,
    portDeps: { setTimer: clock.setTimer, clearTimer: clock.clearTimer },
    console: { warn: () => {}, error: (...a) => errors.push(a) },
  });
  await bg.ready;
  await settle();
  return { bg, clock, errors };
}

function recorded(host) {
  return host.requests("activity.record").flatMap((m) => m.body.spans ?? []);
}

/** The last version of each span the host received: "handle attention start-end" (s after T0). */
function hostLedger(host) {
  const byId = new Map();
  for (const s of recorded(host)) byId.set(s.id, s);
  return [...byId.values()].map(
    (s) =>
      `${s.kind} ${s.platform}/${s.handle} ${s.attention} ${(s.start - T0) / 1000}-${(s.end - T0) / 1000}`,
  );
}

async function fireAlarm(browser, clock, ms = 30_000) {
  await clock.advance(ms);
  browser.api.alarms.onAlarm.emit({ name: TICK_ALARM });
  await settle();
}

test("main: on start it applies the browser's state, says hello, fetches and applies settings", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.alice, { active: true })] });
  browser.host.handler = (msg) =>
    msg.type === "settings.get"
      ? {
          id: msg.id,
          ok: true,
          body: { settings: { tracking: { idle_threshold_s: 120 }, connection_sites: [] } },
        }
      : { id: msg.id, ok: true, body: okBody(msg) };
  const { bg } = await boot(browser);
  assert.deepEqual(browser.host.received.map((m) => m.type).slice(0, 2), ["hello", "settings.get"]);
  assert.equal(bg.port.state.status, "connected");
  assert.deepEqual(browser.idleIntervals, [60, 120], "cached default first, then the host's value");
  assert.deepEqual(browser.local.peek("settings").tracking, { idle_threshold_s: 120 });
  assert.deepEqual(bg.tracker.settings.connection_sites, []);
  assert.deepEqual(
    bg.tracker.current().map((c) => [c.handle, c.state]),
    [["alice", "reading"]],
  );
  assert.ok(browser.alarms.get(TICK_ALARM), "ticking while something is counted");
  assert.equal(browser.alarms.get(TICK_ALARM).periodInMinutes, 0.5);
});

test("main: ticks send the growing span; a tab switch closes it; the outbox empties on ack", async () => {
  const browser = makeFakeBrowser({
    tabs: [tab(1, URLS.alice, { active: true }), tab(2, URLS.news)],
  });
  const { bg, clock } = await boot(browser);
  await fireAlarm(browser, clock);
  await fireAlarm(browser, clock);
  assert.deepEqual(hostLedger(browser.host), ["creator youtube/alice focused 0-60"]);
  assert.equal(new Set(recorded(browser.host).map((s) => s.id)).size, 1, "one span, sent twice");
  await clock.advance(5000);
  browser.api.tabs.onActivated.emit({ tabId: 2, windowId: 1 });
  await settle();
  assert.deepEqual(hostLedger(browser.host), ["creator youtube/alice focused 0-65"]);
  assert.equal(bg.outbox.size, 0);
  assert.equal(browser.alarms.has(TICK_ALARM), false, "no periodic work when nothing is counted");
});

test("main: content script page-state and marks; bad messages get an error naming the field", async () => {
  const watch = tab(1, URLS.watch1, { active: true });
  const browser = makeFakeBrowser({ tabs: [watch] });
  const { bg, clock } = await boot(browser);
  assert.deepEqual(bg.tracker.current(), [], "a watch page needs the page to say whose it is");
  const reply = await browser.send(
    {
      kind: "page-state",
      at: clock.now(),
      page: { type: "creator", platform: "youtube", handle: "alice", label: "Alice", live: false },
      media: { playing: true, video: true },
      visible: true,
    },
    fromTab(watch),
  );
  assert.deepEqual(reply, { ok: true });
  await settle();
  assert.deepEqual(
    bg.tracker.current().map((c) => [c.handle, c.label, c.state]),
    [["alice", "Alice", "watching"]],
  );

  const bad = await browser.send(
    {
      kind: "page-state",
      at: clock.now(),
      page: { type: "creator", platform: "YouTube!", handle: "x" },
      media: { playing: false },
      visible: true,
    },
    fromTab(watch),
  );
  assert.deepEqual(bad, {
    ok: false,
    error: "page-state: page.platform: must match [a-z0-9.-]{1,32}",
  });

  const fromFrame = await browser.send({ kind: "mark" }, { ...fromTab(watch), frameId: 3 });
  assert.match(fromFrame.error, /only a tab's top frame/);

  const mark = await browser.send(
    {
      kind: "mark",
      at: clock.now() + 3_600_000,
      what: "chat",
      platform: "youtube",
      handle: "alice",
      count: 3,
    },
    fromTab(watch),
  );
  assert.deepEqual(mark, { ok: true });
  await settle();
  const marks = browser.host.requests("activity.record").flatMap((m) => m.body.marks ?? []);
  assert.equal(marks.length, 1);
  assert.equal(marks[0].at, clock.now(), "a mark from the page's future is clamped to now");
  assert.equal(marks[0].count, 3);

  const badMark = await browser.send(
    { kind: "mark", at: clock.now(), what: "tip", platform: "youtube", handle: "alice" },
    fromTab(watch),
  );
  assert.deepEqual(badMark, { ok: false, error: 'mark: what: must be "spend" or "chat"' });
});

test("main: marks from private windows are not recorded unless allowed", async () => {
  const priv = tab(9, URLS.alice, { active: true, incognito: true });
  const browser = makeFakeBrowser({ tabs: [priv] });
  const { bg } = await boot(browser);
  const reply = await browser.send(
    { kind: "mark", at: T0, what: "spend", platform: "youtube", handle: "alice" },
    fromTab(priv),
  );
  assert.deepEqual(reply, { ok: true, ignored: "private window" });
  assert.equal(bg.outbox.size, 0);
  assert.deepEqual(bg.tracker.current(), []);
});

test("main: messages from other extensions are not answered; unknown kinds get an error", async () => {
  const browser = makeFakeBrowser();
  await boot(browser);
  assert.equal(await browser.send({ kind: "status" }, { id: "someone-else" }), undefined);
  assert.deepEqual(await browser.send({ kind: "launch" }, FROM_POPUP), {
    ok: false,
    error: 'unknown message kind "launch"',
  });
});

test("main: the pop-up's status says what is counted, what waits, and how to fix the host", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.alice, { active: true })] });
  browser.host.mode = "forbidden";
  const { clock } = await boot(browser);
  await fireAlarm(browser, clock);
  const s = await browser.send({ kind: "status" }, FROM_POPUP);
  assert.equal(s.connection.status, "forbidden");
  assert.equal(s.connection.error, "Access to the specified native messaging host is forbidden.");
  assert.equal(s.extensionId, "mhedandambbmemhakpeljdpoklmmikid");
  assert.equal(s.outbox.pending, 1, "the span waits in the outbox");
  assert.equal(s.outbox.total, 0);
  assert.deepEqual(
    s.counting.map((c) => [c.platform, c.handle, c.state]),
    [["youtube", "alice", "reading"]],
  );
});

test("main: a worker restart continues the open span (same id) and resends what waits", async () => {
  const local = new FakeStorage();
  const session = new FakeStorage();
  const tabs = [tab(1, URLS.alice, { active: true })];
  const clock = new FakeClock(T0);
  const first = makeFakeBrowser({ local, session, tabs });
  first.host.handler = (msg) =>
    msg.type === "activity.record" ? null : { id: msg.id, ok: true, body: okBody(msg) };
  const a = await boot(first, clock);
  await fireAlarm(first, clock);
  await fireAlarm(first, clock);
  assert.equal(a.bg.outbox.size, 1, "sent, never acknowledged");
  const openId = a.bg.tracker.snapshot().open[1].id;
  a.bg.port.close(); // the worker stops: its port closes with it

  await clock.advance(20_000);
  const second = makeFakeBrowser({ local, session, tabs });
  const b = await boot(second, clock);
  assert.equal(b.bg.tracker.snapshot().open[1].id, openId, "the same span goes on");
  assert.deepEqual(
    hostLedger(second.host),
    ["creator youtube/alice focused 0-60"],
    "resent at once",
  );
  await fireAlarm(second, clock, 10_000);
  assert.deepEqual(hostLedger(second.host), ["creator youtube/alice focused 0-90"]);
  assert.equal(b.bg.outbox.size, 0);
});

test("main: a restart after a long stop (sleep) ends the span when the worker was last alive", async () => {
  const local = new FakeStorage();
  const session = new FakeStorage();
  const tabs = [tab(1, URLS.alice, { active: true })];
  const clock = new FakeClock(T0);
  const first = makeFakeBrowser({ local, session, tabs });
  const a = await boot(first, clock);
  await fireAlarm(first, clock);
  a.bg.port.close();
  await clock.advance(3_600_000);
  const second = makeFakeBrowser({ local, session, tabs });
  await boot(second, clock);
  assert.deepEqual(hostLedger(second.host), ["creator youtube/alice focused 0-30"]);
});

test("main: browser events reach the tracker (focus, idle, removal, URL change)", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.alice, { active: true })] });
  const { bg, clock } = await boot(browser);
  const step = async (ms, fire) => {
    await clock.advance(ms);
    fire();
    await settle();
  };
  await step(10_000, () => browser.api.windows.onFocusChanged.emit(-1));
  await step(10_000, () => browser.api.windows.onFocusChanged.emit(1));
  await step(10_000, () => browser.api.idle.onStateChanged.emit("idle"));
  await step(10_000, () => browser.api.idle.onStateChanged.emit("active"));
  const moved = tab(1, URLS.bob, { active: true });
  await step(10_000, () => browser.api.tabs.onUpdated.emit(1, { title: "x" }, moved));
  assert.equal(bg.tracker.current()[0].handle, "alice", "a title change is not a navigation");
  await step(0, () => browser.api.tabs.onUpdated.emit(1, { url: URLS.bob }, moved));
  await step(10_000, () =>
    browser.api.tabs.onRemoved.emit(1, { windowId: 1, isWindowClosing: false }),
  );
  assert.deepEqual(hostLedger(browser.host), [
    "creator youtube/alice focused 0-10",
    "creator youtube/alice focused 20-30",
    "creator youtube/alice focused 40-50",
    "creator youtube/bob focused 50-60",
  ]);
});

test("main: the test hook feeds events, moves the clock and reads the state", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.alice, { active: true })] });
  const { bg } = await boot(browser);
  const g = {};
  installTestHook(g, bg);
  const hook = g.__parasolTest;
  assert.equal(await hook.ready(), true);
  hook.advanceClock(30_000);
  await hook.tick();
  hook.advanceClock(10 * 60_000); // asleep: no tick for ten minutes
  await hook.tick();
  hook.advanceClock(15_000);
  const updates = await hook.dispatch({ type: "idle", state: "locked" });
  assert.equal(updates.length, 1);
  await hook.flush();
  const state = await hook.state();
  assert.equal(state.port.status, "connected");
  assert.equal(state.outbox.pending, 0);
  assert.equal(state.tracker.idle, "locked");
  assert.deepEqual(state.counting, []);
  assert.deepEqual(hostLedger(browser.host), [
    "creator youtube/alice focused 0-30",
    "creator youtube/alice focused 630-645",
  ]);
  assert.ok(Object.isFrozen(hook));
});

test("main: on start it asks open pages that only they can attribute for their page-state", async () => {
  const browser = makeFakeBrowser({
    tabs: [tab(1, URLS.watch1, { active: true }), tab(2, URLS.watch2), tab(3, URLS.alice)],
  });
  browser.pageAnswers.set(1, {
    kind: "page-state",
    at: T0,
    page: { type: "creator", platform: "youtube", handle: "alice", live: false },
    media: { playing: true, video: true },
    visible: true,
  });
  const { bg } = await boot(browser);
  assert.deepEqual(
    browser.sentToTabs.map((m) => [m.tabId, m.msg.kind, m.options.frameId]),
    [
      [1, "page-state-request", 0],
      [2, "page-state-request", 0],
    ],
    "tab 3's URL names its creator: no need to ask",
  );
  await settle();
  assert.deepEqual(
    bg.tracker.current().map((c) => [c.handle, c.state]),
    [["alice", "watching"]],
  );
});
