// The native port against a fake connectNative and a manual clock.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  HOST_NAME,
  MAX_BACKOFF_MS,
  NativeError,
  NativePort,
  classifyDisconnect,
} from "../../../extension/src/background/native_port.js";
import { EXITED, FORBIDDEN, FakeNative, NOT_FOUND } from "./support/fake_native.mjs";
import { FakeClock, settle } from "./support/fake_timers.mjs";

function setup({ mode = "ok", timeoutMs } = {}) {
  const clock = new FakeClock();
  const host = new FakeNative();
  host.mode = mode;
  const logs = [];
  const port = new NativePort({
    connectNative: host.connectNative,
    readError: host.readError,
    extension: { version: "0.1.0", browser: "chromium" },
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    idPrefix: "t-",
    log: (...a) => logs.push(a),
    ...(timeoutMs ? { requestTimeoutMs: timeoutMs } : {}),
  });
  const states = [];
  port.onChange((s) => states.push(s.status));
  return { clock, host, port, states, logs };
}

test("native port: hello goes first, then the port is connected", async () => {
  const { host, port, states } = setup();
  let ready = 0;
  port.onReady(() => ready++);
  port.connect();
  await settle();
  assert.equal(host.lastName, HOST_NAME);
  assert.deepEqual(host.received[0], {
    id: "t-1",
    type: "hello",
    body: { protocol: 1, extension: { version: "0.1.0", browser: "chromium" } },
  });
  assert.equal(port.state.status, "connected");
  assert.equal(port.state.hostVersion, "0.1.0");
  assert.equal(ready, 1);
  assert.deepEqual(states, ["connecting", "connected"]);
});

test("native port: replies are matched to requests by id, whatever their order", async () => {
  const { host, port } = setup();
  port.connect();
  await settle();
  const held = [];
  host.handler = (msg, p) => {
    held.push([msg, p]);
    return null;
  };
  const a = port.request("summary.get", { days: 7 });
  const b = port.request("creators.list", {});
  await settle();
  const [[ma, p], [mb]] = held;
  p.reply({ id: mb.id, ok: true, body: { creators: [] } });
  p.reply({ id: ma.id, ok: true, body: { from: "2026-11-19" } });
  assert.deepEqual(await a, { from: "2026-11-19" });
  assert.deepEqual(await b, { creators: [] });
});

test("native port: an error reply rejects with the host's code, message and path", async () => {
  const { host, port } = setup();
  port.connect();
  await settle();
  host.handler = (msg) => ({
    id: msg.id,
    ok: false,
    error: {
      code: "invalid",
      message: "body.spans[3].end: must not be earlier than start",
      path: "/body/spans/3/end",
    },
  });
  await assert.rejects(port.request("activity.record", { spans: [] }), (err) => {
    assert.ok(err instanceof NativeError);
    assert.equal(err.code, "invalid");
    assert.equal(err.path, "/body/spans/3/end");
    assert.match(err.message, /earlier than start/);
    return true;
  });
});

test("native port: a request without a reply times out; the late reply is ignored", async () => {
  const { clock, host, port, logs } = setup({ timeoutMs: 5000 });
  port.connect();
  await settle();
  let held;
  host.handler = (msg, p) => {
    held = [msg, p];
    return null;
  };
  const r = port.request("summary.get", {});
  const outcome = r.then(
    () => "resolved",
    (e) => e.code,
  );
  await clock.advance(5000);
  assert.equal(await outcome, "timeout");
  held[1].reply({ id: held[0].id, ok: true, body: {} });
  held[1].reply({ id: held[0].id, ok: true, body: {} });
  assert.equal(logs.length, 2, "replies nobody waits for are logged, not thrown");
  assert.equal(port.state.status, "connected");
});

test("native port: requests before the port is up fail at once as not_connected", async () => {
  const { port } = setup({ mode: "missing" });
  await assert.rejects(port.request("summary.get"), { code: "not_connected" });
  port.connect();
  await settle();
  await assert.rejects(port.request("summary.get"), (e) => {
    assert.equal(e.code, "not_connected");
    assert.match(e.message, /not_installed: Specified native messaging host not found/);
    return true;
  });
});

