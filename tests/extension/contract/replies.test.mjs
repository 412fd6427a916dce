// The extension understands every reply the host may send: each valid example's reply (and
// the error every invalid example names) is fed through the code that consumes it, the
// native port's matching by id, delivery's acknowledgement of activity.record, the
// background's use of the settings, and its effect checked.

import { test } from "node:test";
import assert from "node:assert/strict";

import { defaultTrackerSettings } from "../../../extension/src/background/default_settings.js";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  isRetryable,
} from "../../../extension/src/background/native_port.js";
import { MAX_BATCH } from "../../../extension/src/background/outbox.js";
import { makeFakeBrowser, tab } from "../background/support/fake_browser.mjs";
import { okBody } from "../background/support/fake_native.mjs";
import {
  assertValidReply,
  assertValidRequest,
  bootBackground,
  deliveryRig,
  entriesOf,
  fireAlarm,
  loadExamples,
  queuedKeys,
  settle,
  T0,
} from "./support/wire.mjs";

const VALID = loadExamples("valid");
const INVALID = loadExamples("invalid");
const ofType = (type) => VALID.filter((e) => e.request.type === type);

/** The example's reply as the host would send it to the extension's request `msg`. */
const replyTo = (msg, example) => ({ ...example.reply, id: msg.id });

test("replies: every valid example's reply is valid and reaches its own request, in any order", async () => {
  const held = [];
  const { host, port } = await deliveryRig();
  host.handler = (msg) => {
    held.push(msg);
    return null;
  };
  const pending = VALID.map((example) => {
    assertValidReply(example.request.type, example.reply);
    return port.request(example.request.type, example.request.body ?? {});
  });
  await settle();
  assert.equal(held.length, VALID.length);
  for (const msg of held) assertValidRequest(msg);
  // The host answers in order; replying backwards shows each is matched by its id alone.
  for (let i = held.length - 1; i >= 0; i--) host.port.reply(replyTo(held[i], VALID[i]));
  const bodies = await Promise.all(pending);
  for (const [i, example] of VALID.entries()) {
    assert.deepEqual(bodies[i], example.reply.body, example.name);
  }
  port.close();
});

test("replies: hello examples connect the port and name the host's version", async () => {
  for (const example of ofType("hello")) {
    const { host, port } = await deliveryRig();
    port.close();
    host.handler = (msg) => replyTo(msg, example);
    port.connect({ force: true });
    await settle();
    assert.equal(port.state.status, "connected", example.name);
    assert.equal(port.state.hostVersion, example.reply.body.host.version);
    port.close();
  }
});

for (const example of ofType("activity.record")) {
  test(`replies: ${example.name}: the acknowledgement empties the outbox`, async () => {
    const { host, storage, outbox, delivery, port } = await deliveryRig({
      answer: (msg) => replyTo(msg, example),
    });
    const entries = entriesOf(example.request.body);
    await outbox.put(entries, T0);
    await delivery.kick();
    const sent = host.requests("activity.record");
    assert.ok(sent.length >= 1);
    for (const msg of sent) assertValidRequest(msg);
    assert.equal(outbox.size, 0, "acknowledged items leave");
    assert.deepEqual(queuedKeys(storage), [], "and leave storage");
    assert.equal(delivery.status.lastError, null);
    assert.equal(outbox.stats().total, 0, "nothing dropped");
    port.close();
  });
}

test("replies: before the host answers, the extension tracks with the host's default settings", () => {
  const [example] = ofType("settings.get").filter((e) => e.name === "settings.get.defaults");
  const doc = example.reply.body.settings;
  assert.deepEqual(defaultTrackerSettings(), {
    tracking: doc.tracking,
    connection_sites: doc.connection_sites,
  });
});

const SETTINGS_REPLIES = [...ofType("settings.get"), ...ofType("settings.set")];

for (const example of SETTINGS_REPLIES) {
  test(`replies: ${example.name}: the background caches and applies the settings`, async () => {
    const doc = example.reply.body.settings;
    const browser = makeFakeBrowser({
      tabs: [tab(1, "https://news.example.org/", { active: true })],
    });
    browser.host.handler = (msg) =>
      msg.type === "settings.get"
        ? replyTo(msg, example)
        : { id: msg.id, ok: true, body: okBody(msg) };
    const { bg, errors } = await bootBackground(browser);
    assert.deepEqual(errors, []);
    assert.deepEqual(browser.local.peek("settings"), doc, "the host's copy is cached as sent");
    assert.deepEqual(bg.tracker.settings, {
      tracking: doc.tracking,
      connection_sites: doc.connection_sites,
    });
    assert.equal(browser.idleIntervals.at(-1), doc.tracking.idle_threshold_s);
    bg.port.close();
  });
}

// --- error replies ------------------------------------------------------------------------

/** The error reply the host sends for an invalid example, to the extension's request `msg`. */
function errorReplyFor(example, msg) {
  const { code, path } = example.expect;
  const id = Object.hasOwn(example.expect, "id") ? example.expect.id : msg.id;
  const error = { code, message: `${example.name}: ${example.description}` };
  if (path !== undefined) error.path = path;
  return { id, ok: false, error };
}

