// @ts-check
// R5's opt-in pause (NUDGES.md): for 24 h after the user chose it, a top-frame navigation
// to a creator page (never a connection site) first shows pages/pause/pause.html, a calm
// 3-second pause with "Continue" and an equal way out. Once per tab per 10 minutes, so
// continuing (and browsing on) is never held up twice.

import { classifyConnection } from "./connection_sites.js";

/** storage.local: until when (ms since the epoch) the pause is on. */
export const PAUSE_UNTIL_KEY = "nudges.pause_until";
/** storage.session (or local): when each tab was last paused, by tab id. */
export const PAUSED_TABS_KEY = "nudges.paused_tabs";
export const PAUSE_DURATION_MS = 24 * 60 * 60 * 1000;
export const PAUSE_EVERY_MS = 10 * 60 * 1000;
export const PAUSE_PAGE = "pages/pause/pause.html";

/**
 * @typedef {object} PauseGateDeps
 * @property {any} tabs chrome.tabs (promise style)
 * @property {(path: string) => string} getURL runtime.getURL
 * @property {import("./outbox.js").StorageArea} local
 * @property {import("./outbox.js").StorageArea} session
 * @property {() => number} now
 * @property {(url: URL) => ({platform: string, handle: string, label?: string} | "page" | null)} resolveUrl
 * @property {() => ReadonlyArray<import("./default_settings.js").ConnectionSite>} sites
 * @property {(...args: any[]) => void} [log]
 */

/**
 * The pause page's address for a destination: `to` the URL, `creator` what to call it.
 * @param {string} base runtime.getURL(PAUSE_PAGE)
 * @param {string} url
 * @param {string} creator
 */
export function pauseUrl(base, url, creator) {
  const q = new URLSearchParams({ to: url, creator });
  return `${base}?${q}`;
}

export class PauseGate {
  #d;

  /** @param {PauseGateDeps} deps */
  constructor(deps) {
    this.#d = { log: () => {}, ...deps };
  }

  /** Turns the pause on for 24 h from now. */
  async turnOn() {
    await this.#d.local.set({ [PAUSE_UNTIL_KEY]: this.#d.now() + PAUSE_DURATION_MS });
  }

  /**
   * What the gate does with a navigation: the pause page's URL to send the tab to, or null.
   * Records the pause for the tab when it returns one.
   * @param {number} tabId
   * @param {string} url the tab's new top-frame URL
   * @param {{incognito?: boolean}} [tab]
   * @returns {Promise<string | null>}
   */
  async decide(tabId, url, tab = {}) {
    let u;
    try {
      u = new URL(url);
    } catch {
      return null;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    // Extension pages can't be shown in a private window's tab without "split" incognito.
    if (tab.incognito) return null;
    const now = this.#d.now();
    const { [PAUSE_UNTIL_KEY]: until } = await this.#d.local.get(PAUSE_UNTIL_KEY);
    if (typeof until !== "number" || now >= until) return null;
    if (classifyConnection(u, this.#d.sites())) return null;
    const who = this.#d.resolveUrl(u);
    if (!who) return null;
    const got = await this.#d.session.get(PAUSED_TABS_KEY);
    /** @type {Record<string, number>} */
    const paused = { ...(got[PAUSED_TABS_KEY] ?? {}) };
    const last = paused[tabId];
    if (typeof last === "number" && now - last < PAUSE_EVERY_MS && now >= last) return null;
    for (const [id, at] of Object.entries(paused)) {
      if (now - at >= PAUSE_EVERY_MS) delete paused[id];
    }
    paused[tabId] = now;
    await this.#d.session.set({ [PAUSED_TABS_KEY]: paused });
    const name = who === "page" ? u.hostname.replace(/^www\./, "") : who.label || who.handle;
    return pauseUrl(this.#d.getURL(PAUSE_PAGE), u.href, name);
  }

  /**
   * tabs.onUpdated: a navigation sends the tab to the pause page when the gate says so.
   * @param {number} tabId @param {any} change @param {any} tab
   */
  async onTabUpdated(tabId, change, tab) {
    if (typeof change?.url !== "string") return;
    const target = await this.decide(tabId, change.url, tab);
    if (!target) return;
    try {
      await this.#d.tabs.update(tabId, { url: target });
    } catch (err) {
      this.#d.log("parasol: could not show the pause page:", err);
    }
  }
}
