// When the extension asks the host for nudges: breakpoints read from the tracker's state,
// busy moments (media in the focused tab, a call, a locked screen), the periodic alarm, at
// most one poll in flight, no host no poll.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  BREAKPOINT_GAP_MS,
  DEFAULT_PERIOD_MIN,
  NUDGE_ALARM,
  NudgePoller,
  PERIOD_KEY,
  SESSION_KEY,
  activityOf,
  breakpointBetween,
  isBusy,
} from "../../../extension/src/background/nudge_poller.js";
import { NativeError } from "../../../extension/src/background/native_port.js";
import { FakeStorage } from "./support/fake_storage.mjs";
import { settle } from "./support/fake_timers.mjs";
import { URLS, makeTracker, page } from "./support/tracker_harness.mjs";

const T0 = 1_700_000_000_000;

/** Runs tracker events (without `now`) one by one; returns the breakpoint after each. */
function breakpoints(steps) {
  const tracker = makeTracker();
  let prev = null;
  let t = T0;
  const out = [];
  for (const ev of steps) {
    t += 1000;
    tracker.dispatch({ ...ev, now: t });
    const next = activityOf(tracker.snapshot());
    out.push(breakpointBetween(prev, next));
    prev = next;
  }
  return out;
}

const sync = (tabs, focusedWindowId = 1) => ({
  type: "sync",
  focusedWindowId,
  idle: "active",
  tabs: tabs.map(([tabId, url, active]) => ({ tabId, windowId: 1, url, active })),
});

test("breakpoints: media stopped, tab hidden or closed, navigation away, a new session", () => {
  const cases = [
    [
      "a creator's video pauses in the focused tab",
      [
        sync([[1, URLS.alice, true]]),
        { tabId: 1, ...page("alice", { playing: true }) },
        { tabId: 1, ...page("alice") },
      ],
      [null, null, "media-stopped"],
    ],
    [
      "another tab comes to the front, then back",
      [
        sync([
          [1, URLS.alice, true],
          [2, URLS.news, false],
        ]),
        { type: "tab-activated", tabId: 2, windowId: 1 },
        { type: "tab-activated", tabId: 1, windowId: 1 },
      ],
      [null, "tab-hidden", null],
    ],
    [
      "the window loses focus while a creator shows",
      [sync([[1, URLS.alice, true]]), { type: "window-focus", windowId: -1 }],
      [null, "tab-hidden"],
    ],
    [
      "the creator's tab closes",
      [sync([[1, URLS.alice, true]]), { type: "tab-removed", tabId: 1 }],
      [null, "tab-closed"],
    ],
    [
      "navigation to a page that is nobody's; from there to a creator",
      [
        sync([[1, URLS.alice, true]]),
        { type: "tab-updated", tabId: 1, url: URLS.news },
        { type: "tab-updated", tabId: 1, url: URLS.bob },
      ],
      [null, "navigated-away", null],
    ],
    [
      "navigation to a page only the page can name (a watch page) is no breakpoint yet",
      [sync([[1, URLS.alice, true]]), { type: "tab-updated", tabId: 1, url: URLS.watch1 }],
      [null, null],
    ],
    [
      "locked, then active again: a new session",
      [
        sync([[1, URLS.news, true]]),
        { type: "idle", state: "locked" },
        { type: "idle", state: "active" },
      ],
      [null, null, "new-session"],
    ],
    [
      "a paused background tab resumes and pauses: its media stopped",
      [
        sync([
          [1, URLS.news, true],
          [2, URLS.carol, false],
        ]),
        { type: "tab-updated", tabId: 2, audible: true },
        { type: "tab-updated", tabId: 2, audible: false },
      ],
      [null, null, "media-stopped"],
    ],
    [
      "nothing to do with creators: no breakpoints",
      [
        sync([
          [1, URLS.news, true],
          [2, URLS.whatsapp, false],
        ]),
        { type: "tab-activated", tabId: 2, windowId: 1 },
        { type: "tab-removed", tabId: 1 },
      ],
      [null, null, null],
    ],
  ];
  for (const [what, steps, want] of cases) assert.deepEqual(breakpoints(steps), want, what);
});