const DISCONNECTS = [
  { mode: "missing", status: "not_installed", text: NOT_FOUND },
  { mode: "forbidden", status: "forbidden", text: FORBIDDEN },
  { mode: "exits", status: "crashed", text: EXITED },
];
for (const d of DISCONNECTS) {
  test(`native port: "${d.text}" -> ${d.status}, with the browser's text kept`, async () => {
    const { port } = setup({ mode: d.mode });
    port.connect();
    await settle();
    assert.equal(port.state.status, d.status);
    assert.equal(port.state.error, d.text);
    assert.equal(port.connected, false);
  });
}

test("native port: disconnect texts of both browsers are classified", () => {
  const table = [
    [NOT_FOUND, "not_installed"],
    ["No such native application org.parasol.host", "not_installed"],
    [FORBIDDEN, "forbidden"],
    [EXITED, "crashed"],
    ["Error when communicating with the native messaging host.", "crashed"],
    [null, "crashed"],
  ];
  for (const [text, status] of table) assert.equal(classifyDisconnect(text), status, String(text));
});

test("native port: reconnects with exponential backoff from 1 s up to 60 s", async () => {
  const { clock, host, port } = setup({ mode: "missing" });
  port.connect();
  await settle();
  const delays = [];
  for (let i = 0; i < 9; i++) {
    const [delay] = clock.pending();
    delays.push(delay);
    assert.equal(port.state.retryAt, clock.now() + delay);
    await clock.advance(delay);
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  assert.equal(host.connects, 10);
  assert.equal(MAX_BACKOFF_MS, 60_000);
});

test("native port: connect() during the backoff waits for it unless forced", async () => {
  const { clock, host, port } = setup({ mode: "missing" });
  port.connect();
  await settle();
  port.connect();
  await settle();
  assert.equal(host.connects, 1);
  host.mode = "ok";
  port.connect({ force: true });
  await settle();
  assert.equal(host.connects, 2);
  assert.equal(port.state.status, "connected");
  assert.deepEqual(clock.pending(), [], "no stale retry left behind");
});

test("native port: the host crashing mid-request fails it as disconnected; reconnect resets the backoff", async () => {
  const { clock, host, port, states } = setup();
  let readies = 0;
  port.onReady(() => readies++);
  port.connect();
  await settle();
  host.handler = () => null;
  const r = port.request("activity.record", { spans: [] });
  await settle();
  host.port.die(EXITED);
  await assert.rejects(r, { code: "disconnected", message: EXITED });
  assert.equal(port.state.status, "crashed");
  assert.deepEqual(clock.pending(), [1000]);
  host.handler = (msg) => ({
    id: msg.id,
    ok: true,
    body: { protocol: 1, host: { version: "0.1.0" } },
  });
  await clock.advance(1000);
  assert.equal(port.state.status, "connected");
  assert.equal(readies, 2, "ready again after the reconnect (the outbox resends then)");
  assert.equal(port.state.attempts, 0);
  host.port.die(EXITED);
  await settle();
  assert.deepEqual(clock.pending(), [1000], "backoff starts over after a good connection");
  assert.deepEqual(states, [
    "connecting",
    "connected",
    "crashed",
    "connecting",
    "connected",
    "crashed",
  ]);
});

test("native port: a host without protocol 1 is incompatible and retried slowly", async () => {
  const { clock, host, port } = setup();
  host.handler = (msg) => ({
    id: msg.id,
    ok: false,
    error: {
      code: "unsupported_protocol",
      message: "protocol 1 is not supported; this host speaks 2",
    },
  });
  port.connect();
  await settle();
  assert.equal(port.state.status, "incompatible");
  assert.match(port.state.error, /this host speaks 2/);
  assert.deepEqual(clock.pending(), [MAX_BACKOFF_MS]);
  assert.equal(host.port.open, false, "the port is closed");
});

test("native port: hello without an answer counts as a crash and is retried", async () => {
  const { clock, host, port } = setup({ timeoutMs: 3000 });
  host.handler = () => null;
  port.connect();
  await clock.advance(3000);
  assert.equal(port.state.status, "crashed");
  assert.match(port.state.error, /hello failed \(timeout\)/);
  assert.equal(host.port.open, false);
});

test("native port: close() fails what waits and stops retrying", async () => {
  const { clock, host, port } = setup();
  port.connect();
  await settle();
  host.handler = () => null;
  const r = port.request("summary.get");
  port.close();
  await assert.rejects(r, { code: "disconnected" });
  assert.deepEqual(clock.pending(), []);
});
