// @ts-check
// The nudges' part of the background, wired in one place so main.js needs only a few lines:
// its listeners (registered synchronously, like main.js's), the poller, the notifications,
// the queue of answers for the host, R5's pause gate, and the runtime messages
// `nudges.current` / `nudges.choose`.

import { creatorFromUrl } from "./creator_urls.js";
import { DEFAULT_CONNECTION_SITES } from "./default_settings.js";
import { NudgeNotifications, REMINDER_PREFIX } from "./nudge_notifications.js";
import { NUDGE_ALARM, NudgePoller, PERIOD_KEY } from "./nudge_poller.js";
import { PauseGate } from "./pause_gate.js";
import { PendingRequests } from "./pending_requests.js";
import { SETTINGS_KEY } from "./settings_cache.js";
import { NUDGES_CHOOSE, NUDGES_CURRENT, NUDGES_REMIND } from "../shared/runtime_messages.js";

/**
 * @typedef {object} NudgesDeps
 * @property {import("./capabilities.js").Capabilities} caps
 * @property {import("./native_port.js").NativePort} port
 * @property {() => number} now
 * @property {(...args: any[]) => void} log
 * @property {{run: (job: () => unknown) => Promise<unknown>}} queue  the background's serial
 *   queue: a poll owed at connect waits there until the host's settings are applied
 * @property {() => import("./tracker.js").Tracker | undefined} tracker  undefined until loaded
 * @property {() => Promise<unknown>} ready  the background's stored state is loaded
 * @property {(url: URL) => ReturnType<typeof creatorFromUrl>} [resolveUrl]
 */

/**
 * Notification buttons the browser shows: Chromium's notifications have up to 2, Firefox's
 * none (its notifications ignore clicks on anything but the body).
 * @param {import("./capabilities.js").Capabilities} caps
 */
export function notificationButtons(caps) {
  return caps.browser === "firefox" || caps.browser === "other" ? 0 : 2;
}

/**
 * Whether a runtime message comes from one of the extension's own pages (not a content
 * script: a page could otherwise answer nudges through it).
 * @param {any} api @param {any} sender
 */
export function fromExtensionPage(api, sender) {
  const base = typeof api.runtime.getURL === "function" ? api.runtime.getURL("") : null;
  const url = typeof sender?.url === "string" ? sender.url : "";
  if (base) return url.startsWith(base);
  return /^(chrome|moz)-extension:\/\//.test(url);
}

