// The protocol's machine form (schemas/) as the extension's contract tests use it: strict
// Ajv validation of what the extension sends and of the replies it is fed, plus a
// background started on the fake browser with production defaults (real UUIDs, the real
// URL resolver), so the frames checked are the ones the shipped code makes.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { SchemaSet, readSchemaFile } from "../../../contract/schema_set.mjs";
import { loadExamples } from "../../../contract/example_files.mjs";
import { Delivery } from "../../../../extension/src/background/delivery.js";
import { startBackground, TICK_ALARM } from "../../../../extension/src/background/main.js";
import { NativePort } from "../../../../extension/src/background/native_port.js";
import { Outbox } from "../../../../extension/src/background/outbox.js";
import { FakeNative, okBody } from "../../background/support/fake_native.mjs";
import { FakeStorage } from "../../background/support/fake_storage.mjs";
import { FakeClock, settle } from "../../background/support/fake_timers.mjs";

export { loadExamples, settle };

export const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
export const schemas = new SchemaSet();
/** schemas/errors.json's codes, in its (append-only) order. */
export const ERROR_CODES = readSchemaFile("errors.json").codes.map((c) => c.code);
/** The extension version a build writes into the manifest (and so into hello). */
export const BUILD_VERSION = readFileSync(ROOT + "VERSION", "utf8").trim();
/** PROTOCOL.md: inbound frames over 8 MiB are refused. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;
export const T0 = 1_700_000_000_000;

/**
 * JSON Pointers of the strings in `value` holding a lone surrogate: JSON.stringify writes
 * them as "\ud800" escapes, the schemas accept them, and the host refuses the frame
 * (bad_json, with no id to match it to).
 * @param {unknown} value @param {string} [at]
 * @returns {string[]}
 */
export function illFormedStrings(value, at = "") {
  if (typeof value === "string") return value.isWellFormed() ? [] : [at];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => illFormedStrings(v, `${at}/${k}`));
}

/**
 * A request the extension sent is one the host accepts: a known type, valid against its
 * own schema and the envelope's, sendable as UTF-8, within the frame limit.
 * @param {any} msg
 */
export function assertValidRequest(msg) {
  const where = `${msg?.type} ${JSON.stringify(msg).slice(0, 300)}`;
  assert.ok(schemas.types.has(msg?.type), `not a protocol type: ${where}`);
  const own = schemas.checkRequest(msg);
  assert.ok(own.valid, `breaks ${schemas.types.get(msg.type).request}: ${own.text}\n${where}`);
  const envelope = schemas.check(schemas.index.envelope.request, msg);
  assert.ok(envelope.valid, `breaks the request envelope: ${envelope.text}\n${where}`);
  assert.deepEqual(illFormedStrings(msg), [], `lone surrogates would be bad_json: ${where}`);
  assert.ok(Buffer.byteLength(JSON.stringify(msg), "utf8") <= MAX_FRAME_BYTES, "frame too large");
}

/**
 * A reply fed to the extension is one the host may send: valid against the envelope and,
 * when ok, against its type's reply schema.
 * @param {string} type @param {any} reply
 */
export function assertValidReply(type, reply) {
  const envelope = schemas.check(schemas.index.envelope.reply, reply);
  assert.ok(envelope.valid, `breaks the reply envelope: ${envelope.text}`);
  if (reply.ok) {
    const own = schemas.check(schemas.types.get(type).reply, reply);
    assert.ok(own.valid, `breaks ${schemas.types.get(type).reply}: ${own.text}`);
  }
}

/** Every activity.record item the host received, in arrival order. */
export function recordedItems(host) {
  return host
    .requests("activity.record")
    .flatMap((m) => [
      ...(m.body.spans ?? []).map((s) => ({ type: "span", ...s })),
      ...(m.body.marks ?? []).map((k) => ({ type: "mark", ...k })),
    ]);
}

/**
 * The background on a fake browser, with production ids, offsets and URL resolution; only
 * time is faked.
 * @param {ReturnType<typeof import("../../background/support/fake_browser.mjs").makeFakeBrowser>} browser
 * @param {{clock?: FakeClock, caps?: any}} [opts]
 */
export async function bootBackground(browser, { clock = new FakeClock(T0), caps } = {}) {
  const logs = [];
  const errors = [];
  const bg = startBackground({
    caps: caps ?? browser.caps,
    now: clock.now,
    portDeps: { setTimer: clock.setTimer, clearTimer: clock.clearTimer },
    console: { warn: (...a) => logs.push(a), error: (...a) => errors.push(a) },
  });
  await bg.ready;
  await settle();
  return { bg, clock, logs, errors };
}

/** The periodic alarm firing after `ms` of time. */
export async function fireAlarm(browser, clock, ms = 30_000) {
  await clock.advance(ms);
  browser.api.alarms.onAlarm.emit({ name: TICK_ALARM });
  await settle();
}

/**
 * The delivery chain without the browser: a real NativePort (on a fake host and clock), a
 * real Outbox (on fake storage) and a real Delivery, as main.js wires them.
 * `answer(msg)` gives the host's reply to each request after hello (null: none).
 * @param {{answer?: (msg: any) => any}} [opts]
 */
export async function deliveryRig({ answer } = {}) {
  const clock = new FakeClock(T0);
  const host = new FakeNative();
  const storage = new FakeStorage();
  const logs = [];
  const port = new NativePort({
    connectNative: host.connectNative,
    readError: host.readError,
    extension: { version: BUILD_VERSION, browser: "chromium" },
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    log: (...a) => logs.push(a),
  });
  if (answer) {
    host.handler = (msg) =>
      msg.type === "hello" ? { id: msg.id, ok: true, body: okBody(msg) } : answer(msg);
  }
  const outbox = await Outbox.open(storage);
  const delivery = new Delivery({ outbox, port, now: clock.now, log: (...a) => logs.push(a) });
  port.connect();
  await settle();
  assert.equal(port.state.status, "connected");
  return { clock, host, storage, port, outbox, delivery, logs };
}

/** Outbox entries for an activity.record body, spans first (the order their lists keep). */
export function entriesOf(body) {
  return [
    ...(body.spans ?? []).map((item) => ({ type: "span", item })),
    ...(body.marks ?? []).map((item) => ({ type: "mark", item })),
  ];
}

/** Storage keys of queued items (the outbox's own bookkeeping left out). */
export function queuedKeys(storage) {
  return storage.keys().filter((k) => k.startsWith("ob:s:") || k.startsWith("ob:m:"));
}
