// @ts-check
// One piece of work that drains a queue (the outbox, the pending answers): calls made while
// it runs don't start a second, parallel run; they make the running one go round once more,
// so whatever was added meanwhile is seen before it ends.

export class CoalescedRun {
  /** @type {() => Promise<void>} */
  #work;
  /** @type {Promise<void> | null} */
  #running = null;
  #again = false;

  /** @param {() => Promise<void>} work */
  constructor(work) {
    this.#work = work;
  }

  /** Runs the work, or asks the run under way for one more round. @returns {Promise<void>} */
  run() {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#work();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }
}
