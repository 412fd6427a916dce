// @ts-check
// The attention tracker: a pure state machine from browser events to spans.
//
// No browser API is touched here. Every event carries `now` (ms since the epoch); ids and
// UTC offsets come from injected functions. The whole state is plain JSON so the worker can
// persist it after every event and a restarted worker continues exactly where it stopped.
//
// Attention states, per tab:
//   watching   the visible tab of the focused window, media playing (no idle cut-off)
//   reading    the visible tab of the focused window, user active within the idle threshold
//   listening  any other tab playing sound (only with settings.tracking.background_audio)
//   (none)     idle without media, screen locked, window unfocused without sound, asleep
// At most one tab is "the visible tab of the focused window", so focused time is never
// counted twice; listening spans are per audible background tab.

import { truncateCodePoints } from "./code_points.js";
import { classifyConnection } from "./connection_sites.js";
import { defaultTrackerSettings } from "./default_settings.js";

/** A gap this long between two moments seen alive, with spans open (so the periodic alarm
 * should have ticked), means the machine slept or the worker was stopped. */
export const CLOCK_JUMP_MS = 2 * 60 * 1000;
/** How long the previous creator is kept provisionally after an in-page navigation to a
 * URL that only the page can attribute (a watch page), waiting for the content script. */
export const PENDING_MAX_MS = 10 * 1000;
/** PROTOCOL.md: end - start <= 86,400,000; longer stretches roll over into a new span. */
export const MAX_SPAN_MS = 86_400_000;
/** chrome.windows.WINDOW_ID_NONE (also Firefox's value). */
export const WINDOW_ID_NONE = -1;
export const STATE_VERSION = 1;

/** PROTOCOL.md: a label holds at most 200 characters (code points). */
const LABEL_MAX = 200;

/**
 * @typedef {import("./default_settings.js").TrackerSettings} TrackerSettings
 * @typedef {"creator" | "connection"} SpanKind
 * @typedef {"watching" | "reading" | "listening"} AttentionState
 * @typedef {"active" | "idle" | "locked"} IdleState
 * @typedef {{kind: SpanKind, platform: string, handle: string, label: string}} Identity
 * @typedef {Identity | null | "page"} UrlIdentity  "page": only the page can tell the creator
 *
 * @typedef {object} TabFacts
 * @property {number} windowId
 * @property {boolean} active        the selected tab of its window
 * @property {number} activatedAt    when it became active (breaks ties between windows)
 * @property {string | null} url
 * @property {boolean} web           an http(s) page (nothing else is ever counted)
 * @property {string | null} conn    the connection-site platform of the URL, if it is one
 * @property {boolean} incognito
 * @property {boolean} audible       tabs.audible: the browser hears sound (a second signal)
 * @property {boolean} muted
 * @property {UrlIdentity} urlIdentity
 * @property {{url: string, identity: Identity | null} | null} page  what the page reported
 * @property {boolean} playing       the page's main media element is playing
 * @property {boolean | null} pageVisible  the page's own visibility; null = not reported since
 *                                   the browser last made it visible
 * @property {{since: number, prev: Identity | null} | null} pending  see PENDING_MAX_MS
 *
 * @typedef {object} OpenSpan
 * @property {string} id
 * @property {number} tabId
 * @property {SpanKind} kind
 * @property {string} platform
 * @property {string} handle
 * @property {string} label
 * @property {AttentionState} state
 * @property {number} start
 * @property {number} end            last end sent out (grows with ticks)
 * @property {number} utc_offset_min
 *
 * @typedef {object} TrackerState
 * @property {number} v
 * @property {TrackerSettings} settings
 * @property {number} focusedWindowId
 * @property {IdleState} idle
 * @property {number | null} lastAlive  the last moment an event or tick was seen
 * @property {Record<string, TabFacts>} tabs
 * @property {Record<string, OpenSpan>} open  by tab id: a tab has at most one open span
 *
 * @typedef {object} SpanUpdate  a PROTOCOL.md activity.record Span
 * @property {string} id
 * @property {SpanKind} kind
 * @property {string} platform
 * @property {string} handle
 * @property {string} [label]
 * @property {number} start
 * @property {number} end
 * @property {number} utc_offset_min
 * @property {"focused" | "audible"} attention
 *
 * @typedef {{tabId: number, windowId?: number, url?: string | null, incognito?: boolean,
 *   audible?: boolean, muted?: boolean}} TabPatch
 *
 * @typedef {(
 *   {type: "tab-activated", tabId: number, windowId: number} |
 *   ({type: "tab-updated"} & TabPatch) |
 *   {type: "tab-removed", tabId: number} |
 *   {type: "window-removed", windowId: number} |
 *   {type: "window-focus", windowId: number} |
 *   {type: "idle", state: IdleState} |
 *   {type: "page-state", tabId: number, windowId?: number, url?: string, incognito?: boolean,
 *     identity: Identity | null, unknown?: boolean, playing: boolean, visible: boolean} |
 *   {type: "tick"} |
 *   {type: "settings", settings: TrackerSettings} |
 *   {type: "sync", focusedWindowId: number, idle: IdleState,
 *     tabs: Array<TabPatch & {windowId: number, active: boolean}>}
 * ) & {now: number}} TrackerEvent
 *
 * @typedef {object} TrackerDeps
 * @property {(url: URL) => UrlIdentity} [resolveUrl]  creator from the URL alone
 * @property {() => string} [newId]
 * @property {(instant: number) => number} [offsetAt]  minutes east of UTC at that instant
 */

