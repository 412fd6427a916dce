// @ts-check
// The tracker's state survives a worker restart: it is written after every event, so the
// worker keeps nothing only in memory. It lives in storage.session where there is one (not
// written to disk, and tab ids do not outlive the browser anyway).
//
// Two keys: the tab facts (the bulk: one entry per open tab) are rewritten only when they
// changed, so the 30 s ticks of a long video write a few hundred bytes, not every tab.
// When both change they go in one set() call, which storage applies as one.

import { Tracker } from "./tracker.js";

/** @typedef {import("./outbox.js").StorageArea} StorageArea */

export const CORE_KEY = "tracker";
export const TABS_KEY = "tracker.tabs";

export class TrackerStore {
  #area;
  /** The tab facts as last written (JSON), to skip rewriting them unchanged. */
  /** @type {string | null} */
  #savedTabs = null;

  /** @param {StorageArea} area */
  constructor(area) {
    this.#area = area;
  }

  /**
   * The tracker as last saved (a fresh one if nothing was).
   * @param {import("./tracker.js").TrackerDeps} deps
   */
  async load(deps) {
    const got = await this.#area.get([CORE_KEY, TABS_KEY]);
    const core = got[CORE_KEY];
    const tabs = typeof got[TABS_KEY] === "string" ? got[TABS_KEY] : null;
    if (!core || tabs === null) return new Tracker(deps, null);
    this.#savedTabs = tabs;
    return new Tracker(deps, { ...core, tabs: JSON.parse(tabs) });
  }

  /** @param {Tracker} tracker */
  async save(tracker) {
    const { tabs, ...core } = tracker.snapshot();
    const json = JSON.stringify(tabs);
    if (json === this.#savedTabs) {
      await this.#area.set({ [CORE_KEY]: core });
      return;
    }
    await this.#area.set({ [CORE_KEY]: core, [TABS_KEY]: json });
    this.#savedTabs = json;
  }
}
