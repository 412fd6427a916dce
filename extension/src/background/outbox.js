// @ts-check
// The durable outbox: every span and mark is written to storage before it is sent, and
// leaves only when the host has acknowledged (committed) the batch that carried it.
//
// One storage key per item ("ob:s:<id>" for spans, "ob:m:<id>" for marks), so an open span
// that grows is one small overwrite, not a rewrite of the queue. The in-memory index is a
// cache of storage, rebuilt on open: a restarted worker resends everything unacknowledged.
// Resending is safe: the host merges by id (PROTOCOL.md activity.record).

/** PROTOCOL.md: activity.record carries 1 to 1,000 items. */
export const MAX_BATCH = 1000;
export const DEFAULT_MAX_ITEMS = 50_000;
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

const PREFIX = "ob:";
const META_KEY = "ob:meta";

/**
 * The part of chrome.storage.StorageArea the outbox uses (promise style).
 * @typedef {object} StorageArea
 * @property {(keys: string | string[] | null) => Promise<Record<string, any>>} get
 * @property {(items: Record<string, any>) => Promise<void>} set
 * @property {(keys: string | string[]) => Promise<void>} remove
 *
 * @typedef {import("./tracker.js").SpanUpdate} Span
 * @typedef {import("./content_messages.js").Mark} Mark
 * @typedef {{type: "span", item: Span} | {type: "mark", item: Mark}} Entry
 * @typedef {{seq: number, rev: number, t: number, type: "span" | "mark", item: any,
 *   durable: boolean}} Record_  durable: its storage write has completed (only then is it sent)
 * @typedef {{key: string, rev: number}} Taken
 * @typedef {{body: {spans?: Span[], marks?: Mark[]}, spans: Taken[], marks: Taken[]}} Batch
 * @typedef {{overflow: number, expired: number, rejected: number,
 *   last: {at: number, reason: string, count: number} | null}} Dropped
 */

export class Outbox {
  /** @type {StorageArea} */
  #storage;
  #maxItems;
  #maxAgeMs;
  /** Oldest first (insertion order = seq order; a replaced item keeps its place). */
  /** @type {Map<string, Record_>} */
  #index = new Map();
  #nextSeq = 1;
  #rev = 0;
  /** @type {Dropped} */
  #dropped = { overflow: 0, expired: 0, rejected: 0, last: null };
  /** Storage operations run one after another, in the order the index changed. */
  /** @type {Promise<unknown>} */
  #io = Promise.resolve();

