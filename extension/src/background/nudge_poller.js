// @ts-check
// When to ask the host for nudges (NUDGES.md "Breakpoints only"): at a breakpoint (media
// ended or paused on a creator tab, a creator tab hidden or closed, navigation away from a
// creator page, a new session) and on a periodic alarm, never while media plays in the
// focused tab or a call is open: then the next breakpoint asks. The host decides whether
// anything is due; this module only decides whether now is a moment to show it.
//
// The breakpoints are read from the tracker's state (tracker.js, a plain JSON snapshot)
// before and after each event, so the tracker itself knows nothing of nudges.

import { isRetryable } from "./native_port.js";

export const NUDGE_ALARM = "parasol-nudges";
export const DEFAULT_PERIOD_MIN = 15;
/**
 * storage.local key: the alarm's period in minutes, when set (a positive number). For
 * tests, which can't wait 15 minutes; read when the poller starts and whenever it changes.
 */
export const PERIOD_KEY = "nudges.poll_period_min";
/** storage.session key: set once the browser's first session has been seen. */
export const SESSION_KEY = "nudges.session_seen";
/** Breakpoints closer together than this ask once (pause/play/pause is one moment). */
export const BREAKPOINT_GAP_MS = 60_000;

/**
 * @typedef {import("./tracker.js").TrackerState} TrackerState
 * @typedef {import("./tracker.js").TabFacts} TabFacts
 * @typedef {{platform: string, handle: string}} CreatorKey
 *
 * What the poller needs to know of the browser at one moment.
 * @typedef {object} Activity
 * @property {number} focusedTab   the visible tab of the focused window, -1 for none
 * @property {Record<string, {creator: CreatorKey | null, unknown: boolean, playing: boolean}>} tabs
 *   creator: whose page the tab shows (null: nobody's, or not known yet); unknown: only the
 *   page can tell whose it is and has not told yet
 * @property {"active" | "idle" | "locked"} idle
 * @property {boolean} mediaInFocus  media plays in the focused tab
 * @property {boolean} inCall        a call (connection site of kind "call") is open
 *
 * @typedef {"media-stopped" | "tab-hidden" | "tab-closed" | "navigated-away" |
 *   "session-start" | "new-session"} Breakpoint
 */

/**
 * @param {TrackerState} s
 * @returns {Activity}
 */
export function activityOf(s) {
  const focusedTab = focusedTabOf(s);
  /** @type {Activity["tabs"]} */
  const tabs = {};
  for (const [id, tab] of Object.entries(s.tabs)) {
    tabs[id] = { ...creatorOf(tab), playing: playingOf(tab) };
  }
  const calls = new Set(
    (s.settings?.connection_sites ?? []).filter((c) => c.kind === "call").map((c) => c.platform),
  );
  const focused = s.tabs[focusedTab];
  const inCall =
    Object.values(s.open).some((o) => o.kind === "connection" && calls.has(o.platform)) ||
    (focused !== undefined && focused.conn !== null && calls.has(focused.conn));
  return {
    focusedTab,
    tabs,
    idle: s.idle,
    mediaInFocus:
      focused !== undefined &&
      s.idle !== "locked" &&
      focused.pageVisible !== false &&
      playingOf(focused),
    inCall,
  };
}

/**
 * Whether now is no moment for a nudge: media in the focused tab, a call, a locked screen
 * (nobody there to read it).
 * @param {Activity} a
 */
export function isBusy(a) {
  return a.mediaInFocus || a.inCall || a.idle === "locked";
}

/**
 * The breakpoint between two moments, if any.
 * @param {Activity | null} prev null: the first moment this worker has seen
 * @param {Activity} next
 * @returns {Breakpoint | null}
 */