/** @param {TrackerSettings} [settings] @returns {TrackerState} */
export function initialState(settings = defaultTrackerSettings()) {
  return {
    v: STATE_VERSION,
    settings,
    focusedWindowId: WINDOW_ID_NONE,
    idle: "active",
    lastAlive: null,
    tabs: {},
    open: {},
  };
}

export class Tracker {
  /** @type {TrackerState} */
  #s;
  /** @type {(url: URL) => UrlIdentity} */
  #resolveUrl;
  /** @type {() => string} */
  #newId;
  /** @type {(instant: number) => number} */
  #offsetAt;
  /** @type {SpanUpdate[]} */
  #out = [];

  /**
   * @param {TrackerDeps} [deps]
   * @param {TrackerState | null | undefined} [state] a snapshot() to continue from; one of
   *   another version (or none) starts afresh
   */
  constructor(deps = {}, state = undefined) {
    this.#resolveUrl = deps.resolveUrl ?? (() => null);
    this.#newId = deps.newId ?? (() => crypto.randomUUID());
    this.#offsetAt = deps.offsetAt ?? ((t) => -new Date(t).getTimezoneOffset());
    this.#s = state && state.v === STATE_VERSION ? state : initialState();
  }

  /** The whole state, JSON-serialisable; owned by the tracker (clone it to keep a copy). */
  snapshot() {
    return this.#s;
  }

  get settings() {
    return this.#s.settings;
  }

  hasOpenSpans() {
    return Object.keys(this.#s.open).length > 0;
  }

  /** Tabs on pages whose creator only the page can tell, that have not told yet. */
  tabsAwaitingPage() {
    const ids = [];
    for (const [id, tab] of Object.entries(this.#s.tabs)) {
      if (tab.web && !tab.conn && tab.urlIdentity === "page" && tab.page?.url !== tab.url) {
        ids.push(Number(id));
      }
    }
    return ids;
  }

  /** What is being counted right now (for the pop-up). */
  current() {
    return Object.values(this.#s.open).map((o) => ({
      kind: o.kind,
      platform: o.platform,
      handle: o.handle,
      label: o.label,
      state: o.state,
      start: o.start,
    }));
  }