/** @param {NudgesDeps} deps */
export function startNudges(deps) {
  const { caps, port, now, log } = deps;
  const { api } = caps;
  const local = api.storage.local;
  const state = () => deps.tracker()?.snapshot() ?? null;
  const t = (/** @type {string} */ key, /** @type {string[]} */ subs = []) =>
    api.i18n?.getMessage?.(key, subs) || "";

  const pending = new PendingRequests({
    area: local,
    port,
    now,
    log,
    onReply: async (req, reply) => {
      // The host's merged settings are the truth: the cache follows.
      if (req.type === "settings.set" && reply?.settings)
        await local.set({ [SETTINGS_KEY]: reply.settings });
    },
  });
  const gate = new PauseGate({
    tabs: api.tabs,
    getURL: (p) => api.runtime.getURL(p),
    local,
    session: caps.stateArea,
    now,
    resolveUrl: deps.resolveUrl ?? creatorFromUrl,
    sites: () => deps.tracker()?.settings.connection_sites ?? DEFAULT_CONNECTION_SITES,
    log,
  });
  const notifications = new NudgeNotifications({
    api,
    local,
    pending,
    pause: gate,
    maxButtons: notificationButtons(caps),
    trackerState: state,
    now,
    t,
    log,
  });
  const poller = new NudgePoller({
    port,
    alarms: api.alarms,
    local,
    session: caps.stateArea,
    deliver: (nudges) => notifications.show(nudges),
    now,
    log,
  });

  /** Runs a listener's work once the background is ready (never in this turn: main.js
   * defines `ready` after calling here); failures are logged. */
  const later = (/** @type {string} */ what, /** @type {() => unknown} */ fn) =>
    Promise.resolve()
      .then(() => deps.ready())
      .then(fn)
      .catch((err) => log(`parasol: nudges: ${what} failed:`, err));

  // --- listeners (synchronously: see main.js) ---------------------------------------------
  api.alarms.onAlarm.addListener((/** @type {any} */ alarm) => {
    if (alarm.name === NUDGE_ALARM) {
      later("periodic poll", async () => {
        await pending.flush();
        await poller.onAlarm(state());
      });
    } else if (alarm.name.startsWith(REMINDER_PREFIX)) {
      later("reminder", () => notifications.onReminder(alarm.name));
    }
  });
  api.notifications?.onClicked.addListener((/** @type {string} */ id) =>
    later("notification click", () => notifications.onClicked(id)),
  );
  api.notifications?.onButtonClicked?.addListener(
    (/** @type {string} */ id, /** @type {number} */ index) =>
      later("notification button", () => notifications.onButtonClicked(id, index)),
  );
  api.notifications?.onClosed.addListener(
    (/** @type {string} */ id, /** @type {boolean | undefined} */ byUser) =>
      later("notification closed", () => notifications.onClosed(id, byUser)),
  );
  api.tabs.onUpdated.addListener(
    (/** @type {number} */ tabId, /** @type {any} */ change, /** @type {any} */ tab) => {
      if (typeof change?.url === "string")
        later("pause gate", () => gate.onTabUpdated(tabId, change, tab));
    },
  );
  api.storage.onChanged?.addListener(
    (/** @type {Record<string, {newValue?: unknown}>} */ changes, /** @type {string} */ area) => {
      if (area === "local" && changes[PERIOD_KEY])
        later("poll period", () => poller.setPeriod(changes[PERIOD_KEY].newValue));
    },
  );
  port.onReady(() => {
    later("sending queued answers", () => pending.flush());
    // After main.js's own onReady job (queued in this same turn) has fetched the settings.
    Promise.resolve()
      .then(() =>
        deps.queue.run(() => {
          poller.onHostReady(state());
        }),
      )
      .catch((err) => log("parasol: nudges: poll owed failed:", err));
  });
  later("start", () => poller.start());

  return {
    poller,
    notifications,
    pending,
    gate,

    /**
     * After each tracker event (main.js apply): a breakpoint may poll. Never rejects.
     * @param {import("./tracker.js").TrackerState} trackerState
     */
    observe(trackerState) {
      poller.observe(trackerState).catch((err) => log("parasol: nudges: observe failed:", err));
    },

    /** @param {unknown} kind */
    handles(kind) {
      return kind === NUDGES_CURRENT || kind === NUDGES_CHOOSE || kind === NUDGES_REMIND;
    },

    /**
     * Answers `nudges.current` / `nudges.choose` / `nudges.remind` (runtime.onMessage: returns true, replies
     * later).
     * @param {any} msg @param {any} sender @param {(reply: any) => void} sendResponse
     */
    onMessage(msg, sender, sendResponse) {
      if (!fromExtensionPage(api, sender)) {
        sendResponse({
          ok: false,
          error: { code: "forbidden", message: `${msg.kind}: only the extension's pages may ask` },
        });
        return false;
      }
      deps
        .ready()
        .then(() => notifications.onMessage(msg))
        .then(sendResponse, (err) =>
          sendResponse({
            ok: false,
            error: { code: "internal", message: String(err?.message ?? err) },
          }),
        );
      return true;
    },

    /**
     * globalThis.__parasolNudges in test builds: end-to-end tests poll, read notifications
     * and press their buttons through the same handlers the browser's events call.
     * @param {any} g
     */
    installTestHook(g) {
      g.__parasolNudges = Object.freeze({
        poll: (/** @type {string} */ reason = "test") => poller.poll(reason),
        status: () => poller.status,
        notifications: () => api.notifications.getAll(),
        current: () => notifications.current(),
        pending: () => pending.list(),
        flush: () => pending.flush(),
        click: (/** @type {string} */ id) => notifications.onClicked(id),
        clickButton: (/** @type {string} */ id, /** @type {number} */ i) =>
          notifications.onButtonClicked(id, i),
        close: (/** @type {string} */ id, /** @type {boolean} */ byUser) =>
          notifications.onClosed(id, byUser),
      });
    },
  };
}

/** @typedef {ReturnType<typeof startNudges>} Nudges */
