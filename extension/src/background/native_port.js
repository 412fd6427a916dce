// @ts-check
// The one native messaging port to parasol-host: `hello` first, then requests matched to
// replies by id, each with a timeout; when the host goes away, every open request fails
// with a retryable error and the port reconnects with exponential backoff (1 s .. 60 s).
// The state it exposes is what the pop-up shows: connected, or what is wrong and (by
// status) how to fix it.

export const HOST_NAME = "org.parasol.host";
export const PROTOCOL_VERSION = 1;
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;
export const MIN_BACKOFF_MS = 1_000;
export const MAX_BACKOFF_MS = 60_000;

/**
 * @typedef {"connecting" | "connected" | "not_installed" | "forbidden" | "crashed" |
 *   "incompatible"} PortStatus
 * @typedef {{status: PortStatus, error: string | null, since: number, retryAt: number | null,
 *   attempts: number, hostVersion: string | null}} PortState
 *
 * The part of runtime.Port used here.
 * @typedef {object} Port
 * @property {(msg: any) => void} postMessage
 * @property {() => void} disconnect
 * @property {{addListener: (fn: (msg: any) => void) => void}} onMessage
 * @property {{addListener: (fn: (port: Port) => void) => void}} onDisconnect
 *
 * @typedef {object} NativePortDeps
 * @property {(hostName: string) => Port} connectNative
 * @property {(port: Port) => string | null} readError  the reason of a disconnect
 *   (Firefox: port.error; Chromium: runtime.lastError, read inside the listener)
 * @property {{version: string, browser: string}} extension  for hello
 * @property {() => number} [now]
 * @property {(fn: () => void, ms: number) => any} [setTimer]
 * @property {(handle: any) => void} [clearTimer]
 * @property {number} [requestTimeoutMs]
 * @property {string} [hostName]
 * @property {string} [idPrefix]
 * @property {(...args: any[]) => void} [log]
 */

/** A failed request: a host error code (PROTOCOL.md) or a local one. */
export class NativeError extends Error {
  /**
   * @param {string} code host codes (`invalid`, `unavailable`, ...) or local ones:
   *   `not_connected` (no port), `disconnected` (the port closed before the reply),
   *   `timeout` (no reply in time)
   * @param {string} message
   * @param {string} [path] JSON Pointer of the field at fault, when the host names one
   */
  constructor(code, message, path) {
    super(message);
    this.name = "NativeError";
    this.code = code;
    this.path = path;
  }
}

/** Failures after which the same request may succeed later, unchanged. */
const RETRYABLE = new Set(["unavailable", "not_connected", "disconnected", "timeout", "internal"]);

/** @param {string} code */
export function isRetryable(code) {
  return RETRYABLE.has(code);
}

/**
 * What a disconnect message means. Chromium: "Specified native messaging host not found.",
 * "Access to the specified native messaging host is forbidden.", "Native host has exited.",
 * "Error when communicating with the native messaging host.". Firefox says "No such native
 * application org.parasol.host" both when the manifest is missing and when it does not list
 * this extension, so there "not_installed" covers both (its fix text says so).
 * @param {string | null} text
 * @returns {"not_installed" | "forbidden" | "crashed"}
 */
export function classifyDisconnect(text) {
  const t = (text ?? "").toLowerCase();
  if (t.includes("not found") || t.includes("no such native application")) return "not_installed";
  if (t.includes("forbidden") || t.includes("does not have permission")) return "forbidden";
  return "crashed";
}

export class NativePort {
  /** @type {Required<Omit<NativePortDeps, "log">> & {log: (...args: any[]) => void}} */
  #d;
  /** @type {Port | null} */
  #port = null;
  /** @type {Map<string, {resolve: (body: any) => void, reject: (err: NativeError) => void, timer: any}>} */
  #pending = new Map();
  #seq = 0;
  #attempts = 0;
  /** @type {any} */
  #retryTimer = null;
  /** @type {PortState} */
  #state;
  /** @type {Set<(state: PortState) => void>} */
  #onChange = new Set();
  /** @type {Set<() => void>} */
  #onReady = new Set();