  /**
   * Apply one event; returns the span updates it produced (closed spans, and on ticks the
   * open spans with their grown end), in order.
   * @param {TrackerEvent} ev
   * @returns {SpanUpdate[]}
   */
  dispatch(ev) {
    this.#out = [];
    const now = this.#begin(ev.now);
    switch (ev.type) {
      case "tab-activated":
        this.#activate(ev.tabId, ev.windowId, now);
        break;
      case "tab-updated":
        this.#patchTab(ev, now);
        break;
      case "tab-removed":
        this.#removeTab(ev.tabId, now);
        break;
      case "window-removed":
        for (const [id, tab] of Object.entries(this.#s.tabs)) {
          if (tab.windowId === ev.windowId) this.#removeTab(Number(id), now);
        }
        break;
      case "window-focus":
        this.#s.focusedWindowId = ev.windowId;
        for (const tab of Object.values(this.#s.tabs)) {
          if (tab.windowId === ev.windowId) tab.pageVisible = null;
        }
        break;
      case "idle":
        this.#s.idle = ev.state;
        break;
      case "page-state":
        this.#pageState(ev, now);
        break;
      case "tick":
        break;
      case "settings":
        this.#s.settings = ev.settings;
        for (const tab of Object.values(this.#s.tabs)) this.#classify(tab);
        break;
      case "sync":
        this.#sync(ev, now);
        break;
      default:
        throw new Error(
          `tracker: unknown event type ${JSON.stringify(/** @type {any} */ (ev).type)}`,
        );
    }
    this.#reconcileAll(now);
    if (ev.type === "tick") this.#grow(now);
    return this.#out;
  }

  // --- time -------------------------------------------------------------------------------

  /** Detects sleep and clock jumps; returns the `now` to use for this event. */
  /** @param {number} now */
  #begin(now) {
    const last = this.#s.lastAlive;
    if (last !== null) {
      if (now < last) {
        if (last - now > CLOCK_JUMP_MS) this.#closeAll(last);
        else now = last; // a small step back (clock adjustment): never end before start
      } else if (now - last > CLOCK_JUMP_MS && this.hasOpenSpans()) {
        this.#closeAll(last);
      }
    }
    this.#s.lastAlive = now;
    return now;
  }

  /** @param {number} at */
  #closeAll(at) {
    for (const span of Object.values(this.#s.open)) {
      const tab = this.#s.tabs[span.tabId];
      this.#close(span, tab?.pending ? Math.min(at, tab.pending.since) : at);
      if (tab?.pending) tab.pending.prev = null;
    }
  }

  // --- facts ------------------------------------------------------------------------------

  /** @param {number} tabId @param {number} windowId @returns {TabFacts} */
  #tab(tabId, windowId) {
    let tab = this.#s.tabs[tabId];
    if (!tab) {
      tab = {
        windowId,
        active: false,
        activatedAt: 0,
        url: null,
        web: false,
        conn: null,
        incognito: false,
        audible: false,
        muted: false,
        urlIdentity: null,
        page: null,
        playing: false,
        pageVisible: null,
        pending: null,
      };
      this.#s.tabs[tabId] = tab;
    }
    return tab;
  }

  /** @param {number} tabId @param {number} windowId @param {number} now */
  #activate(tabId, windowId, now) {
    for (const other of Object.values(this.#s.tabs)) {
      if (other.windowId === windowId) other.active = false;
    }
    const tab = this.#tab(tabId, windowId);
    tab.windowId = windowId;
    tab.active = true;
    tab.activatedAt = now;
    tab.pageVisible = null; // the browser just showed it; the page's last word is stale
  }

  /** @param {TabPatch} p @param {number} now */
  #patchTab(p, now) {
    const tab = this.#tab(p.tabId, p.windowId ?? WINDOW_ID_NONE);
    if (p.windowId !== undefined) tab.windowId = p.windowId;
    if (p.incognito !== undefined) tab.incognito = p.incognito;
    if (p.audible !== undefined) tab.audible = p.audible;
    if (p.muted !== undefined) tab.muted = p.muted;
    if (p.url !== undefined) this.#setUrl(p.tabId, tab, p.url, now);
  }

  /**
   * A new URL in a tab (load or in-page navigation). When only the page can name the creator
   * of the new URL, the span of the creator shown so far stays open provisionally: the page
   * either confirms the same creator (one unbroken span) or names another, and then the old
   * span ends at this moment, not when the page got round to reporting.
   * @param {number} tabId @param {TabFacts} tab @param {string | null} url @param {number} now
   */
  #setUrl(tabId, tab, url, now) {
    // URLs of private tabs that are not tracked are not kept, not even in memory.
    if (tab.incognito && !this.#s.settings.tracking.private_windows) url = null;
    if (url === tab.url) return;
    const before = tab.pending;
    tab.url = url;
    tab.pending = null;
    this.#classify(tab);
    const open = this.#s.open[tabId];
    if (!open) return;
    if (tab.urlIdentity === "page") {
      tab.pending = before ?? { since: now, prev: identityOfSpan(open) };
    } else if (before?.prev && !sameIdentity(open, tab.urlIdentity)) {
      // Navigated on before the page named the creator: the old span ended back then.
      this.#close(open, before.since);
    }
  }

  /**
   * What the URL alone says, worked out once per URL (and again when the settings change),
   * not on every event.
   * @param {TabFacts} tab
   */
  #classify(tab) {
    const u = tab.url ? parseWebUrl(tab.url) : null;
    tab.web = u !== null;
    tab.conn = u
      ? (classifyConnection(u, this.#s.settings.connection_sites)?.platform ?? null)
      : null;
    tab.urlIdentity = u && !tab.conn ? this.#resolve(u) : null;
  }

  /** @param {URL} u @returns {UrlIdentity} */
  #resolve(u) {
    const r = this.#resolveUrl(u);
    if (r === "page" || r === null) return r;
    return { kind: "creator", platform: r.platform, handle: r.handle, label: r.label ?? "" };
  }

  /** @param {number} tabId @param {number} now */
  #removeTab(tabId, now) {
    const span = this.#s.open[tabId];
    const tab = this.#s.tabs[tabId];
    if (span) this.#close(span, tab?.pending ? tab.pending.since : now);
    delete this.#s.tabs[tabId];
  }

