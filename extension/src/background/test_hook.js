// @ts-check
// globalThis.__parasolTest: lets end-to-end tests play what headless browsers can't show
// (idle, locking, focus loss, sleep) and read the tracker, outbox and port. Only in builds
// made with `node scripts/build-extension.mjs --test`; a normal build leaves this module out.
//
// Reachable only from the background's own global scope (DevTools, CDP, Playwright's
// `worker.evaluate`, Firefox's background page): no web page or other extension can call it.

/**
 * @param {any} g the global object
 * @param {import("./main.js").Background} bg
 */
export function installTestHook(g, bg) {
  g.__parasolTest = Object.freeze({
    /** Resolves once the stored state is loaded and the browser's state applied. */
    ready: () => bg.ready.then(() => true),
    /**
     * Feeds a tracker event as if the browser sent it, e.g. {type: "idle", state: "locked"},
     * {type: "window-focus", windowId: -1}; `now` defaults to the background's clock.
     * Resolves with the span updates it produced.
     * @param {any} event
     */
    dispatch: (event) => bg.apply({ now: bg.now(), ...event }),
    /** Moves the background's clock forward (sleep: then `tick()`), for the rest of its life. */
    advanceClock: (/** @type {number} */ ms) => bg.shiftClock(ms),
    /** Runs the periodic alarm's work now. */
    tick: () => bg.tick(),
    /** Waits until queued events are applied and the outbox has been offered to the host. */
    flush: async () => {
      await bg.queue.idle();
      await bg.delivery.kick();
    },
    /** A copy of everything the background holds. */
    state: async () => {
      await bg.queue.idle();
      return JSON.parse(
        JSON.stringify({
          now: bg.now(),
          tracker: bg.tracker.snapshot(),
          counting: bg.tracker.current(),
          outbox: { ...bg.outbox.stats(), entries: bg.outbox.entries() },
          port: bg.port.state,
          delivery: bg.delivery.status,
        }),
      );
    },
    status: () => bg.status(),
  });
}
