// @ts-check
// The background's wiring: browser events -> tracker -> outbox -> native port. Logic lives in
// the modules; this file only connects them. Listeners are registered synchronously, first
// thing (MV3: a restarted worker only gets the events it had listeners for on its first
// turn); their work then runs in arrival order on one serial queue.

/* global __PARASOL_TEST__ */

import { syncEvent, tabPatch, isTrackedChange, idleState } from "./browser_events.js";
import { detectCapabilities } from "./capabilities.js";
import { parseMark, parsePageState } from "./content_messages.js";
import { creatorFromUrl } from "./creator_urls.js";
import { trackerSettingsFrom } from "./default_settings.js";
import { Delivery } from "./delivery.js";
import { NativePort } from "./native_port.js";
import { Outbox } from "./outbox.js";
import { SerialQueue } from "./serial_queue.js";
import { fetchSettings, loadCachedSettings } from "./settings_cache.js";
import { installTestHook } from "./test_hook.js";
import { makePageRequests } from "./page_requests.js";
import { startNudges } from "./nudges.js";
import { TrackerStore } from "./tracker_store.js";
import { STATUS } from "../shared/runtime_messages.js";

export const TICK_ALARM = "parasol-tick";
/** Chromium's smallest alarm period (since 120). */
export const TICK_PERIOD_MIN = 0.5;

/**
 * @typedef {object} BackgroundDeps
 * @property {import("./capabilities.js").Capabilities} caps
 * @property {() => number} [now]
 * @property {() => string} [newId]
 * @property {(instant: number) => number} [offsetAt]
 * @property {(url: URL) => ReturnType<typeof creatorFromUrl>} [resolveUrl]
 * @property {Partial<import("./native_port.js").NativePortDeps>} [portDeps]
 * @property {Pick<Console, "warn" | "error">} [console]
 */

/**
 * Starts the background. Returns the parts (for tests and the test hook) once the stored
 * state is loaded and the browser's current state applied.
 * @param {BackgroundDeps} deps
 */
