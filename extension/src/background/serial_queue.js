// @ts-check
// Browser events arrive whenever they like; their effects (tracker, outbox, storage) must
// apply one at a time, in arrival order. A job's failure is reported and does not stop the
// jobs after it.

export class SerialQueue {
  /** @type {Promise<unknown>} */
  #tail = Promise.resolve();
  #onError;

  /** @param {(err: unknown) => void} onError */
  constructor(onError) {
    this.#onError = onError;
  }

  /**
   * Runs `job` after every job queued before it. The returned promise settles with the job
   * (a failure also goes to onError).
   * @template T @param {() => Promise<T> | T} job @returns {Promise<T>}
   */
  run(job) {
    const result = this.#tail.then(job);
    this.#tail = result.catch((err) => this.#onError(err));
    return result;
  }

  /** Resolves when every job queued so far has finished. */
  idle() {
    return this.run(() => undefined);
  }
}
