// A chrome.storage area backed by a Map. Values are kept as JSON text, so what a test reads
// back went through serialisation as in the browser, and bytes written can be counted.

export class FakeStorage {
  /** @type {Map<string, string>} */
  #map = new Map();
  bytesWritten = 0;
  writes = 0;
  /** When set, the next set() waits for this promise (to catch sends before writes). */
  /** @type {Promise<void> | null} */
  gate = null;
  /** When set, the next set() rejects with it. */
  /** @type {Error | null} */
  failNext = null;

  /** @param {string | string[] | null | Record<string, any>} keys */
  async get(keys) {
    /** @type {Record<string, any>} */
    const out = {};
    if (keys === null || keys === undefined) {
      for (const [k, v] of this.#map) out[k] = JSON.parse(v);
      return out;
    }
    const list = typeof keys === "string" ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
    for (const k of list) {
      if (this.#map.has(k)) out[k] = JSON.parse(/** @type {string} */ (this.#map.get(k)));
      else if (!Array.isArray(keys) && typeof keys === "object") out[k] = keys[k];
    }
    return out;
  }

  /** @param {Record<string, any>} items */
  async set(items) {
    if (this.gate) {
      const g = this.gate;
      this.gate = null;
      await g;
    }
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    this.writes += 1;
    for (const [k, v] of Object.entries(items)) {
      const json = JSON.stringify(v);
      this.bytesWritten += k.length + json.length;
      this.#map.set(k, json);
    }
  }

  /** @param {string | string[]} keys */
  async remove(keys) {
    for (const k of typeof keys === "string" ? [keys] : keys) this.#map.delete(k);
  }

  async clear() {
    this.#map.clear();
  }

  keys() {
    return [...this.#map.keys()];
  }

  /** @param {string} key */
  peek(key) {
    const v = this.#map.get(key);
    return v === undefined ? undefined : JSON.parse(v);
  }

  get bytesStored() {
    let n = 0;
    for (const [k, v] of this.#map) n += k.length + v.length;
    return n;
  }
}
