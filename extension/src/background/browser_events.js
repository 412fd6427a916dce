// @ts-check
// Browser API objects (tabs.Tab, windows.Window) as tracker facts. Pure.

/**
 * @typedef {import("./tracker.js").TabPatch} TabPatch
 * @typedef {import("./tracker.js").IdleState} IdleState
 */

export const WINDOW_ID_NONE = -1;

/**
 * The facts of a tabs.Tab the tracker uses. `url` is left out when the browser did not give
 * it (it always does with the "tabs" permission, but not for a tab still loading).
 * @param {any} tab
 * @returns {TabPatch & {windowId: number}}
 */
export function tabPatch(tab) {
  /** @type {TabPatch & {windowId: number}} */
  const p = {
    tabId: tab.id,
    windowId: tab.windowId,
    incognito: Boolean(tab.incognito),
    audible: Boolean(tab.audible),
    muted: Boolean(tab.mutedInfo?.muted),
  };
  if (typeof tab.url === "string") p.url = tab.url;
  return p;
}

/**
 * Whether a tabs.onUpdated change is one the tracker cares about (not title, favicon, ...).
 * @param {any} change
 */
export function isTrackedChange(change) {
  return change.url !== undefined || change.audible !== undefined || change.mutedInfo !== undefined;
}

/**
 * A "sync" event from the whole current browser state (worker start).
 * @param {any[]} windows windows.getAll()
 * @param {any[]} tabs tabs.query({})
 * @param {string} idle idle.queryState()
 * @param {number} now
 */
export function syncEvent(windows, tabs, idle, now) {
  const focused = windows.find((w) => w.focused);
  return {
    type: /** @type {const} */ ("sync"),
    now,
    focusedWindowId: focused ? focused.id : WINDOW_ID_NONE,
    idle: idleState(idle),
    tabs: tabs.map((t) => ({ ...tabPatch(t), active: Boolean(t.active) })),
  };
}

/** @param {string} s @returns {IdleState} */
export function idleState(s) {
  return s === "idle" || s === "locked" ? s : "active";
}