  /**
   * @param {StorageArea} storage
   * @param {{maxItems?: number, maxAgeMs?: number}} [opts]
   */
  constructor(storage, opts = {}) {
    this.#storage = storage;
    this.#maxItems = opts.maxItems ?? DEFAULT_MAX_ITEMS;
    this.#maxAgeMs = opts.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /**
   * Opens the outbox stored in `storage` (everything in it is unacknowledged).
   * @param {StorageArea} storage
   * @param {{maxItems?: number, maxAgeMs?: number}} [opts]
   */
  static async open(storage, opts) {
    const box = new Outbox(storage, opts);
    await box.#load();
    return box;
  }

  async #load() {
    const all = await this.#storage.get(null);
    /** @type {Array<[string, Record_]>} */
    const recs = [];
    for (const [key, v] of Object.entries(all)) {
      if (!key.startsWith(PREFIX) || key === META_KEY) continue;
      const type = key.startsWith("ob:s:") ? "span" : "mark";
      recs.push([key, { seq: v.q, rev: ++this.#rev, t: v.t, type, item: v.v, durable: true }]);
    }
    recs.sort((a, b) => a[1].seq - b[1].seq);
    this.#index = new Map(recs);
    this.#nextSeq = recs.length ? recs[recs.length - 1][1].seq + 1 : 1;
    if (all[META_KEY]) this.#dropped = { ...this.#dropped, ...all[META_KEY] };
  }

  get size() {
    return this.#index.size;
  }

  /** @returns {Dropped & {total: number, pending: number}} */
  stats() {
    const d = this.#dropped;
    return {
      ...d,
      total: d.overflow + d.expired + d.rejected,
      pending: this.#index.size,
    };
  }

  /** Everything queued, oldest first (for tests and the test hook). */
  entries() {
    return [...this.#index.values()].map((r) => ({ type: r.type, item: r.item }));
  }

  /**
   * Queues items durably; resolves once they are in storage. An item whose id is already
   * queued replaces it (an open span re-sent with a later end).
   * @param {Entry[]} entries
   * @param {number} now
   */
  async put(entries, now) {
    if (entries.length === 0) return;
    /** @type {Record<string, any>} */
    const writes = {};
    /** @type {Array<[string, Record_, Record_ | undefined]>} */
    const recs = [];
    for (const e of entries) {
      const key = keyOf(e.type, e.item.id);
      const prev = this.#index.get(key);
      const t = e.type === "span" ? e.item.end : e.item.at;
      /** @type {Record_} */
      const rec = {
        seq: prev?.seq ?? this.#nextSeq++,
        rev: ++this.#rev,
        t,
        type: e.type,
        item: e.item,
        durable: false,
      };
      this.#index.set(key, rec);
      recs.push([key, rec, prev]);
      writes[key] = { q: rec.seq, t, v: e.item };
    }
    /** @type {string[]} */
    const removed = [];
    for (const key of this.#index.keys()) {
      if (this.#index.size - removed.length <= this.#maxItems) break;
      removed.push(key);
    }
    for (const key of removed) {
      this.#index.delete(key);
      delete writes[key];
    }
    if (removed.length) writes[META_KEY] = this.#drop("overflow", removed.length, now);
    try {
      await this.#run(async () => {
        if (removed.length) await this.#storage.remove(removed);
        await this.#storage.set(writes);
      });
    } catch (err) {
      // Not stored, so not queued: the index must not claim otherwise (the caller reports).
      for (const [key, rec, prev] of recs) {
        if (this.#index.get(key) !== rec) continue;
        if (prev) this.#index.set(key, prev);
        else this.#index.delete(key);
      }
      throw err;
    }
    for (const [, rec] of recs) rec.durable = true;
  }

  /**
   * The oldest items already in storage, at most `max`, as an activity.record body plus
   * what it took.
   * @param {number} [max]
   * @returns {Batch | null}
   */
  nextBatch(max = MAX_BATCH) {
    /** @type {Span[]} */ const spans = [];
    /** @type {Mark[]} */ const marks = [];
    /** @type {Taken[]} */ const takenSpans = [];
    /** @type {Taken[]} */ const takenMarks = [];
    for (const [key, rec] of this.#index) {
      if (spans.length + marks.length >= Math.min(max, MAX_BATCH)) break;
      if (!rec.durable) continue; // never send what a crash could still lose here
      if (rec.type === "span") {
        spans.push(rec.item);
        takenSpans.push({ key, rev: rec.rev });
      } else {
        marks.push(rec.item);
        takenMarks.push({ key, rev: rec.rev });
      }
    }
    if (spans.length + marks.length === 0) return null;
    /** @type {Batch["body"]} */
    const body = {};
    if (spans.length) body.spans = spans;
    if (marks.length) body.marks = marks;
    return { body, spans: takenSpans, marks: takenMarks };
  }

  /**
   * The host committed `batch`: its items leave, except those replaced since it was taken
   * (their newer version has not been sent yet). Acknowledging twice is harmless.
   * @param {Batch} batch
   * @returns {Promise<number>} how many items left the queue
   */
  async ack(batch) {
    const gone = [];
    for (const t of [...batch.spans, ...batch.marks]) {
      const rec = this.#index.get(t.key);
      if (rec && rec.rev === t.rev) {
        this.#index.delete(t.key);
        gone.push(t.key);
      }
    }
    if (gone.length) await this.#run(() => this.#storage.remove(gone));
    return gone.length;
  }

  /**
   * The host refused one item of `batch` as invalid (it named it by JSON Pointer): that item
   * can never be stored, so it leaves the queue and is counted as rejected.
   * @param {Batch} batch
   * @param {"spans" | "marks"} list
   * @param {number} index
   * @param {string} reason the host's message
   * @param {number} now
   * @returns {Promise<boolean>} false when the batch has no such item
   */
  async reject(batch, list, index, reason, now) {
    const t = batch[list][index];
    if (!t) return false;
    const had = this.#index.delete(t.key);
    const meta = this.#drop("rejected", had ? 1 : 0, now, reason);
    await this.#run(async () => {
      await this.#storage.remove(t.key);
      await this.#storage.set({ [META_KEY]: meta });
    });
    return true;
  }

  /**
   * Drops what has waited longer than the age bound (counted as expired).
   * @param {number} now
   */
  async prune(now) {
    const old = [];
    for (const [key, rec] of this.#index) {
      if (now - rec.t > this.#maxAgeMs) old.push(key);
    }
    if (old.length === 0) return;
    for (const key of old) this.#index.delete(key);
    const meta = this.#drop("expired", old.length, now);
    await this.#run(async () => {
      await this.#storage.remove(old);
      await this.#storage.set({ [META_KEY]: meta });
    });
  }

  /**
   * @param {"overflow" | "expired" | "rejected"} why @param {number} count @param {number} now
   * @param {string} [reason]
   */
  #drop(why, count, now, reason) {
    this.#dropped[why] += count;
    this.#dropped.last = { at: now, reason: reason ? `${why}: ${reason}` : why, count };
    return { ...this.#dropped };
  }

  /** @template T @param {() => Promise<T>} op @returns {Promise<T>} */
  #run(op) {
    const next = this.#io.then(op);
    this.#io = next.catch(() => {}); // the caller gets the error; later writes still run
    return next;
  }
}

/** @param {"span" | "mark"} type @param {string} id */
function keyOf(type, id) {
  return (type === "span" ? "ob:s:" : "ob:m:") + id;
}
