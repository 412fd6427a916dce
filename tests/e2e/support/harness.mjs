// What every end-to-end test needs around the browser: a temp folder, a stack of clean-ups
// run whatever happens, a timeline of what the script did and when (the expectations are
// computed from it), and diagnostics printed when something fails.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export class Harness {
  /** @type {Array<{what: string, fn: () => unknown}>} */
  #cleanups = [];
  /** @type {Array<{what: string, fn: () => unknown}>} */
  #diagnostics = [];
  /** @type {Array<{name: string, before: number, after: number}>} */
  timeline = [];
  started = Date.now();

  /** @param {string} prefix */
  constructor(prefix) {
    this.dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.onCleanup("remove the temp folder", () =>
      rmSync(this.dir, { recursive: true, force: true }),
    );
  }

  /** Clean-ups run last-in first-out; each runs even if another failed. */
  onCleanup(/** @type {string} */ what, /** @type {() => unknown} */ fn) {
    this.#cleanups.push({ what, fn });
  }

  /** What to print when the test fails. */
  onFailure(/** @type {string} */ what, /** @type {() => unknown} */ fn) {
    this.#diagnostics.push({ what, fn });
  }

  /**
   * Runs an action and records when it began and ended (node's clock: the same machine
   * clock the extension stamps events with).
   * @template T
   * @param {string} name
   * @param {() => Promise<T> | T} fn
   * @returns {Promise<T>}
   */
  async step(name, fn) {
    const before = Date.now();
    try {
      return await fn();
    } finally {
      const after = Date.now();
      this.timeline.push({ name, before, after });
      if (process.env.PARASOL_E2E_VERBOSE) {
        console.log(
          `[e2e +${((before - this.started) / 1000).toFixed(2)}s] ${name} (${after - before} ms)`,
        );
      }
    }
  }

  /**
   * The recorded moment of a step: its midpoint, and half its duration as the uncertainty.
   * @param {string} name
   */
  at(name) {
    const s = this.timeline.find((x) => x.name === name);
    if (!s) throw new Error(`no step named ${name}`);
    return { t: (s.before + s.after) / 2, err: (s.after - s.before) / 2, ...s };
  }

  /** Prints the diagnostics (on failure). */
  async report(/** @type {unknown} */ error) {
    const lines = [`e2e failure: ${error instanceof Error ? error.stack : String(error)}`];
    lines.push("timeline (s since start, duration ms):");
    for (const s of this.timeline) {
      lines.push(
        `  +${((s.before - this.started) / 1000).toFixed(2)} ${s.name} (${s.after - s.before})`,
      );
    }
    for (const d of this.#diagnostics) {
      let text;
      try {
        const v = await withTimeout(Promise.resolve(d.fn()), 5000, d.what);
        text = typeof v === "string" ? v : JSON.stringify(v, null, 1);
      } catch (err) {
        text = `(could not get it: ${err instanceof Error ? err.message : err})`;
      }
      lines.push(`--- ${d.what} ---`, String(text).slice(-12000));
    }
    console.error(lines.join("\n"));
  }

  async cleanup() {
    /** @type {string[]} */
    const failed = [];
    for (const c of this.#cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve(c.fn()), 30_000, c.what);
      } catch (err) {
        failed.push(`${c.what}: ${err instanceof Error ? err.message : err}`);
      }
    }
    this.#cleanups = [];
    if (failed.length) console.error(`e2e clean-up problems:\n  ${failed.join("\n  ")}`);
  }

  /**
   * Runs the body; on failure prints the diagnostics; always cleans up.
   * @param {(h: Harness) => Promise<void>} body
   */
  async run(body) {
    try {
      await body(this);
    } catch (err) {
      await this.report(err);
      throw err;
    } finally {
      await this.cleanup();
    }
  }
}

/**
 * @template T
 * @param {Promise<T>} p
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
export function withTimeout(p, ms, what) {
  /** @type {ReturnType<typeof setTimeout>} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
