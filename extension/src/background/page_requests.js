// @ts-check
// The background's side of the extension pages' messages (pop-up, options, reflection):
// host requests relayed through the one native port (allowlisted types only), the active
// tab as the tracker sees it, and what the diagnostics view shows. Pages never reach the
// host themselves; content scripts can't use these messages at all.

import { CURRENT_TAB, DIAGNOSTICS, HOST } from "../shared/runtime_messages.js";
import { SETTINGS_KEY } from "./settings_cache.js";

/** Host types a page may send. Everything else (activity.record, nudges.poll, hello) is the
 * background's own business. */
export const PAGE_HOST_TYPES = Object.freeze(
  new Set([
    "summary.get",
    "creators.follow",
    "creators.unfollow",
    "creators.update",
    "creators.list",
    "creators.forget",
    "settings.get",
    "settings.set",
    "checkin.record",
    "nudges.respond",
    "reflection.get",
    "data.erase",
    "data.export",
  ]),
);
const PAGE_HOST_PREFIXES = ["digest."];

/** How long a request waits for a port that is still connecting (a worker just woken by the
 * pop-up opening) before it fails with not_connected. */
export const CONNECT_WAIT_MS = 3000;
const CONNECT_POLL_MS = 50;

/** @param {string} type */
export function pageMayAsk(type) {
  return PAGE_HOST_TYPES.has(type) || PAGE_HOST_PREFIXES.some((p) => type.startsWith(p));
}

/**
 * @typedef {import("../shared/page_client.js").CurrentTab} CurrentTab
 * @typedef {import("./tracker.js").TrackerState} TrackerState
 *
 * @typedef {object} PageRequestDeps
 * @property {any} api the browser's extension API
 * @property {{state: import("./native_port.js").PortState,
 *   request: (type: string, body?: object) => Promise<any>}} port
 * @property {{set: (items: object) => Promise<void>}} local storage.local (settings cache)
 * @property {() => Promise<unknown>} ready resolves once the background has started
 * @property {() => {tracker: import("./tracker.js").Tracker,
 *   delivery: import("./delivery.js").Delivery}} parts
 * @property {(settingsDoc: object) => Promise<unknown>} applySettings  makes the tracker
 *   use a settings document at once (as on connect)
 * @property {(ms: number) => Promise<void>} [sleep]
 */

/**
 * What the active tab shows and counts, or why it counts nothing.
 * @param {TrackerState} s the tracker's snapshot
 * @param {number | null} tabId the active tab of the last focused window
 * @returns {CurrentTab}
 */
export function describeTab(s, tabId) {
  const none = (/** @type {string} */ reason) => ({
    creator: null,
    connection: null,
    counting: null,
    reason,
  });
  const tab = tabId === null ? undefined : s.tabs[tabId];
  if (!tab) return none("no-tab");
  const tracking = s.settings.tracking;
  if (tab.incognito && !tracking.private_windows) return none("private-window");
  if (!tab.web) return none("not-web");
  const open = s.open[/** @type {number} */ (tabId)];
  const counting = open
    ? {
        kind: open.kind,
        platform: open.platform,
        handle: open.handle,
        label: open.label,
        state: open.state,
        start: open.start,
      }
    : null;
  /** @type {CurrentTab["creator"]} */
  let creator = null;
  let reason = null;
  if (tab.conn) {
    if (!tracking.connection_time) reason = "connection-off";
  } else {
    const fromPage = tab.page && tab.page.url === tab.url ? tab.page.identity : undefined;
    const id =
      fromPage !== undefined ? fromPage : tab.urlIdentity === "page" ? null : tab.urlIdentity;
    if (id && id.kind === "creator") {
      creator = { platform: id.platform, handle: id.handle, label: id.label };
    } else if (tab.urlIdentity === "page") {
      reason = fromPage === undefined ? "waiting-for-page" : "unknown-creator";
    } else {
      reason = "not-a-creator-page";
    }
  }
  if (!reason && !counting) {
    if (s.idle === "locked") reason = "locked";
    else if (!tab.active) reason = "not-visible";
    else if (s.focusedWindowId !== tab.windowId) reason = "not-focused";
    else reason = "idle";
  }
  return { creator, connection: tab.conn, counting, reason };
}

