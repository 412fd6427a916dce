// The extension's test hook (globalThis.__parasolTest, in builds made with --test), called
// in the background's own scope: a Playwright Worker in Chromium.
import { sleep } from "./processes.mjs";
import { withTimeout } from "./harness.mjs";

export class Hook {
  /** @param {import("playwright-core").Worker} worker */
  constructor(worker) {
    this.worker = worker;
  }

  /**
   * Calls __parasolTest[name](...args) and resolves with its (JSON) result.
   * @param {string} name
   * @param {...any} args
   */
  call(name, ...args) {
    return withTimeout(
      this.worker.evaluate(
        async ([n, a]) => {
          const hook = /** @type {any} */ (globalThis).__parasolTest;
          if (!hook) throw new Error("no __parasolTest: not a --test build");
          return JSON.parse(JSON.stringify((await hook[n](...a)) ?? null));
        },
        [name, args],
      ),
      20_000,
      `__parasolTest.${name}`,
    );
  }

  /** @returns {Promise<any>} */
  state() {
    return this.call("state");
  }

  /** @param {any} event a tracker event without `now` */
  dispatch(event) {
    return this.call("dispatch", event);
  }

  tick() {
    return this.call("tick");
  }

  flush() {
    return this.call("flush");
  }

  /**
   * Evaluates `fn(arg)` in the worker (for what the hook's methods don't cover).
   * @template R, A
   * @param {(arg: A) => R | Promise<R>} fn
   * @param {A} [arg]
   */
  eval(fn, arg) {
    return withTimeout(this.worker.evaluate(fn, arg), 20_000, "evaluate in the worker");
  }
}

/**
 * Plays the periodic alarm faster than Chromium's 30 s minimum: open spans grow and go to
 * the host every `everyMs`. Pause it around a worker stop (a call to a stopped worker holds
 * its restart back).
 */
export class Ticker {
  #hook;
  #every;
  #running = false;
  #paused = false;
  /** @type {Promise<void> | null} */
  #loop = null;
  /** @type {Promise<unknown> | null} */
  #inflight = null;
  errors = /** @type {string[]} */ ([]);

  /** @param {Hook} hook @param {number} everyMs */
  constructor(hook, everyMs) {
    this.#hook = hook;
    this.#every = everyMs;
  }

  start() {
    this.#running = true;
    this.#loop = (async () => {
      while (this.#running) {
        await sleep(this.#every);
        if (!this.#running || this.#paused) continue;
        this.#inflight = this.#hook.tick().catch((err) => {
          this.errors.push(String(err?.message ?? err));
        });
        await this.#inflight;
        this.#inflight = null;
      }
    })();
  }

  /** Resolves once no tick is in flight and none will start until resume(). */
  async pause() {
    this.#paused = true;
    await this.#inflight;
  }

  resume() {
    this.#paused = false;
  }

  async stop() {
    this.#running = false;
    await this.#inflight;
    await this.#loop;
  }
}