export function breakpointBetween(prev, next) {
  if (!prev) return null;
  if (prev.idle !== "active" && next.idle === "active") return "new-session";
  for (const [id, was] of Object.entries(prev.tabs)) {
    if (!was.creator) continue;
    const now = next.tabs[id];
    if (!now) return "tab-closed";
    if (!now.creator) {
      // A page whose creator is not known yet may still be the same creator's: only a page
      // known to be nobody's is a navigation away.
      if (!now.unknown) return "navigated-away";
      continue;
    }
    if (was.playing && !now.playing && sameCreator(was.creator, now.creator)) {
      return "media-stopped";
    }
  }
  const left = prev.tabs[prev.focusedTab];
  if (left?.creator && next.focusedTab !== prev.focusedTab && next.tabs[prev.focusedTab]) {
    return "tab-hidden";
  }
  return null;
}

/** @param {CreatorKey} a @param {CreatorKey} b */
function sameCreator(a, b) {
  return a.platform === b.platform && a.handle === b.handle;
}

/** The tracker's rule (tracker.js #focusedTabId): the newest active tab of the focused window. */
/** @param {TrackerState} s */
function focusedTabOf(s) {
  let best = -1;
  let bestAt = -Infinity;
  for (const [id, tab] of Object.entries(s.tabs)) {
    if (tab.active && tab.windowId === s.focusedWindowId && tab.activatedAt > bestAt) {
      best = Number(id);
      bestAt = tab.activatedAt;
    }
  }
  return best;
}

/** @param {TabFacts} tab */
function playingOf(tab) {
  return tab.playing || (tab.audible && !tab.muted);
}

/**
 * Whose page a tab shows, as the tracker reads it (tracker.js #identity).
 * @param {TabFacts} tab
 * @returns {{creator: (CreatorKey & {label: string}) | null, unknown: boolean}}
 */
function creatorOf(tab) {
  if (!tab.web || tab.conn) return { creator: null, unknown: false };
  /** @type {import("./tracker.js").UrlIdentity} */
  const id =
    tab.page && tab.page.url === tab.url
      ? tab.page.identity
      : tab.pending
        ? tab.pending.prev
        : tab.urlIdentity;
  if (id === "page") return { creator: null, unknown: true };
  if (!id || id.kind !== "creator") return { creator: null, unknown: false };
  return { creator: { platform: id.platform, handle: id.handle, label: id.label }, unknown: false };
}

/**
 * @typedef {object} NudgePollerDeps
 * @property {{connected: boolean, request: (type: string, body?: object) => Promise<any>}} port
 * @property {any} alarms        chrome.alarms (promise style)
 * @property {import("./outbox.js").StorageArea} local
 * @property {import("./outbox.js").StorageArea} session  storage.session (or local)
 * @property {(nudges: any[]) => Promise<void>} deliver  shows what the host handed out
 * @property {() => number} now
 * @property {(...args: any[]) => void} [log]
 */

export class NudgePoller {
  #d;
  /** @type {Activity | null} */
  #last = null;
  /** @type {Promise<void> | null} */
  #inflight = null;
  #lastBreakpointPoll = -Infinity;
  /** @type {string | null} the last failure logged, so a host that keeps failing logs once */
  #lastFailure = null;
  #sessionChecked = false;
  /** @type {string | null} a breakpoint met while the host was away (or still connecting) */
  #owed = null;
  /** @type {{at: number, reason: string, outcome: string} | null} */
  #lastPoll = null;
  #polls = 0;

  /** @param {NudgePollerDeps} deps */
  constructor(deps) {
    this.#d = { log: () => {}, ...deps };
  }

  /** Creates the periodic alarm (with the period from PERIOD_KEY, if set). */
  async start() {
    const got = await this.#d.local.get(PERIOD_KEY);
    await this.setPeriod(got[PERIOD_KEY]);
  }

