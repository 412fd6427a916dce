#!/usr/bin/env node
// The background's per-event cost and storage footprint: 10,000 scripted browser events
// (tab switches, navigations, page reports, focus and idle changes, with the 30 s ticks the
// alarm would add) through the tracker, the outbox and the tracker-state save, on the
// Map-backed storage fake. Prints ns/event and storage bytes per tracked hour.
//
// usage: node bench/extension_bench.mjs [--events N] [--seed S]

import { parseArgs } from "node:util";
import { Tracker } from "../extension/src/background/tracker.js";
import { Outbox } from "../extension/src/background/outbox.js";
import { TrackerStore } from "../extension/src/background/tracker_store.js";
import { FakeStorage } from "../tests/extension/background/support/fake_storage.mjs";

const { values } = parseArgs({
  options: { events: { type: "string", default: "10000" }, seed: { type: "string", default: "7" } },
});
const EVENTS = Number(values.events);
const T0 = 1_700_000_000_000;
const TABS = 30;
const WINDOWS = 3;
const CREATORS = 40;

/** Deterministic PRNG (mulberry32), so every run replays the same script. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resolveUrl(u) {
  if (u.hostname !== "www.youtube.com") return null;
  if (u.pathname.startsWith("/@")) return { platform: "youtube", handle: u.pathname.slice(2) };
  if (u.pathname === "/watch") return "page";
  return null;
}

/** The script: browser events (without ticks), each with its simulated time. */
function script(n, seed) {
  const rnd = prng(seed);
  const pick = (k) => Math.floor(rnd() * k);
  const urls = [
    () => `https://www.youtube.com/@creator${pick(CREATORS)}`,
    () => `https://www.youtube.com/watch?v=${String(pick(1e6)).padStart(11, "x")}`,
    () => "https://news.example.org/",
    () => "https://web.whatsapp.com/",
  ];
  const events = [];
  let t = T0;
  for (let i = 0; i < WINDOWS; i++) events.push({ type: "window-focus", windowId: i + 1, now: t });
  for (let tab = 1; tab <= TABS; tab++) {
    events.push({
      type: "tab-updated",
      tabId: tab,
      windowId: (tab % WINDOWS) + 1,
      url: urls[pick(4)](),
      now: t,
    });
  }
  while (events.length < n) {
    t += 500 + pick(5000);
    const tabId = 1 + pick(TABS);
    const windowId = (tabId % WINDOWS) + 1;
    const r = rnd();
    if (r < 0.3) events.push({ type: "tab-activated", tabId, windowId, now: t });
    else if (r < 0.5)
      events.push({ type: "tab-updated", tabId, windowId, url: urls[pick(4)](), now: t });
    else if (r < 0.8) {
      events.push({
        type: "page-state",
        tabId,
        identity: {
          kind: "creator",
          platform: "youtube",
          handle: `creator${pick(CREATORS)}`,
          label: "A Creator",
        },
        playing: rnd() < 0.6,
        visible: rnd() < 0.8,
        now: t,
      });
    } else if (r < 0.9)
      events.push({ type: "window-focus", windowId: rnd() < 0.1 ? -1 : 1 + pick(WINDOWS), now: t });
    else if (r < 0.97)
      events.push({ type: "idle", state: ["active", "idle", "locked"][pick(3)], now: t });
    else events.push({ type: "tab-updated", tabId, windowId, audible: rnd() < 0.5, now: t });
  }
  return events;
}

/** The script with the alarm's 30 s ticks in between (the alarm runs while spans are open). */
function withTicks(events) {
  const out = [];
  let next = events[0].now + 30_000;
  for (const ev of events) {
    while (next <= ev.now) {
      out.push({ type: "tick", now: next });
      next += 30_000;
    }
    out.push(ev);
  }
  return out;
}

function trackedMs(updates) {
  const byId = new Map();
  for (const u of updates) byId.set(u.id, u);
  let ms = 0;
  for (const s of byId.values()) ms += s.end - s.start;
  return ms;
}

