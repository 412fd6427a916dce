// Drives a Tracker through a script of events and turns its output into a readable ledger:
// one line per span, "kind platform/handle attention start-end" in seconds.

import assert from "node:assert/strict";
import { MAX_SPAN_MS, Tracker } from "../../../../extension/src/background/tracker.js";
import { defaultTrackerSettings } from "../../../../extension/src/background/default_settings.js";

export const S = 1000;
export const MIN = 60 * S;

export const URLS = {
  alice: "https://www.youtube.com/@alice",
  bob: "https://www.youtube.com/@bob",
  carol: "https://www.twitch.tv/carol",
  watch1: "https://www.youtube.com/watch?v=aaaaaaaaaaa",
  watch2: "https://www.youtube.com/watch?v=bbbbbbbbbbb",
  watch3: "https://www.youtube.com/watch?v=ccccccccccc",
  home: "https://www.youtube.com/",
  news: "https://news.example.org/today",
  whatsapp: "https://web.whatsapp.com/",
  igDirect: "https://www.instagram.com/direct/t/123",
  igProfile: "https://www.instagram.com/dave/",
  meet: "https://meet.google.com/abc-defg-hij",
  chromeExt: "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/popup/popup.html",
  mozExt: "moz-extension://1b2c3d4e-0000-4000-8000-000000000000/popup/popup.html",
  chromePage: "chrome://settings/",
};

/** URL-only attribution like the real adapters: channel pages name the creator, watch
 * pages need the page, everything else is no creator's. */
export function fakeResolve(/** @type {URL} */ u) {
  if (u.hostname === "www.youtube.com") {
    if (u.pathname.startsWith("/@")) return { platform: "youtube", handle: u.pathname.slice(2) };
    if (u.pathname === "/watch") return "page";
    return null;
  }
  if (u.hostname === "www.twitch.tv") return { platform: "twitch", handle: u.pathname.slice(1) };
  if (u.hostname === "www.instagram.com") {
    return { platform: "instagram", handle: u.pathname.split("/")[1] };
  }
  if (u.protocol === "chrome-extension:" || u.protocol === "moz-extension:") {
    throw new Error("the tracker must not ask about extension pages");
  }
  return null;
}

/** @param {string} handle @param {string} [label] */
export function creator(handle, label = "") {
  return { kind: "creator", platform: "youtube", handle, label };
}

/** Page-state event fields. */
export function page(handle, { playing = false, visible = true, url, label } = {}) {
  return {
    type: "page-state",
    identity: handle ? creator(handle, label) : null,
    playing,
    visible,
    ...(url ? { url } : {}),
  };
}

/** @param {number} [idStart] ids continue after this number (a restored tracker) */
export function makeTracker(settingsPatch = {}, state = undefined, idStart = 0) {
  let n = idStart;
  const base = defaultTrackerSettings();
  const settings = {
    tracking: { ...base.tracking, ...(settingsPatch.tracking ?? {}) },
    connection_sites: settingsPatch.connection_sites ?? base.connection_sites,
  };
  const tracker = new Tracker(
    {
      resolveUrl: fakeResolve,
      newId: () => `span-${String(++n).padStart(4, "0")}`,
      offsetAt: () => 60,
    },
    state,
  );
  if (!state) tracker.dispatch({ type: "settings", settings, now: 0 });
  return tracker;
}

/**
 * Runs `steps` ([at, event] pairs, in time order). With autoTick, ticks every 30 s between
 * steps as the alarm would while spans are open, and a last tick at `end`.
 */
export function run(tracker, steps, { end, autoTick = true } = {}) {
  const updates = [];
  let last = null;
  const feed = (ev) => {
    const out = tracker.dispatch(ev);
    for (const u of out) updates.push({ ...u, at: ev.now });
  };
  const tickUntil = (t) => {
    if (!autoTick || last === null) return;
    for (let k = last + 30 * S; k < t; k += 30 * S) feed({ type: "tick", now: k });
  };
  for (const [at, ev] of steps) {
    tickUntil(at);
    feed({ ...ev, now: at });
    last = at;
  }
  if (end !== undefined) {
    tickUntil(end);
    feed({ type: "tick", now: end });
  }
  return updates;
}

/** The last version of each span id, oldest start first. */
export function finalSpans(updates) {
  const byId = new Map();
  for (const u of updates) byId.set(u.id, u);
  return [...byId.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** "creator youtube/alice focused 0-60" (seconds). */
export function ledger(updates) {
  return finalSpans(updates).map(
    (s) => `${s.kind} ${s.platform}/${s.handle} ${s.attention} ${fmt(s.start)}-${fmt(s.end)}`,
  );
}

function fmt(ms) {
  return Number.isInteger(ms / S) ? String(ms / S) : (ms / S).toFixed(3);
}

/** What must hold for any run: wire shape, no shrinking, no double-counted focus. */
export function checkInvariants(updates) {
  const lastEnd = new Map();
  for (const u of updates) {
    assert.ok(u.start <= u.end, `span ${u.id}: start ${u.start} after end ${u.end}`);
    assert.ok(u.end - u.start <= MAX_SPAN_MS, `span ${u.id} longer than the protocol allows`);
    assert.match(u.id, /^[A-Za-z0-9_-]{8,64}$/);
    assert.ok(["focused", "audible"].includes(u.attention));
    assert.ok(["creator", "connection"].includes(u.kind));
    if (u.kind === "connection") assert.equal(u.handle, "");
    const prev = lastEnd.get(u.id);
    if (prev) {
      assert.ok(u.end >= prev.end, `span ${u.id}: end went back from ${prev.end} to ${u.end}`);
      assert.equal(u.start, prev.start, `span ${u.id}: start changed`);
      assert.equal(u.handle, prev.handle, `span ${u.id}: handle changed`);
    }
    lastEnd.set(u.id, u);
  }
  const focused = finalSpans(updates).filter((s) => s.attention === "focused");
  for (let i = 0; i < focused.length; i++) {
    for (let j = i + 1; j < focused.length; j++) {
      const a = focused[i];
      const b = focused[j];
      assert.ok(
        a.end <= b.start || b.end <= a.start,
        `focused time counted twice: ${a.handle} ${a.start}-${a.end} and ${b.handle} ${b.start}-${b.end}`,
      );
    }
  }
}