test("busy: media in the focused tab, a call open, a locked screen; not background audio", () => {
  const state = (events) => {
    const tracker = makeTracker();
    let t = T0;
    for (const ev of events) tracker.dispatch({ ...ev, now: (t += 1000) });
    return activityOf(tracker.snapshot());
  };
  const cases = [
    ["a creator page, nothing playing", [sync([[1, URLS.alice, true]])], false],
    [
      "a video plays in the focused tab",
      [sync([[1, URLS.alice, true]]), { tabId: 1, ...page("alice", { playing: true }) }],
      true,
    ],
    [
      "sound plays in a background tab",
      [
        sync([
          [1, URLS.news, true],
          [2, URLS.carol, false],
        ]),
        { type: "tab-updated", tabId: 2, audible: true },
      ],
      false,
    ],
    ["a call site in front", [sync([[1, URLS.meet, true]])], true],
    [
      "a call in a background tab, still on (audible)",
      [
        sync([
          [1, URLS.news, true],
          [2, URLS.meet, false],
        ]),
        { type: "tab-updated", tabId: 2, audible: true },
      ],
      true,
    ],
    ["a messaging site in front", [sync([[1, URLS.whatsapp, true]])], false],
    ["locked", [sync([[1, URLS.alice, true]]), { type: "idle", state: "locked" }], true],
    [
      "idle (reading without input)",
      [sync([[1, URLS.alice, true]]), { type: "idle", state: "idle" }],
      false,
    ],
  ];
  for (const [what, events, want] of cases) assert.equal(isBusy(state(events)), want, what);
});

// --- the poller ---------------------------------------------------------------------------

class FakeAlarms {
  all = new Map();
  created = 0;
  async create(name, info) {
    this.created += 1;
    this.all.set(name, { name, ...info });
  }
  async get(name) {
    return this.all.get(name);
  }
}

function fakePort() {
  const port = {
    connected: true,
    calls: [],
    /** @type {(type: string, body: any) => Promise<any>} */
    answer: async () => ({ nudges: [] }),
    request(type, body) {
      port.calls.push({ type, body });
      return port.answer(type, body);
    },
  };
  return port;
}

function makePoller({ session = new FakeStorage(), local = new FakeStorage() } = {}) {
  let t = T0;
  const port = fakePort();
  const delivered = [];
  const logs = [];
  const alarms = new FakeAlarms();
  const poller = new NudgePoller({
    port,
    alarms,
    local,
    session,
    deliver: async (nudges) => {
      delivered.push(...nudges);
    },
    now: () => t,
    log: (...a) => logs.push(a.join(" ")),
  });
  const tracker = makeTracker();
  const apply = async (ev) => {
    t += 1000;
    tracker.dispatch({ ...ev, now: t });
    const bp = await poller.observe(tracker.snapshot());
    await settle(); // the breakpoint's poll, if one started, has finished
    return bp;
  };
  return {
    poller,
    port,
    delivered,
    logs,
    alarms,
    apply,
    tracker,
    advance: (ms) => (t += ms),
    polls: () => port.calls.filter((c) => c.type === "nudges.poll").length,
  };
}

test("poller: the alarm runs every 15 minutes unless storage.local says otherwise", async () => {
  const p = makePoller();
  await p.poller.start();
  assert.deepEqual(p.alarms.all.get(NUDGE_ALARM), {
    name: NUDGE_ALARM,
    delayInMinutes: DEFAULT_PERIOD_MIN,
    periodInMinutes: DEFAULT_PERIOD_MIN,
  });
  await p.poller.start();
  assert.equal(
    p.alarms.created,
    1,
    "an alarm already right is not re-created (its period would restart)",
  );

  const local = new FakeStorage();
  await local.set({ [PERIOD_KEY]: 0.05 });
  const q = makePoller({ local });
  await q.poller.start();
  assert.equal(q.alarms.all.get(NUDGE_ALARM).periodInMinutes, 0.05);
  for (const bad of [0, -1, "5", null, Infinity]) {
    await q.poller.setPeriod(bad);
    assert.equal(q.alarms.all.get(NUDGE_ALARM).periodInMinutes, DEFAULT_PERIOD_MIN, String(bad));
  }
});

test("poller: the browser's first session polls once; a restarted worker does not", async () => {
  const session = new FakeStorage();
  const p = makePoller({ session });
  p.port.answer = async () => ({ nudges: [{ id: "n-1" }] });
  assert.equal(await p.apply(sync([[1, URLS.news, true]])), "session-start");
  assert.equal(p.polls(), 1);
  assert.deepEqual(p.delivered, [{ id: "n-1" }]);
  assert.ok(session.peek(SESSION_KEY));

  const q = makePoller({ session });
  assert.equal(await q.apply(sync([[1, URLS.news, true]])), null);
  assert.equal(q.port.calls.length, 0);
});