async function main() {
  const events = withTicks(script(EVENTS, Number(values.seed)));
  const span = events.at(-1).now - events[0].now;
  const mkTracker = () => {
    let n = 0;
    return new Tracker({ resolveUrl, newId: () => `span-${++n}`, offsetAt: () => 60 });
  };

  // 1. The tracker alone (median of 5 runs: the machine is shared).
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let updates = [];
  const trackerRuns = [];
  for (let rep = 0; rep < 5; rep++) {
    const tracker = mkTracker();
    const out = [];
    const t = process.hrtime.bigint();
    for (const ev of events) for (const u of tracker.dispatch(ev)) out.push(u);
    trackerRuns.push(Number(process.hrtime.bigint() - t) / events.length);
    updates = out;
  }
  const trackerNs = median(trackerRuns);
  const tracked = trackedMs(updates) / 3_600_000;

  // 2. As the worker runs it: tracker, outbox put, tracker state saved, host acks each tick.
  let local;
  let session;
  let peakStored = 0;
  const fullRuns = [];
  for (let rep = 0; rep < 5; rep++) {
    local = new FakeStorage();
    session = new FakeStorage();
    const outbox = await Outbox.open(local);
    const store = new TrackerStore(session);
    const full = mkTracker();
    peakStored = 0;
    const t = process.hrtime.bigint();
    for (const ev of events) {
      const ups = full.dispatch(ev);
      if (ups.length)
        await outbox.put(
          ups.map((item) => ({ type: "span", item })),
          ev.now,
        );
      await store.save(full);
      if (ev.type === "tick") {
        for (let b = outbox.nextBatch(); b; b = outbox.nextBatch()) await outbox.ack(b);
      }
      peakStored = Math.max(peakStored, local.bytesStored);
    }
    fullRuns.push(Number(process.hrtime.bigint() - t) / events.length);
  }
  const fullNs = median(fullRuns);

  // 3. The host away the whole time: what the outbox holds per tracked hour.
  const away = new FakeStorage();
  const parked = await Outbox.open(away);
  const alone = mkTracker();
  for (const ev of events) {
    const ups = alone.dispatch(ev);
    if (ups.length)
      await parked.put(
        ups.map((item) => ({ type: "span", item })),
        ev.now,
      );
  }

  // 4. Steady viewing: one video playing for an hour with 30 tabs open; only the ticks.
  const steadyLocal = new FakeStorage();
  const steadySession = new FakeStorage();
  const steadyBox = await Outbox.open(steadyLocal);
  const steadyStore = new TrackerStore(steadySession);
  const steady = mkTracker();
  const setup = [{ type: "window-focus", windowId: 1, now: T0 }];
  for (let tab = 1; tab <= TABS; tab++) {
    setup.push({
      type: "tab-updated",
      tabId: tab,
      windowId: 1,
      url: `https://www.youtube.com/@creator${tab}`,
      now: T0,
    });
  }
  setup.push({ type: "tab-activated", tabId: 1, windowId: 1, now: T0 });
  setup.push({
    type: "page-state",
    tabId: 1,
    identity: { kind: "creator", platform: "youtube", handle: "creator1", label: "A Creator" },
    playing: true,
    visible: true,
    now: T0,
  });
  for (const ev of setup) steady.dispatch(ev);
  await steadyStore.save(steady);
  const [w0, s0] = [steadyLocal.bytesWritten, steadySession.bytesWritten];
  for (let k = 1; k <= 120; k++) {
    const ups = steady.dispatch({ type: "tick", now: T0 + k * 30_000 });
    await steadyBox.put(
      ups.map((item) => ({ type: "span", item })),
      T0 + k * 30_000,
    );
    await steadyStore.save(steady);
    for (let b = steadyBox.nextBatch(); b; b = steadyBox.nextBatch()) await steadyBox.ack(b);
  }

  const kb = (b) => (b / 1024).toFixed(1);
  const perHour = (b) => kb(b / tracked);
  console.log(
    `extension bench: ${EVENTS} browser events + ${events.length - EVENTS} ticks, ` +
      `${(span / 3_600_000).toFixed(1)} h simulated, ${tracked.toFixed(1)} h tracked (spans summed)`,
  );
  console.log(
    `  tracker alone:                      ${Math.round(trackerNs)} ns/event (median of 5)`,
  );
  console.log(`  tracker + outbox + state save:      ${Math.round(fullNs)} ns/event (median of 5)`);
  console.log(
    `  outbox writes (storage.local):      ${kb(local.bytesWritten)} KiB, ${perHour(local.bytesWritten)} KiB per tracked hour, peak stored ${kb(peakStored)} KiB`,
  );
  console.log(
    `  tracker state (storage.session):    ${kb(session.bytesWritten)} KiB written, ${perHour(session.bytesWritten)} KiB per tracked hour, ${kb(session.bytesStored)} KiB at the end`,
  );
  console.log(
    `  host away: outbox holds             ${parked.size} items, ${kb(away.bytesStored)} KiB, ${perHour(away.bytesStored)} KiB per tracked hour`,
  );
  console.log(
    `  steady viewing (1 h, 30 tabs open): ${kb(steadyLocal.bytesWritten - w0)} KiB outbox writes, ` +
      `${kb(steadySession.bytesWritten - s0)} KiB tracker-state writes per tracked hour`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