  /**
   * @param {Extract<TrackerEvent, {type: "page-state"}>} ev
   * @param {number} now
   */
  #pageState(ev, now) {
    const tab = this.#tab(ev.tabId, ev.windowId ?? WINDOW_ID_NONE);
    if (ev.windowId !== undefined) tab.windowId = ev.windowId;
    if (ev.incognito !== undefined) tab.incognito = ev.incognito;
    // The page may report before the browser's own URL event arrives: its URL is the news.
    if (ev.url !== undefined && ev.url !== tab.url) this.#setUrl(ev.tabId, tab, ev.url, now);
    const pending = tab.pending;
    // Right after an in-page navigation the page often can't name the creator yet (its
    // markup lags the URL) and says so; it reads again shortly. Until PENDING_MAX_MS that
    // is no answer: the provisional span stands.
    if (pending && ev.identity === null && ev.unknown) return;
    tab.page = { url: tab.url ?? "", identity: ev.identity };
    tab.playing = ev.playing;
    tab.pageVisible = ev.visible;
    if (!pending) return;
    tab.pending = null;
    const span = this.#s.open[ev.tabId];
    if (!span || !pending.prev) return;
    const want = this.#desire(ev.tabId, tab, this.#focusedTabId());
    if (want && sameSpan(span, want)) return; // same creator: one unbroken span
    // Another creator (or none): the old one ended when the navigation happened, and the
    // new one began then, unless the tab went from focused to background meanwhile (a video
    // starting to play on the new page keeps it focused: reading -> watching).
    this.#close(span, pending.since);
    if (want && attentionOf(want.state) === attentionOf(span.state)) {
      this.#open(ev.tabId, want, pending.since);
    }
  }

  /**
   * @param {Extract<TrackerEvent, {type: "sync"}>} ev
   * @param {number} now
   */
  #sync(ev, now) {
    const seen = new Set();
    this.#s.focusedWindowId = ev.focusedWindowId;
    this.#s.idle = ev.idle;
    for (const t of ev.tabs) {
      seen.add(String(t.tabId));
      const known = this.#s.tabs[t.tabId];
      this.#patchTab(t, now);
      const tab = this.#s.tabs[t.tabId];
      if (t.active && !(known && known.active)) tab.activatedAt = now;
      tab.active = t.active;
    }
    for (const id of Object.keys(this.#s.tabs)) {
      if (!seen.has(id)) this.#removeTab(Number(id), now);
    }
  }

  // --- spans ------------------------------------------------------------------------------

  /** The one tab that is the visible tab of the focused window, if any. */
  #focusedTabId() {
    const { tabs, focusedWindowId } = this.#s;
    let best = -1;
    let bestAt = -Infinity;
    for (const id in tabs) {
      const tab = tabs[id];
      if (tab.active && tab.windowId === focusedWindowId && tab.activatedAt > bestAt) {
        best = Number(id);
        bestAt = tab.activatedAt;
      }
    }
    return best;
  }

  /**
   * What a tab should be counting now, or null.
   * @param {number} tabId @param {TabFacts} tab @param {number} focusedTabId
   * @returns {{identity: Identity, state: AttentionState} | null}
   */
  #desire(tabId, tab, focusedTabId) {
    const identity = this.#identity(tab);
    if (!identity) return null;
    const { idle, settings } = this.#s;
    if (idle === "locked") return null;
    const playing = tab.playing || (tab.audible && !tab.muted);
    if (tabId === focusedTabId && tab.pageVisible !== false) {
      if (playing) return { identity, state: "watching" };
      if (idle === "active") return { identity, state: "reading" };
      return null;
    }
    if (playing && !tab.muted && settings.tracking.background_audio) {
      return { identity, state: "listening" };
    }
    return null;
  }

  /** @param {TabFacts} tab @returns {Identity | null} */
  #identity(tab) {
    if (!tab.web) return null; // extension pages, browser pages, files: never counted
    const { settings } = this.#s;
    if (tab.incognito && !settings.tracking.private_windows) return null;
    if (tab.conn) {
      if (!settings.tracking.connection_time) return null;
      return { kind: "connection", platform: tab.conn, handle: "", label: "" };
    }
    if (tab.page && tab.page.url === tab.url) return tab.page.identity;
    if (tab.pending) return tab.pending.prev;
    return tab.urlIdentity === "page" ? null : tab.urlIdentity;
  }

  /** @param {number} now */
  #reconcileAll(now) {
    const focused = this.#focusedTabId();
    for (const [id, span] of Object.entries(this.#s.open)) {
      if (!this.#s.tabs[id]) this.#close(span, now); // defensive: facts lost for that tab
    }
    const { tabs } = this.#s;
    for (const id in tabs) {
      const tab = tabs[id];
      const tabId = Number(id);
      if (tab.pending && now - tab.pending.since > PENDING_MAX_MS) {
        // The page never named the creator: the provisional span ends at the navigation.
        const span = this.#s.open[tabId];
        if (span && tab.pending.prev) this.#close(span, tab.pending.since);
        tab.pending = null;
      }
      const span = this.#s.open[tabId];
      const want = this.#desire(tabId, tab, focused);
      if (span && want && sameSpan(span, want)) {
        if (want.identity.label && want.identity.label !== span.label) {
          span.label = truncateCodePoints(want.identity.label, LABEL_MAX);
        }
        continue;
      }
      if (span) {
        this.#close(span, tab.pending ? tab.pending.since : now);
        if (tab.pending) tab.pending.prev = null;
      }
      if (want) this.#open(tabId, want, now);
    }
  }

  /**
   * @param {number} tabId
   * @param {{identity: Identity, state: AttentionState}} want
   * @param {number} at
   */
  #open(tabId, want, at) {
    this.#s.open[tabId] = {
      id: this.#newId(),
      tabId,
      kind: want.identity.kind,
      platform: want.identity.platform,
      handle: want.identity.handle,
      label: truncateCodePoints(want.identity.label, LABEL_MAX),
      state: want.state,
      start: at,
      end: at,
      utc_offset_min: this.#offsetAt(at),
    };
  }

  /** @param {OpenSpan} span @param {number} at */
  #close(span, at) {
    delete this.#s.open[span.tabId];
    this.#rollOver(span, at);
    span.end = Math.max(span.end, at);
    if (span.end > span.start) this.#out.push(toWire(span));
  }

  /** Sends every open span with its end grown to now (capped while a navigation is pending). */
  /** @param {number} now */
  #grow(now) {
    for (const span of Object.values(this.#s.open)) {
      const tab = this.#s.tabs[span.tabId];
      const end = tab?.pending ? Math.min(now, tab.pending.since) : now;
      this.#rollOver(span, end);
      if (end > span.end) {
        span.end = end;
        this.#out.push(toWire(span));
      }
    }
  }

  /**
   * Sends the part of a span beyond MAX_SPAN_MS as a span of its own and continues under a
   * new id, so no span sent is longer than the protocol allows.
   * @param {OpenSpan} span @param {number} until
   */
  #rollOver(span, until) {
    while (until - span.start > MAX_SPAN_MS) {
      const cut = span.start + MAX_SPAN_MS;
      this.#out.push(toWire({ ...span, end: cut }));
      span.id = this.#newId();
      span.start = cut;
      span.end = cut;
      span.utc_offset_min = this.#offsetAt(cut);
    }
  }
}