/**
 * The tab a pop-up speaks of: the active tab of the last focused window, or, when that is
 * this extension's own page (the pop-up opened in a tab), the web tab used most recently.
 * @param {TrackerState} s
 * @param {{id?: number, url?: string} | undefined} active
 * @param {string} ownOrigin
 */
export function pickTab(s, active, ownOrigin) {
  if (active?.id !== undefined && !(active.url ?? "").startsWith(ownOrigin)) return active.id;
  let best = null;
  let bestAt = -Infinity;
  for (const [id, tab] of Object.entries(s.tabs)) {
    if (tab.web && tab.activatedAt > bestAt && Number(id) !== active?.id) {
      best = Number(id);
      bestAt = tab.activatedAt;
    }
  }
  return best;
}

/** @param {PageRequestDeps} deps */
export function makePageRequests(deps) {
  const { api } = deps;
  const sleep = deps.sleep ?? ((/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms)));
  const ownOrigin = api.runtime.getURL?.("") ?? `chrome-extension://${api.runtime.id}/`;

  async function waitConnected() {
    for (let waited = 0; waited < CONNECT_WAIT_MS; waited += CONNECT_POLL_MS) {
      if (deps.port.state.status !== "connecting") return;
      await sleep(CONNECT_POLL_MS);
    }
  }

  /** @param {any} msg */
  async function relay(msg) {
    const { type } = msg;
    const body = msg.body ?? {};
    if (typeof type !== "string" || !pageMayAsk(type)) {
      return {
        ok: false,
        error: { code: "forbidden_type", message: `a page may not send ${JSON.stringify(type)}` },
      };
    }
    if (typeof body !== "object" || Array.isArray(body)) {
      return { ok: false, error: { code: "invalid", message: "body: must be an object" } };
    }
    await deps.ready();
    await waitConnected();
    try {
      const reply = await deps.port.request(type, body);
      if (type === "settings.set" && reply?.settings) await useSettings(reply.settings);
      if (type === "data.erase") await refreshSettings();
      return { ok: true, body: reply ?? {} };
    } catch (err) {
      const e = /** @type {any} */ (err);
      const error = { code: e?.code ?? "internal", message: String(e?.message ?? e) };
      if (e?.path) Object.assign(error, { path: e.path });
      return { ok: false, error };
    }
  }

  /** The cache and the tracker follow the host's copy at once (tracking switches apply). */
  /** @param {object} doc */
  async function useSettings(doc) {
    await deps.local.set({ [SETTINGS_KEY]: doc });
    await deps.applySettings(doc);
  }

  async function refreshSettings() {
    const reply = await deps.port.request("settings.get", {});
    if (reply?.settings) await useSettings(reply.settings);
  }

  async function currentTab() {
    await deps.ready();
    const [active] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    const s = deps.parts().tracker.snapshot();
    return { ok: true, ...describeTab(s, pickTab(s, active, ownOrigin)) };
  }

  async function diagnostics() {
    await deps.ready();
    const status = deps.parts().delivery.status;
    return { ok: true, delivery: JSON.parse(JSON.stringify(status)) };
  }

  return {
    /** @param {unknown} kind */
    handles: (kind) => kind === HOST || kind === CURRENT_TAB || kind === DIAGNOSTICS,
    /**
     * @param {any} msg @param {any} sender @param {(reply: any) => void} sendResponse
     * @returns {boolean} true: the reply comes later
     */
    handle(msg, sender, sendResponse) {
      if (!String(sender?.url ?? "").startsWith(ownOrigin)) {
        sendResponse({
          ok: false,
          error: { code: "forbidden_sender", message: `${msg.kind}: only extension pages` },
        });
        return false;
      }
      const job =
        msg.kind === HOST ? relay(msg) : msg.kind === CURRENT_TAB ? currentTab() : diagnostics();
      job.then(sendResponse, (err) =>
        sendResponse({
          ok: false,
          error: { code: "internal", message: String(err?.message ?? err) },
        }),
      );
      return true;
    },
  };
}
