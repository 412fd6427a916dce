// @ts-check
// Requests that must reach the host even when it is away (a nudge's answer, the setting a
// nudge's choice turns on): kept in storage.local until the host has replied, sent again
// when the port comes back. Small by nature (a few answers a week), so one storage key
// holds the list. A later request with the same key replaces the one waiting (the host
// keeps only the last answer to a nudge anyway).

import { CoalescedRun } from "./coalesced_run.js";
import { isRetryable } from "./native_port.js";

export const PENDING_KEY = "nudges.pending";
export const MAX_PENDING = 100;
export const MAX_PENDING_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * @typedef {{key: string, type: string, body: object, at: number}} PendingRequest
 * @typedef {{connected: boolean, request: (type: string, body?: object) => Promise<any>}} Requester
 */

export class PendingRequests {
  #area;
  #port;
  #now;
  #log;
  #onReply;
  #flush = new CoalescedRun(() => this.#drain());
  /** Storage writes one after another: a read-modify-write must not interleave. */
  /** @type {Promise<unknown>} */
  #io = Promise.resolve();

  /**
   * @param {{area: import("./outbox.js").StorageArea, port: Requester, now: () => number,
   *   log?: (...args: any[]) => void,
   *   onReply?: (req: PendingRequest, reply: any) => Promise<void> | void}} deps
   */
  constructor({ area, port, now, log = () => {}, onReply = () => {} }) {
    this.#area = area;
    this.#port = port;
    this.#now = now;
    this.#log = log;
    this.#onReply = onReply;
  }

  /** @returns {Promise<PendingRequest[]>} */
  async list() {
    const got = await this.#area.get(PENDING_KEY);
    return Array.isArray(got[PENDING_KEY]) ? got[PENDING_KEY] : [];
  }

  /**
   * Queues a request durably (resolves once stored), then tries to send what waits.
   * @param {string} key @param {string} type @param {object} body
   */
  async put(key, type, body) {
    await this.#edit((list) => {
      const rest = list.filter((r) => r.key !== key);
      rest.push({ key, type, body, at: this.#now() });
      return rest.slice(-MAX_PENDING);
    });
    this.flush();
  }

  /**
   * Sends what waits, oldest first, if the port is up; what the host refuses for good
   * (not_found, invalid) is logged and dropped, what failed for now stays. Concurrent calls
   * share one run (and make it go round once more).
   * @returns {Promise<void>}
   */
  flush() {
    return this.#flush.run();
  }

  async #drain() {
    const cutoff = this.#now() - MAX_PENDING_AGE_MS;
    const stale = (await this.list()).filter((r) => r.at < cutoff);
    if (stale.length) {
      this.#log(`parasol: ${stale.length} answer(s) for the host expired unsent`);
      await this.#remove(stale);
    }
    for (const req of await this.list()) {
      if (!this.#port.connected) return;
      try {
        const reply = await this.#port.request(req.type, req.body);
        await this.#remove([req]);
        await this.#onReply(req, reply);
      } catch (err) {
        const e = /** @type {any} */ (err);
        if (isRetryable(String(e?.code))) return;
        this.#log(`parasol: host refused ${req.type} (${e?.code}): ${e?.message ?? e}`);
        await this.#remove([req]);
      }
    }
  }

  /** Removes these entries, unless replaced meanwhile. @param {PendingRequest[]} done */
  #remove(done) {
    return this.#edit((list) =>
      list.filter((r) => !done.some((d) => d.key === r.key && d.at === r.at)),
    );
  }

  /** @param {(list: PendingRequest[]) => PendingRequest[]} fn */
  #edit(fn) {
    const next = this.#io.then(async () => {
      const list = await this.list();
      await this.#area.set({ [PENDING_KEY]: fn(list) });
    });
    this.#io = next.catch(() => {});
    return next;
  }
}
