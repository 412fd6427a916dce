// Outbox -> native port -> fake host: what reaches the host, and what stays queued when the
// host fails in each way the protocol allows.

import { test } from "node:test";
import assert from "node:assert/strict";
import { Delivery } from "../../../extension/src/background/delivery.js";
import { NativePort } from "../../../extension/src/background/native_port.js";
import { Outbox } from "../../../extension/src/background/outbox.js";
import { EXITED, FakeNative, okBody } from "./support/fake_native.mjs";
import { FakeStorage } from "./support/fake_storage.mjs";
import { FakeClock, settle } from "./support/fake_timers.mjs";

const T0 = 1_700_000_000_000;

function span(n, end = T0 + 1000) {
  return {
    type: "span",
    item: {
      id: `span-${String(n).padStart(5, "0")}`,
      kind: "creator",
      platform: "youtube",
      handle: "alice",
      start: T0,
      end,
      utc_offset_min: 0,
      attention: "focused",
    },
  };
}

async function setup({ items = 0, storage = new FakeStorage() } = {}) {
  const clock = new FakeClock(T0);
  const host = new FakeNative();
  const port = new NativePort({
    connectNative: host.connectNative,
    readError: host.readError,
    extension: { version: "0.1.0", browser: "chromium" },
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  });
  const outbox = await Outbox.open(storage);
  if (items)
    await outbox.put(
      Array.from({ length: items }, (_, i) => span(i + 1)),
      T0,
    );
  const logs = [];
  const delivery = new Delivery({ outbox, port, now: clock.now, log: (m) => logs.push(m) });
  port.onReady(() => delivery.kick());
  return { clock, host, port, outbox, delivery, storage, logs };
}

/** Span ids of every activity.record the host received. */
function recordedIds(host) {
  return host.requests("activity.record").map((m) => m.body.spans.map((s) => s.id));
}

test("delivery: queued items go on connect, in batches of at most 1000, and leave when acknowledged", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 2100 });
  port.connect();
  await settle();
  await delivery.kick();
  assert.deepEqual(
    recordedIds(host).map((b) => b.length),
    [1000, 1000, 100],
  );
  assert.equal(outbox.size, 0);
  assert.equal(delivery.status.sent, 2100);
  assert.equal(delivery.status.lastAck.count, 100, "the last batch acknowledged");
  assert.equal(typeof delivery.status.lastAck.at, "number");
});

test("delivery: nothing is sent while the host is missing; all of it after it appears", async () => {
  const { clock, host, port, outbox } = await setup({ items: 3 });
  host.mode = "missing";
  port.connect();
  await settle();
  assert.equal(port.state.status, "not_installed");
  assert.equal(outbox.size, 3);
  host.mode = "ok";
  await clock.advance(1000);
  await settle();
  assert.equal(outbox.size, 0);
  assert.deepEqual(recordedIds(host), [["span-00001", "span-00002", "span-00003"]]);
});

test("delivery: host crash mid-batch -> the batch stays queued and is resent after reconnect", async () => {
  const { clock, host, port, outbox, delivery } = await setup({ items: 5 });
  host.handler = (msg, p) => {
    if (msg.type === "activity.record") {
      queueMicrotask(() => p.die(EXITED)); // committed or not, no reply reaches us
      return null;
    }
    return { id: msg.id, ok: true, body: okBody(msg) };
  };
  port.connect();
  await settle();
  assert.equal(port.state.status, "crashed");
  assert.equal(outbox.size, 5, "unacknowledged: still queued");
  assert.equal(delivery.status.lastError.code, "disconnected");
  host.handler = (msg) => ({ id: msg.id, ok: true, body: okBody(msg) });
  await clock.advance(1000);
  await settle();
  assert.equal(outbox.size, 0);
  const batches = recordedIds(host);
  assert.equal(batches.length, 2);
  assert.deepEqual(batches[1], batches[0], "the same ids again: the host merges them");
  assert.equal(delivery.status.lastError, null);
});

test("delivery: a service-worker restart resends what was taken but never acknowledged", async () => {
  const storage = new FakeStorage();
  const first = await setup({ items: 4, storage });
  first.host.handler = (msg) =>
    msg.type === "activity.record" ? null : { id: msg.id, ok: true, body: okBody(msg) };
  first.port.connect();
  await settle();
  assert.equal(recordedIds(first.host).length, 1, "sent once, no reply: the worker stops here");

  const second = await setup({ storage });
  second.port.connect();
  await settle();
  assert.deepEqual(recordedIds(second.host), recordedIds(first.host));
  assert.equal(second.outbox.size, 0);
  assert.deepEqual(storage.keys(), []);
});