test("poller: a breakpoint polls unless busy; breakpoints within a minute poll once", async () => {
  const session = new FakeStorage();
  await session.set({ [SESSION_KEY]: 1 });
  const p = makePoller({ session });
  await p.apply(
    sync([
      [1, URLS.alice, true],
      [2, URLS.bob, false],
    ]),
  );
  await p.apply({ tabId: 1, ...page("alice", { playing: true }) });
  assert.equal(p.polls(), 0);
  assert.equal(await p.apply({ tabId: 1, ...page("alice") }), "media-stopped");
  assert.equal(p.polls(), 1);
  assert.equal(await p.apply({ type: "tab-activated", tabId: 2, windowId: 1 }), "tab-hidden");
  assert.equal(p.polls(), 1, "the second breakpoint came too soon after the first poll");

  p.advance(BREAKPOINT_GAP_MS);
  // Bob's video plays in the focused tab while Alice's tab closes: a breakpoint, but busy.
  await p.apply({ tabId: 2, ...page("bob", { playing: true }) });
  assert.equal(await p.apply({ type: "tab-removed", tabId: 1 }), "tab-closed");
  assert.equal(p.polls(), 1, "nothing while a video plays in the focused tab");
  assert.equal(await p.apply({ tabId: 2, ...page("bob") }), "media-stopped");
  assert.equal(p.polls(), 2, "the next breakpoint asks");
});

test("poller: the alarm polls unless busy; no host, no poll and no error", async () => {
  const p = makePoller();
  const tracker = makeTracker();
  tracker.dispatch({ ...sync([[1, URLS.alice, true]]), now: T0 });
  await p.poller.onAlarm(tracker.snapshot());
  assert.equal(p.polls(), 1);
  assert.equal(p.poller.status.last.reason, "alarm");

  tracker.dispatch({ tabId: 1, ...page("alice", { playing: true }), now: T0 + 1000 });
  await p.poller.onAlarm(tracker.snapshot());
  assert.equal(p.polls(), 1, "busy: waits for the next breakpoint");
  assert.equal(p.poller.status.last.outcome, "busy");

  tracker.dispatch({ tabId: 1, ...page("alice"), now: T0 + 2000 });
  p.port.connected = false;
  await p.poller.onAlarm(tracker.snapshot());
  assert.equal(p.polls(), 1, "no request without a host");
  assert.deepEqual(p.logs, []);
});

test("poller: at most one poll in flight", async () => {
  const p = makePoller();
  let release;
  p.port.answer = () =>
    new Promise((resolve) => {
      release = () => resolve({ nudges: [{ id: "n-2" }] });
    });
  const a = p.poller.poll("alarm");
  const b = p.poller.poll("tab-hidden");
  assert.equal(a, b, "the second call shares the first's poll");
  assert.equal(p.polls(), 1);
  release();
  await a;
  assert.deepEqual(p.delivered, [{ id: "n-2" }]);
  p.port.answer = async () => ({ nudges: [] });
  await p.poller.poll("alarm");
  assert.equal(p.polls(), 2, "a new poll once the first has finished");
});

test("poller: a failing host is logged once per kind of failure, never thrown", async () => {
  const p = makePoller();
  p.port.answer = async () => {
    throw new NativeError("unknown_type", "no such type nudges.poll");
  };
  await p.poller.poll("alarm");
  await p.poller.poll("alarm");
  assert.equal(p.logs.length, 1);
  assert.match(p.logs[0], /nudges\.poll failed \(unknown_type\)/);
  p.port.answer = async () => {
    throw new NativeError("disconnected", "gone");
  };
  await p.poller.poll("alarm");
  assert.equal(p.logs.length, 1, "a host going away is no news");
  p.port.answer = async () => ({ nudges: "nonsense" });
  await p.poller.poll("alarm");
  assert.deepEqual(p.delivered, [], "a reply without a list delivers nothing");
});

test("poller: a breakpoint met while the host is away polls once it is back", async () => {
  const p = makePoller();
  p.port.connected = false;
  assert.equal(await p.apply(sync([[1, URLS.news, true]])), "session-start");
  assert.equal(p.polls(), 0);
  p.port.connected = true;
  await p.poller.onHostReady(p.tracker.snapshot());
  assert.equal(p.polls(), 1);
  await p.poller.onHostReady(p.tracker.snapshot());
  assert.equal(p.polls(), 1, "owed once");
});