  /**
   * (Re)creates the alarm with this period when it differs from the one running.
   * @param {unknown} periodMin minutes; anything but a positive number means the default
   */
  async setPeriod(periodMin) {
    const period =
      typeof periodMin === "number" && Number.isFinite(periodMin) && periodMin > 0
        ? periodMin
        : DEFAULT_PERIOD_MIN;
    const existing = await this.#d.alarms.get(NUDGE_ALARM);
    // Re-creating an alarm restarts its period: only when it is absent or different.
    if (existing && existing.periodInMinutes === period) return;
    await this.#d.alarms.create(NUDGE_ALARM, { delayInMinutes: period, periodInMinutes: period });
  }

  /**
   * After each tracker event: polls when the event made a breakpoint and now is no busy
   * moment.
   * @param {TrackerState} state the tracker's state after the event
   * @returns {Promise<Breakpoint | null>} the breakpoint seen (polled or not)
   */
  async observe(state) {
    const next = activityOf(state);
    const prev = this.#last;
    this.#last = next;
    let bp = breakpointBetween(prev, next);
    if (!this.#sessionChecked) {
      this.#sessionChecked = true;
      const got = await this.#d.session.get(SESSION_KEY);
      if (!got[SESSION_KEY]) {
        await this.#d.session.set({ [SESSION_KEY]: this.#d.now() });
        bp = "session-start";
      }
    }
    if (!bp) return null;
    const t = this.#d.now();
    if (isBusy(next) || t - this.#lastBreakpointPoll < BREAKPOINT_GAP_MS) return bp;
    if (!this.#d.port.connected) {
      // Typically the browser's start: the port is still saying hello. It polls when ready.
      this.#owed = bp;
      return bp;
    }
    this.#lastBreakpointPoll = t;
    this.poll(bp);
    return bp;
  }

  /**
   * The host (re)connected: a breakpoint met while it was away polls now, unless busy.
   * @param {TrackerState | null} state
   */
  onHostReady(state) {
    const owed = this.#owed;
    this.#owed = null;
    if (!owed || (state && isBusy(activityOf(state)))) return Promise.resolve();
    this.#lastBreakpointPoll = this.#d.now();
    return this.poll(owed);
  }

  /**
   * The periodic alarm: polls unless busy (then the next breakpoint will).
   * @param {TrackerState | null} state
   */
  onAlarm(state) {
    const a = state ? activityOf(state) : null;
    if (a && isBusy(a)) {
      this.#record("alarm", "busy");
      return Promise.resolve();
    }
    return this.poll("alarm");
  }

  /**
   * One nudges.poll unless one is in flight (then that one's result stands); no host, no
   * poll. Never rejects: failures are logged once per kind.
   * @param {string} reason
   * @returns {Promise<void>}
   */
  poll(reason) {
    if (this.#inflight) return this.#inflight;
    if (!this.#d.port.connected) {
      this.#record(reason, "no host");
      return Promise.resolve();
    }
    this.#inflight = (async () => {
      try {
        const reply = await this.#d.port.request("nudges.poll", {});
        const nudges = Array.isArray(reply?.nudges) ? reply.nudges : [];
        this.#lastFailure = null;
        this.#record(reason, `${nudges.length} nudge(s)`);
        if (nudges.length) await this.#d.deliver(nudges);
      } catch (err) {
        const e = /** @type {any} */ (err);
        const code = String(e?.code ?? "internal");
        this.#record(reason, `failed: ${code}`);
        // A host without nudges (older version) answers the same error every time: once.
        if (this.#lastFailure !== code) {
          this.#lastFailure = code;
          if (!isRetryable(code) || code === "internal")
            this.#d.log(`parasol: nudges.poll failed (${code}): ${e?.message ?? e}`);
        }
      } finally {
        this.#inflight = null;
      }
    })();
    return this.#inflight;
  }

  /** For the test hook and diagnostics. */
  get status() {
    return { polls: this.#polls, last: this.#lastPoll, activity: this.#last };
  }

  /** @param {string} reason @param {string} outcome */
  #record(reason, outcome) {
    if (outcome !== "busy" && outcome !== "no host") this.#polls += 1;
    this.#lastPoll = { at: this.#d.now(), reason, outcome };
  }
}
