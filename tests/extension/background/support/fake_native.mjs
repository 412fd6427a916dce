// A fake runtime.connectNative: each connect makes a FakePort whose "host" is scripted by
// the test (missing, forbidden, crashing, or answering through a handler).

/** Chromium's texts (E2E.md). */
export const NOT_FOUND = "Specified native messaging host not found.";
export const FORBIDDEN = "Access to the specified native messaging host is forbidden.";
export const EXITED = "Native host has exited.";

class Emitter {
  /** @type {Array<(...a: any[]) => void>} */
  fns = [];
  /** @param {(...a: any[]) => void} fn */
  addListener(fn) {
    this.fns.push(fn);
  }
  /** @param {...any} a */
  emit(...a) {
    for (const fn of this.fns) fn(...a);
  }
}

export class FakePort {
  onMessage = new Emitter();
  onDisconnect = new Emitter();
  /** @type {any[]} */
  posted = [];
  open = true;
  /** @type {string | null} */
  error = null;
  /** @param {FakeNative} host */
  constructor(host) {
    this.host = host;
  }
  /** @param {any} msg */
  postMessage(msg) {
    if (!this.open) throw new Error("Attempting to use a disconnected port object");
    const copy = JSON.parse(JSON.stringify(msg));
    this.posted.push(copy);
    this.host.received.push(copy);
    queueMicrotask(() => this.host.answer(this, copy));
  }
  disconnect() {
    this.open = false;
  }
  /** The host sends a frame. @param {any} msg */
  reply(msg) {
    if (this.open) this.onMessage.emit(JSON.parse(JSON.stringify(msg)));
  }
  /** The host goes away with this reason. @param {string | null} text */
  die(text) {
    if (!this.open) return;
    this.open = false;
    this.error = text;
    this.onDisconnect.emit(this);
  }
}

export class FakeNative {
  /** "ok" | "missing" | "forbidden" | "exits" (dies right after start) */
  mode = "ok";
  /** Answers a request: a reply object, or null to stay silent. Default: ok with {}. */
  /** @type {(msg: any, port: FakePort) => any} */
  handler = (msg) => ({ id: msg.id, ok: true, body: okBody(msg) });
  /** @type {FakePort[]} */
  ports = [];
  /** @type {any[]} */
  received = [];
  connects = 0;

  /** @param {string} name */
  connectNative = (name) => {
    this.connects += 1;
    this.lastName = name;
    const port = new FakePort(this);
    this.ports.push(port);
    const why = { missing: NOT_FOUND, forbidden: FORBIDDEN, exits: EXITED }[this.mode];
    if (why) queueMicrotask(() => port.die(why));
    return port;
  };

  /** @param {FakePort} port */
  readError = (port) => port.error;

  get port() {
    return this.ports[this.ports.length - 1];
  }

  /** @param {FakePort} port @param {any} msg */
  answer(port, msg) {
    if (!port.open) return;
    const r = this.handler(msg, port);
    if (r) port.reply(r);
  }

  /** @param {string} type */
  requests(type) {
    return this.received.filter((m) => m.type === type);
  }
}

/** @param {any} msg */
export function okBody(msg) {
  switch (msg.type) {
    case "hello":
      return { protocol: 1, host: { version: "0.1.0" }, features: [] };
    case "activity.record":
      return { stored: (msg.body.spans?.length ?? 0) + (msg.body.marks?.length ?? 0) };
    case "settings.get":
      return { settings: {} };
    default:
      return {};
  }
}