  /** @param {NativePortDeps} deps */
  constructor(deps) {
    this.#d = {
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (h) => clearTimeout(h),
      requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
      hostName: HOST_NAME,
      idPrefix: `b${Math.floor(Math.random() * 36 ** 4).toString(36)}-`,
      log: () => {},
      ...deps,
    };
    this.#state = {
      status: "connecting",
      error: null,
      since: this.#d.now(),
      retryAt: null,
      attempts: 0,
      hostVersion: null,
    };
  }

  /** @returns {PortState} */
  get state() {
    return { ...this.#state };
  }

  get connected() {
    return this.#state.status === "connected";
  }

  /** @param {(state: PortState) => void} fn */
  onChange(fn) {
    this.#onChange.add(fn);
  }

  /** Called after every successful hello (first connect and each reconnect). */
  /** @param {() => void} fn */
  onReady(fn) {
    this.#onReady.add(fn);
  }

  /**
   * Opens the port unless it is open or a retry is already scheduled (then the backoff
   * stands, unless `force`).
   * @param {{force?: boolean}} [opts]
   */
  connect({ force = false } = {}) {
    if (this.#port) return;
    if (this.#retryTimer !== null) {
      if (!force) return;
      this.#d.clearTimer(this.#retryTimer);
      this.#retryTimer = null;
    }
    this.#set({ status: "connecting", retryAt: null });
    /** @type {Port} */
    let port;
    try {
      port = this.#d.connectNative(this.#d.hostName);
    } catch (err) {
      this.#lost(String(/** @type {Error} */ (err)?.message ?? err));
      return;
    }
    this.#port = port;
    port.onMessage.addListener((msg) => this.#onMessage(port, msg));
    port.onDisconnect.addListener(() => {
      if (port === this.#port) this.#lost(this.#d.readError(port));
    });
    this.#hello(port);
  }

  /** Closes the port and stops retrying (worker shutdown, tests). */
  close() {
    if (this.#retryTimer !== null) this.#d.clearTimer(this.#retryTimer);
    this.#retryTimer = null;
    const port = this.#port;
    this.#port = null;
    this.#failAll("disconnected", "the port was closed");
    port?.disconnect();
  }

  /**
   * One request; resolves with the reply body, rejects with a NativeError.
   * @param {string} type
   * @param {object} [body]
   * @param {{timeoutMs?: number}} [opts]
   * @returns {Promise<any>}
   */
  request(type, body = {}, opts = {}) {
    if (!this.#port || !this.connected) {
      const why = this.#state.error
        ? `${this.#state.status}: ${this.#state.error}`
        : this.#state.status;
      return Promise.reject(
        new NativeError("not_connected", `parasol-host is not connected (${why})`),
      );
    }
    return this.#send(this.#port, type, body, opts.timeoutMs ?? this.#d.requestTimeoutMs);
  }

  /** @param {Port} port */
  #hello(port) {
    const body = { protocol: PROTOCOL_VERSION, extension: this.#d.extension };
    this.#send(port, "hello", body, this.#d.requestTimeoutMs).then(
      (reply) => {
        if (port !== this.#port) return;
        this.#attempts = 0;
        this.#set({
          status: "connected",
          error: null,
          attempts: 0,
          hostVersion: reply?.host?.version ?? null,
        });
        for (const fn of this.#onReady) fn();
      },
      (/** @type {NativeError} */ err) => {
        if (port !== this.#port) return; // the disconnect already said why
        this.#port = null;
        port.disconnect();
        if (err.code === "unsupported_protocol") {
          this.#attempts = Math.max(this.#attempts, 16); // no point hurrying: wait the maximum
          this.#lost(err.message, "incompatible");
        } else {
          this.#lost(`hello failed (${err.code}): ${err.message}`, "crashed");
        }
      },
    );
  }

  /**
   * @param {Port} port @param {string} type @param {object} body @param {number} timeoutMs
   * @returns {Promise<any>}
   */
  #send(port, type, body, timeoutMs) {
    const id = `${this.#d.idPrefix}${++this.#seq}`;
    return new Promise((resolve, reject) => {
      const timer = this.#d.setTimer(() => {
        if (this.#pending.delete(id)) {
          reject(new NativeError("timeout", `no reply to ${type} within ${timeoutMs} ms`));
        }
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      try {
        port.postMessage({ id, type, body });
      } catch (err) {
        // The port closed under us; its onDisconnect (if any) reports why.
        this.#pending.delete(id);
        this.#d.clearTimer(timer);
        reject(new NativeError("disconnected", String(/** @type {Error} */ (err)?.message ?? err)));
      }
    });
  }

  /** @param {Port} port @param {any} msg */
  #onMessage(port, msg) {
    if (port !== this.#port) return;
    const id = msg && typeof msg === "object" ? msg.id : undefined;
    const waiting = typeof id === "string" ? this.#pending.get(id) : undefined;
    if (!waiting) {
      // A reply after its timeout, a duplicate, or an error the host could not tie to a
      // request (id null: too_large, bad_json): nothing waits for it, but say so.
      this.#d.log("parasol: reply nobody waits for", msg);
      return;
    }
    this.#pending.delete(/** @type {string} */ (id));
    this.#d.clearTimer(waiting.timer);
    if (msg.ok === true) {
      waiting.resolve(msg.body ?? {});
    } else {
      const e = msg.error ?? {};
      waiting.reject(
        new NativeError(
          typeof e.code === "string" ? e.code : "internal",
          typeof e.message === "string" ? e.message : "error reply without a message",
          typeof e.path === "string" ? e.path : undefined,
        ),
      );
    }
  }

  /**
   * The port is gone: fail what waits, say why, and schedule the next attempt.
   * @param {string | null} text
   * @param {PortStatus} [status]
   */
  #lost(text, status) {
    this.#port = null;
    const error = text || "Native host has exited.";
    this.#failAll("disconnected", error);
    this.#attempts += 1;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** Math.min(this.#attempts - 1, 16));
    const retryAt = this.#d.now() + delay;
    this.#retryTimer = this.#d.setTimer(() => {
      this.#retryTimer = null;
      this.connect();
    }, delay);
    this.#set({
      status: status ?? classifyDisconnect(text),
      error,
      retryAt,
      attempts: this.#attempts,
    });
  }

  /** @param {string} code @param {string} message */
  #failAll(code, message) {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const w of waiting) {
      this.#d.clearTimer(w.timer);
      w.reject(new NativeError(code, message));
    }
  }

  /** @param {Partial<PortState>} patch */
  #set(patch) {
    const changed = patch.status !== undefined && patch.status !== this.#state.status;
    this.#state = { ...this.#state, ...patch, since: changed ? this.#d.now() : this.#state.since };
    for (const fn of this.#onChange) fn(this.state);
  }
}