/** @param {OpenSpan} span @returns {SpanUpdate} */
export function toWire(span) {
  /** @type {SpanUpdate} */
  const w = {
    id: span.id,
    kind: span.kind,
    platform: span.platform,
    handle: span.handle,
    start: span.start,
    end: span.end,
    utc_offset_min: span.utc_offset_min,
    attention: attentionOf(span.state),
  };
  if (span.label) w.label = span.label;
  return w;
}

/** @param {AttentionState} state @returns {"focused" | "audible"} */
function attentionOf(state) {
  return state === "listening" ? "audible" : "focused";
}

/** @param {OpenSpan} span @returns {Identity} */
function identityOfSpan(span) {
  return { kind: span.kind, platform: span.platform, handle: span.handle, label: span.label };
}

/** @param {OpenSpan} span @param {Identity | null} identity */
function sameIdentity(span, identity) {
  return (
    identity !== null &&
    span.kind === identity.kind &&
    span.platform === identity.platform &&
    span.handle === identity.handle
  );
}

/** @param {OpenSpan} span @param {{identity: Identity, state: AttentionState}} want */
function sameSpan(span, want) {
  return (
    span.state === want.state &&
    span.kind === want.identity.kind &&
    span.platform === want.identity.platform &&
    span.handle === want.identity.handle
  );
}

/** Only http(s) pages are ever counted: not extension pages (ours or others'), not browser
 * pages, files or data URLs. @param {string} url */
function parseWebUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return u.protocol === "https:" || u.protocol === "http:" ? u : null;
}