test("replies: every invalid example's error reply is parsed into the code, message and path", async () => {
  for (const example of INVALID) {
    const { clock, host, port, logs } = await deliveryRig();
    host.handler = () => null; // replies are sent by hand below
    const type = typeof example.request.type === "string" ? example.request.type : "settings.get";
    const outcome = port.request(type, {}).then(
      () => assert.fail(`${example.name}: an error reply resolved`),
      (err) => err,
    );
    await settle();
    const msg = host.requests(type).at(-1);
    const reply = errorReplyFor(example, msg);
    assertValidReply(type, reply);
    host.port.reply(reply);
    await settle();
    if (reply.id === null) {
      // Nothing waits for an id-less error: it is logged, and the request times out (a
      // failure that may pass later, so what it carried is kept and sent again).
      assert.ok(
        logs.some((l) => l[1]?.error?.code === example.expect.code),
        example.name,
      );
      await clock.advance(DEFAULT_REQUEST_TIMEOUT_MS);
      const err = await outcome;
      assert.equal(err.code, "timeout", example.name);
      assert.equal(isRetryable(err.code), true);
    } else {
      const err = await outcome;
      assert.deepEqual(
        { code: err.code, path: err.path, message: err.message },
        { ...reply.error, path: reply.error.path },
        example.name,
      );
    }
    port.close();
  }
});

/** The items an item-level error path names: ["spans", 3] for /body/spans/3/end. */
function namedItem(path) {
  const m = /^\/body\/(spans|marks)\/(\d+)(?:\/|$)/.exec(path ?? "");
  return m ? [m[1], Number(m[2])] : null;
}

/**
 * A valid body shaped like the example's (as many spans and marks, so the error path names
 * the same item), plus one more of each: what must still be stored after a drop.
 */
function mirrorBody(example) {
  const body = example.request.body ?? {};
  const count = (list) => (Array.isArray(list) ? list.length + 1 : 1);
  const id = (kind, i) => `${kind}0000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  return {
    spans: Array.from({ length: count(body.spans) }, (_, i) => ({
      id: id("5a7e", i),
      kind: "creator",
      platform: "youtube",
      handle: `creator${i}`,
      start: T0,
      end: T0 + 60_000,
      utc_offset_min: 60,
      attention: "focused",
    })),
    marks: Array.from({ length: count(body.marks) }, (_, i) => ({
      id: id("3b9d", i),
      what: "spend",
      platform: "youtube",
      handle: `creator${i}`,
      at: T0,
      utc_offset_min: 60,
      count: 1,
    })),
  };
}

const RECORD_ERRORS = INVALID.filter(
  (e) => e.request.type === "activity.record" && e.expect.id !== null,
);

for (const example of RECORD_ERRORS) {
  const { code, path } = example.expect;
  const item = code === "invalid" ? namedItem(path) : null;
  const what = item ? `drops only ${item.join("/")}` : "keeps every item";
  const body = mirrorBody(example);
  const total = body.spans.length + body.marks.length;
  test(`replies: ${example.name} (${code} ${path ?? ""}) ${what}`, async () => {
    let first = true;
    const { host, outbox, delivery, port } = await deliveryRig({
      answer: (msg) => {
        if (msg.type !== "activity.record") return { id: msg.id, ok: true, body: okBody(msg) };
        const reply = first
          ? errorReplyFor(example, msg)
          : { id: msg.id, ok: true, body: okBody(msg) };
        first = false;
        return reply;
      },
    });
    await outbox.put(entriesOf(body), T0);
    await delivery.kick();
    const batches = host.requests("activity.record");
    assert.ok(
      batches.every((m) => (m.body.spans?.length ?? 0) + (m.body.marks?.length ?? 0) <= MAX_BATCH),
    );
    for (const msg of batches) assertValidRequest(msg);
    if (item) {
      const [list, index] = item;
      const dropped = body[list][index].id;
      assert.equal(outbox.stats().rejected, 1, "counted as rejected");
      assert.match(outbox.stats().last.reason, new RegExp(`^rejected: ${example.name}:`));
      assert.equal(outbox.size, 0, "the rest went again at once and was acknowledged");
      assert.equal(batches.length, 2);
      const resent = [...(batches[1].body.spans ?? []), ...(batches[1].body.marks ?? [])];
      assert.deepEqual(
        resent.map((i) => i.id).sort(),
        [...body.spans, ...body.marks]
          .map((i) => i.id)
          .filter((i) => i !== dropped)
          .sort(),
      );
    } else {
      assert.equal(delivery.status.lastError.code, code, "the error is shown");
      assert.equal(outbox.size, total, "nothing is dropped");
      assert.equal(outbox.stats().total, 0);
      assert.equal(batches.length, 1, "no immediate resend loop");
      await delivery.kick(); // the next tick
      assert.equal(outbox.size, 0, "sent again later, and acknowledged");
    }
    port.close();
  });
}

test("replies: an unavailable host keeps the batch, the tick alarm stays on, and the next tick delivers", async () => {
  const carol = tab(1, "https://www.twitch.tv/carol", { active: true });
  const browser = makeFakeBrowser({ tabs: [carol] });
  let unavailable = true;
  browser.host.handler = (msg) =>
    msg.type === "activity.record" && unavailable
      ? {
          id: msg.id,
          ok: false,
          error: { code: "unavailable", message: "database is locked" },
        }
      : { id: msg.id, ok: true, body: okBody(msg) };
  const { bg, clock } = await bootBackground(browser);
  await fireAlarm(browser, clock);
  browser.api.tabs.onRemoved.emit(1);
  await settle();
  assert.ok(bg.outbox.size > 0, "kept");
  assert.equal(bg.delivery.status.lastError.code, "unavailable");
  assert.equal(bg.tracker.hasOpenSpans(), false, "nothing is being counted now");
  assert.ok(browser.alarms.has("parasol-tick"), "yet the alarm ticks, to retry");
  unavailable = false;
  await fireAlarm(browser, clock);
  assert.equal(bg.outbox.size, 0);
  assert.equal(bg.delivery.status.lastError, null);
  assert.equal(browser.alarms.has("parasol-tick"), false, "and stops once all is stored");
  bg.port.close();
});
