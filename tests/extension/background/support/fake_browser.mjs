// Just enough of the WebExtension API for the background's wiring: event emitters the test
// fires, tabs/windows/idle state it sets, alarms it triggers, storage fakes, a fake host.

import { FakeNative } from "./fake_native.mjs";
import { FakeStorage } from "./fake_storage.mjs";

export class Emitter {
  /** @type {Function[]} */
  fns = [];
  /** @param {Function} fn */
  addListener(fn) {
    this.fns.push(fn);
  }
  /** @param {...any} a */
  emit(...a) {
    return this.fns.map((fn) => fn(...a));
  }
}

export const EXTENSION_ID = "mhedandambbmemhakpeljdpoklmmikid";

/**
 * @param {{local?: FakeStorage, session?: FakeStorage, host?: FakeNative, windows?: any[],
 *   tabs?: any[], idle?: string}} [opts]
 */
export function makeFakeBrowser(opts = {}) {
  const state = {
    windows: opts.windows ?? [{ id: 1, focused: true }],
    tabs: opts.tabs ?? [],
    idle: opts.idle ?? "active",
  };
  const local = opts.local ?? new FakeStorage();
  const session = opts.session ?? new FakeStorage();
  const host = opts.host ?? new FakeNative();
  /** @type {Map<string, any>} */
  const alarms = new Map();
  const idleIntervals = [];
  /** What content scripts answer to tabs.sendMessage, by tab id (none: no content script). */
  const pageAnswers = new Map();
  const sentToTabs = [];
  const clone = (v) => JSON.parse(JSON.stringify(v));
  const api = {
    runtime: {
      id: EXTENSION_ID,
      getManifest: () => ({ version: "0.1.0" }),
      onMessage: new Emitter(),
      connectNative: host.connectNative,
    },
    tabs: {
      onActivated: new Emitter(),
      onCreated: new Emitter(),
      onUpdated: new Emitter(),
      onRemoved: new Emitter(),
      onAttached: new Emitter(),
      onReplaced: new Emitter(),
      query: async () => clone(state.tabs),
      get: async (id) => clone(state.tabs.find((t) => t.id === id)),
      sendMessage: async (tabId, msg, options) => {
        sentToTabs.push({ tabId, msg, options });
        const answer = pageAnswers.get(tabId);
        if (!answer)
          throw new Error("Could not establish connection. Receiving end does not exist.");
        return clone(answer);
      },
    },
    windows: {
      onFocusChanged: new Emitter(),
      onRemoved: new Emitter(),
      getAll: async () => clone(state.windows),
    },
    idle: {
      onStateChanged: new Emitter(),
      setDetectionInterval: (s) => idleIntervals.push(s),
      queryState: async () => state.idle,
    },
    alarms: {
      onAlarm: new Emitter(),
      create: async (name, info) => {
        alarms.set(name, { name, ...info });
      },
      clear: async (name) => alarms.delete(name),
      get: async (name) => alarms.get(name),
    },
    storage: { local, session },
  };
  const caps = {
    api,
    browser: "chromium",
    stateArea: session,
    connectNative: host.connectNative,
    readPortError: host.readError,
  };

  /** Sends a runtime message as `sender` would; resolves with the reply (undefined: none). */
  function send(msg, sender) {
    return new Promise((resolve) => {
      let answered = false;
      const results = api.runtime.onMessage.emit(msg, sender, (reply) => {
        answered = true;
        resolve(reply);
      });
      if (!answered && !results.includes(true)) resolve(undefined);
    });
  }

  return {
    api,
    caps,
    state,
    local,
    session,
    host,
    alarms,
    idleIntervals,
    send,
    pageAnswers,
    sentToTabs,
  };
}

/** A tabs.Tab. */
export function tab(
  id,
  url,
  { windowId = 1, active = false, incognito = false, audible = false } = {},
) {
  return { id, windowId, url, active, incognito, audible, mutedInfo: { muted: false } };
}

/** The sender of a message from a content script in `t`. */
export function fromTab(t) {
  return { id: EXTENSION_ID, tab: t, frameId: 0, url: t.url };
}

export const FROM_POPUP = {
  id: EXTENSION_ID,
  url: `chrome-extension://${EXTENSION_ID}/popup/popup.html`,
};

export { FakeNative, FakeStorage };
