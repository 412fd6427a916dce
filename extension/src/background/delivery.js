// @ts-check
// Moves the outbox to the host: one activity.record batch at a time, oldest first, each
// acknowledged only after the host's reply (sent after its commit). Anything that fails
// stays queued and goes again after the next reconnect or tick.

import { CoalescedRun } from "./coalesced_run.js";
import { MAX_BATCH } from "./outbox.js";
import { isRetryable } from "./native_port.js";

/**
 * @typedef {import("./outbox.js").Outbox} Outbox
 * @typedef {import("./native_port.js").NativeError} NativeError
 * @typedef {{connected: boolean, request: (type: string, body?: object) => Promise<any>}} Requester
 */

/** "/body/spans/3/end" -> ["spans", 3] */
const ITEM_PATH = /^\/body\/(spans|marks)\/(\d+)(?:\/|$)/;

export class Delivery {
  #outbox;
  #port;
  #now;
  #log;
  #run = new CoalescedRun(() => this.#drain());
  /** @type {{at: number, code: string, message: string} | null} */
  #lastError = null;
  #sent = 0;
  /** @type {{at: number, count: number} | null} */
  #lastAck = null;

  /**
   * @param {{outbox: Outbox, port: Requester, now?: () => number,
   *   log?: (...args: any[]) => void}} deps
   */
  constructor({ outbox, port, now = Date.now, log = () => {} }) {
    this.#outbox = outbox;
    this.#port = port;
    this.#now = now;
    this.#log = log;
  }

  /**
   * The last failure (cleared by the next acknowledged batch), how many items went, and when
   * the host last acknowledged a batch (and of how many items).
   */
  get status() {
    return { lastError: this.#lastError, sent: this.#sent, lastAck: this.#lastAck };
  }

  /**
   * Sends what is queued, if the port is up. Calls while a run is going on make it go round
   * once more rather than start a second, parallel run.
   * @returns {Promise<void>}
   */
  kick() {
    return this.#run.run();
  }

  async #drain() {
    while (this.#port.connected) {
      const batch = this.#outbox.nextBatch(MAX_BATCH);
      if (!batch) return;
      try {
        const reply = await this.#port.request("activity.record", batch.body);
        const count = batch.spans.length + batch.marks.length;
        if (reply?.stored !== count) {
          this.#log(`parasol: host stored ${reply?.stored} of ${count} items`);
        }
        const gone = await this.#outbox.ack(batch);
        this.#sent += count;
        this.#lastAck = { at: this.#now(), count };
        this.#lastError = null;
        // Every item of the batch was replaced while it was out: the newer versions go with
        // the next kick (each replacement brings one), never in a loop here.
        if (gone === 0) return;
      } catch (err) {
        const e = /** @type {NativeError} */ (err);
        this.#lastError = { at: this.#now(), code: e.code ?? "internal", message: e.message };
        const m = e.code === "invalid" && e.path ? ITEM_PATH.exec(e.path) : null;
        if (m) {
          // One item can never be stored as it is: drop it (counted) and send the rest.
          this.#log(`parasol: host refused ${e.path}: ${e.message}`);
          const list = /** @type {"spans" | "marks"} */ (m[1]);
          if (await this.#outbox.reject(batch, list, Number(m[2]), e.message, this.#now()))
            continue;
        }
        if (!isRetryable(e.code ?? "")) {
          // Not an item's fault and not transient (say, a protocol mismatch): keep everything
          // and let the pop-up show the error; a host or extension update resolves it.
          this.#log(`parasol: activity.record failed (${e.code}): ${e.message}`);
        }
        return;
      }
    }
  }
}