test("delivery: duplicate acknowledgements are harmless", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 2 });
  host.handler = (msg, p) => {
    const reply = { id: msg.id, ok: true, body: okBody(msg) };
    if (msg.type === "activity.record") queueMicrotask(() => p.reply(reply));
    return reply;
  };
  port.connect();
  await settle();
  await outbox.put([span(3)], T0);
  await delivery.kick();
  await settle();
  assert.equal(outbox.size, 0);
  assert.equal(port.state.status, "connected");
});

test("delivery: `unavailable` keeps everything and the next kick sends it", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 3 });
  let busy = true;
  host.handler = (msg) =>
    msg.type === "activity.record" && busy
      ? { id: msg.id, ok: false, error: { code: "unavailable", message: "database is locked" } }
      : { id: msg.id, ok: true, body: okBody(msg) };
  port.connect();
  await settle();
  assert.equal(outbox.size, 3);
  assert.deepEqual(delivery.status.lastError, {
    at: T0,
    code: "unavailable",
    message: "database is locked",
  });
  assert.equal(recordedIds(host).length, 1, "no busy loop: one try per kick");
  busy = false;
  await delivery.kick();
  assert.equal(outbox.size, 0);
});

test("delivery: an item the host names as invalid is dropped (counted); the rest goes", async () => {
  const { host, port, outbox, logs } = await setup({ items: 3 });
  host.handler = (msg) => {
    if (msg.type === "activity.record" && msg.body.spans.some((s) => s.id === "span-00002")) {
      const i = msg.body.spans.findIndex((s) => s.id === "span-00002");
      return {
        id: msg.id,
        ok: false,
        error: {
          code: "invalid",
          message: `body.spans[${i}].handle: too long`,
          path: `/body/spans/${i}/handle`,
        },
      };
    }
    return { id: msg.id, ok: true, body: okBody(msg) };
  };
  port.connect();
  await settle();
  assert.equal(outbox.size, 0);
  assert.equal(outbox.stats().rejected, 1);
  assert.deepEqual(recordedIds(host).at(-1), ["span-00001", "span-00003"]);
  assert.match(logs.join("\n"), /refused \/body\/spans\/1\/handle/);
});

test("delivery: an error naming no item keeps everything (no data thrown away on a guess)", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 2 });
  host.handler = (msg) =>
    msg.type === "activity.record"
      ? {
          id: msg.id,
          ok: false,
          error: { code: "invalid", message: "body: unknown field", path: "/body/extra" },
        }
      : { id: msg.id, ok: true, body: okBody(msg) };
  port.connect();
  await settle();
  assert.equal(outbox.size, 2);
  assert.equal(outbox.stats().total, 0);
  assert.equal(delivery.status.lastError.code, "invalid");
});

test("delivery: kicks during a run never send two batches at once", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 1 });
  let inFlight = 0;
  let most = 0;
  host.handler = (msg, p) => {
    if (msg.type !== "activity.record") return { id: msg.id, ok: true, body: okBody(msg) };
    inFlight++;
    most = Math.max(most, inFlight);
    setImmediate(() => {
      inFlight--;
      p.reply({ id: msg.id, ok: true, body: okBody(msg) });
    });
    return null;
  };
  port.connect();
  await settle();
  for (let i = 2; i <= 6; i++) {
    await outbox.put([span(i)], T0);
    delivery.kick();
  }
  await delivery.kick();
  await settle();
  assert.equal(outbox.size, 0);
  assert.equal(most, 1);
});

test("delivery: a batch whose items all changed while out ends the run; the new versions follow", async () => {
  const { host, port, outbox, delivery } = await setup({ items: 1 });
  host.handler = (msg, p) => {
    if (msg.type !== "activity.record") return { id: msg.id, ok: true, body: okBody(msg) };
    const reply = { id: msg.id, ok: true, body: okBody(msg) };
    if (msg.body.spans[0].end === T0 + 1000) {
      // The span grows while its first version is on the way.
      outbox.put([span(1, T0 + 2000)], T0).then(() => p.reply(reply));
      return null;
    }
    return reply;
  };
  port.connect();
  await settle();
  assert.deepEqual(
    host.requests("activity.record").map((m) => m.body.spans[0].end - T0),
    [1000],
    "no resend loop inside one run",
  );
  assert.equal(outbox.size, 1);
  await delivery.kick();
  assert.deepEqual(
    host.requests("activity.record").map((m) => m.body.spans[0].end - T0),
    [1000, 2000],
  );
  assert.equal(outbox.size, 0);
});
