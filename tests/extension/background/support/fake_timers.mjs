// A manual clock with timers: nothing happens until the test moves time forward.

export class FakeClock {
  #now;
  #seq = 0;
  /** @type {Map<number, {at: number, fn: () => void}>} */
  #timers = new Map();

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now = () => this.#now;

  /** @param {() => void} fn @param {number} ms */
  setTimer = (fn, ms) => {
    const id = ++this.#seq;
    this.#timers.set(id, { at: this.#now + ms, fn });
    return id;
  };

  /** @param {number} id */
  clearTimer = (id) => {
    this.#timers.delete(id);
  };

  /** Delays of the timers waiting now, soonest first. */
  pending() {
    return [...this.#timers.values()].map((t) => t.at - this.#now).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order (and those they set, if due). */
  async advance(ms) {
    const until = this.#now + ms;
    for (;;) {
      let next = null;
      for (const [id, t] of this.#timers) {
        if (t.at <= until && (!next || t.at < next[1].at)) next = [id, t];
      }
      if (!next) break;
      this.#timers.delete(next[0]);
      this.#now = Math.max(this.#now, next[1].at);
      next[1].fn();
      await settle();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets pending promise callbacks run. */
export async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}