export function startBackground(deps) {
  const { caps } = deps;
  const { api } = caps;
  const out = deps.console ?? console;
  let clockOffset = 0; // moved only by the test hook, to play sleep
  const now = () => (deps.now ?? Date.now)() + clockOffset;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const offsetAt = deps.offsetAt ?? ((/** @type {number} */ t) => -new Date(t).getTimezoneOffset());
  const local = api.storage.local;
  const trackerStore = new TrackerStore(caps.stateArea);

  /** @type {{at: number, message: string} | null} */
  let lastError = null;
  const queue = new SerialQueue((err) => {
    lastError = { at: now(), message: String(/** @type {Error} */ (err)?.stack ?? err) };
    out.error("parasol:", err);
  });

  const log = (/** @type {any[]} */ ...args) => out.warn(...args);
  const port = new NativePort({
    connectNative: caps.connectNative,
    readError: caps.readPortError,
    extension: { version: api.runtime.getManifest().version, browser: caps.browser },
    now,
    log,
    ...deps.portDeps,
  });
  const pageRequests = makePageRequests({
    api,
    port,
    local,
    ready: () => ready,
    parts: () => ({ tracker, delivery }),
    applySettings: (doc) => queue.run(() => useSettings(trackerSettingsFrom(doc))),
  });

  /** @type {import("./tracker.js").Tracker} */
  let tracker;
  /** @type {Outbox} */
  let outbox;
  /** @type {Delivery} */
  let delivery;
  let alarmOn = false;
  const nudges = startNudges({
    caps,
    port,
    now,
    log,
    queue,
    tracker: () => tracker,
    ready: () => ready,
    resolveUrl: deps.resolveUrl,
  });

  // --- listeners (synchronously, before anything is awaited) -------------------------------

  /** @param {any} ev a tracker event without `now` (stamped on arrival) */
  const track = (ev) => {
    const event = { ...ev, now: now() };
    return queue.run(() => apply(event));
  };
  api.tabs.onActivated.addListener((/** @type {any} */ info) =>
    track({ type: "tab-activated", tabId: info.tabId, windowId: info.windowId }),
  );
  api.tabs.onCreated.addListener((/** @type {any} */ tab) =>
    track({ type: "tab-updated", ...tabPatch(tab) }),
  );
  api.tabs.onUpdated.addListener(
    (/** @type {number} */ _id, /** @type {any} */ change, /** @type {any} */ tab) => {
      if (isTrackedChange(change)) track({ type: "tab-updated", ...tabPatch(tab) });
    },
  );
  api.tabs.onRemoved.addListener((/** @type {number} */ tabId) =>
    track({ type: "tab-removed", tabId }),
  );
  api.tabs.onAttached.addListener((/** @type {number} */ tabId, /** @type {any} */ info) =>
    track({ type: "tab-updated", tabId, windowId: info.newWindowId }),
  );
  api.tabs.onReplaced?.addListener((/** @type {number} */ added, /** @type {number} */ removed) => {
    track({ type: "tab-removed", tabId: removed });
    queue.run(async () => {
      const tab = await api.tabs.get(added);
      await apply({ type: "tab-updated", ...tabPatch(tab), now: now() });
      if (tab.active)
        await apply({ type: "tab-activated", tabId: added, windowId: tab.windowId, now: now() });
    });
  });
  api.windows.onFocusChanged.addListener((/** @type {number} */ windowId) =>
    track({ type: "window-focus", windowId }),
  );
  api.windows.onRemoved.addListener((/** @type {number} */ windowId) =>
    track({ type: "window-removed", windowId }),
  );
  api.idle.onStateChanged.addListener((/** @type {string} */ state) =>
    track({ type: "idle", state: idleState(state) }),
  );
  api.alarms.onAlarm.addListener((/** @type {any} */ alarm) => {
    if (alarm.name === TICK_ALARM) tick();
  });
  api.runtime.onMessage.addListener(onMessage);

  port.onReady(() => {
    queue.run(onHostReady);
  });

  const ready = queue.run(init);

  // --- jobs --------------------------------------------------------------------------------

  async function init() {
    const cached = await loadCachedSettings(local);
    tracker = await trackerStore.load({
      resolveUrl: deps.resolveUrl ?? creatorFromUrl,
      newId,
      offsetAt,
    });
    outbox = await Outbox.open(local);
    await outbox.prune(now());
    delivery = new Delivery({ outbox, port, now, log });
    alarmOn = Boolean(await api.alarms.get(TICK_ALARM));
    const settings = trackerSettingsFrom(cached ?? undefined);
    await useSettings(settings);
    const threshold = settings.tracking.idle_threshold_s;
    const [windows, tabs, idle] = await Promise.all([
      api.windows.getAll({}),
      api.tabs.query({}),
      api.idle.queryState(threshold),
    ]);
    await apply(syncEvent(windows, tabs, idle, now()));
    port.connect();
    askPages();
  }

  /**
   * Asks the content scripts of tabs the tracker can't attribute without them (a worker
   * whose state was lost, say after an update, while their pages stayed open).
   */
  function askPages() {
    for (const tabId of tracker.tabsAwaitingPage()) {
      api.tabs.sendMessage(tabId, { kind: "page-state-request" }, { frameId: 0 }).then(
        (/** @type {unknown} */ reply) => {
          const r = parsePageState(reply);
          if (!r.ok) {
            log(`parasol: page-state reply refused: ${r.error}`);
            return;
          }
          const { identity, unknown, playing, visible } = r.value;
          track({ type: "page-state", tabId, identity, unknown, playing, visible });
        },
        // Expected for tabs whose page has no content script (opened before the extension
        // was installed): they report on their next load.
        () => {},
      );
    }
  }

  /**
   * One tracker event and its consequences: updates queued durably, tracker state saved,
   * the tick alarm on or off, delivery nudged.
   * @param {import("./tracker.js").TrackerEvent} event
   */
  async function apply(event) {
    const updates = tracker.dispatch(event);
    if (updates.length) {
      await outbox.put(
        updates.map((item) => ({ type: /** @type {const} */ ("span"), item })),
        event.now,
      );
    }
    await trackerStore.save(tracker);
    nudges.observe(tracker.snapshot());
    await updateAlarm();
    send();
    return updates;
  }

  /** @param {import("./default_settings.js").TrackerSettings} settings */
  async function useSettings(settings) {
    if (JSON.stringify(settings) !== JSON.stringify(tracker.settings)) {
      await apply({ type: "settings", settings, now: now() });
    }
    api.idle.setDetectionInterval(settings.tracking.idle_threshold_s);
  }

  async function onHostReady() {
    await ready;
    try {
      const doc = await fetchSettings(port, local);
      await useSettings(trackerSettingsFrom(doc));
    } catch (err) {
      log("parasol: settings.get failed, keeping the cached settings:", err);
    }
    send();
  }

  function tick() {
    return queue.run(async () => {
      await ready;
      await outbox.prune(now());
      await apply({ type: "tick", now: now() });
      port.connect();
    });
  }

  function send() {
    delivery
      .kick()
      .then(() => queue.run(updateAlarm)) // an emptied outbox may end the ticking
      .catch((err) => {
        lastError = { at: now(), message: String(err?.message ?? err) };
        out.error("parasol: delivery failed:", err);
      });
  }

  /** Ticks while something is being counted, or while queued items wait on an open port
   * (an `unavailable` host); nothing periodic otherwise. */
  async function updateAlarm() {
    const need = tracker.hasOpenSpans() || (outbox.size > 0 && port.connected);
    if (need && !alarmOn) {
      alarmOn = true;
      // Created only when absent: re-creating would restart its period and delay the tick.
      await api.alarms.create(TICK_ALARM, { periodInMinutes: TICK_PERIOD_MIN });
    } else if (!need && alarmOn) {
      alarmOn = false;
      await api.alarms.clear(TICK_ALARM);
    }
  }

  // --- runtime messages --------------------------------------------------------------------

  /**
   * @param {any} msg
   * @param {any} sender
   * @param {(reply: any) => void} sendResponse
   */
  function onMessage(msg, sender, sendResponse) {
    if (sender.id !== api.runtime.id) return false;
    const kind = msg?.kind;
    if (kind === "page-state" || kind === "mark") {
      if (!sender.tab || sender.frameId !== 0) {
        sendResponse({ ok: false, error: `${kind}: only a tab's top frame may send it` });
        return false;
      }
      if (kind === "page-state") {
        const r = parsePageState(msg);
        if (!r.ok) {
          log(`parasol: page-state refused: ${r.error}`);
          sendResponse({ ok: false, error: `page-state: ${r.error}` });
          return false;
        }
        const { tab } = sender;
        track({
          type: "page-state",
          tabId: tab.id,
          windowId: tab.windowId,
          url: tab.url,
          incognito: Boolean(tab.incognito),
          identity: r.value.identity,
          unknown: r.value.unknown,
          playing: r.value.playing,
          visible: r.value.visible,
        });
        sendResponse({ ok: true });
        return false;
      }
      queue
        .run(() => recordMark(msg, sender.tab))
        .then(sendResponse, (err) =>
          sendResponse({ ok: false, error: String(err?.message ?? err) }),
        );
      return true;
    }
    if (pageRequests.handles(kind)) return pageRequests.handle(msg, sender, sendResponse);
    if (nudges.handles(kind)) return nudges.onMessage(msg, sender, sendResponse);
    if (kind === STATUS) {
      queue
        .run(status)
        .then(sendResponse, (err) =>
          sendResponse({ ok: false, error: String(err?.message ?? err) }),
        );
      return true;
    }
    sendResponse({ ok: false, error: `unknown message kind ${JSON.stringify(kind)}` });
    return false;
  }

  /** @param {any} msg @param {any} tab */
  async function recordMark(msg, tab) {
    await ready;
    if (tab.incognito && !tracker.settings.tracking.private_windows) {
      return { ok: true, ignored: "private window" };
    }
    const r = parseMark(msg, { now: now(), newId, offsetAt });
    if (!r.ok) {
      log(`parasol: mark refused: ${r.error}`);
      return { ok: false, error: `mark: ${r.error}` };
    }
    await outbox.put([{ type: "mark", item: r.value }], now());
    send();
    return { ok: true };
  }

  /** @returns {Promise<import("../shared/runtime_messages.js").BackgroundStatus>} */
  async function status() {
    await ready;
    return {
      connection: port.state,
      extensionId: api.runtime.id,
      browser: caps.browser,
      outbox: outbox.stats(),
      counting: tracker.current(),
      lastError: delivery.status.lastError ?? (lastError && { ...lastError, code: "internal" }),
    };
  }

  const parts = {
    ready: ready.then(() => parts),
    port,
    queue,
    get tracker() {
      return tracker;
    },
    get outbox() {
      return outbox;
    },
    get delivery() {
      return delivery;
    },
    nudges,
    now,
    /** @param {number} ms */
    shiftClock(ms) {
      clockOffset += ms;
    },
    /** @param {import("./tracker.js").TrackerEvent} event */
    apply: (event) => queue.run(() => apply(event)),
    tick,
    status: () => queue.run(status),
  };
  return parts;
}

/** @typedef {ReturnType<typeof startBackground>} Background */

// In the extension (not when a test imports this file): start with the real browser.
// __PARASOL_TEST__ is set by scripts/build-extension.mjs (true only with --test), so the
// hook and its module are not even in a normal build.
if (globalThis.chrome?.runtime?.id || /** @type {any} */ (globalThis).browser?.runtime?.id) {
  const background = startBackground({ caps: detectCapabilities() });
  if (__PARASOL_TEST__) installTestHook(globalThis, background);
  if (__PARASOL_TEST__) background.nudges.installTestHook(globalThis);
}
