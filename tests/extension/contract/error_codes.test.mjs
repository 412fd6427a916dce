// The extension keeps no table of the host's error codes of its own: native_port.js passes
// the code through (NativeError.code), isRetryable() names the transient ones, and each
// caller has a documented default for the rest. This file is that table, checked against
// schemas/errors.json (append-only): a code added there fails here until its handling is
// decided, and each row is checked against what the code really does.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  MAX_BACKOFF_MS,
  MIN_BACKOFF_MS,
  isRetryable,
} from "../../../extension/src/background/native_port.js";
import { makeFakeBrowser, tab } from "../background/support/fake_browser.mjs";
import { okBody } from "../background/support/fake_native.mjs";
import {
  ERROR_CODES,
  T0,
  assertValidReply,
  bootBackground,
  deliveryRig,
  entriesOf,
  schemas,
  settle,
} from "./support/wire.mjs";

/**
 * code -> [retryable, port status after a failed hello, activity.record: what happens to a
 * batch refused with this code and a path naming spans/1].
 * "keep": every item stays queued and goes again on the next tick (the alarm runs while
 * items wait on an open port); "drop-item": only the named item leaves, counted as rejected,
 * and the rest is sent at once.
 */
const HANDLING = {
  bad_json: [false, "crashed", "keep"], // our frame was not JSON: a bug; the host's reply has id null
  too_large: [false, "crashed", "keep"], // batches are far under 8 MiB; id null too
  bad_frame: [false, "crashed", "keep"], // the host exits after it: reconnect with backoff
  invalid: [false, "crashed", "drop-item"], // without an item path: keep (replies.test.mjs)
  unknown_type: [false, "crashed", "keep"], // an older host: an update resolves it
  unsupported_protocol: [false, "incompatible", "keep"], // reconnects at the slowest pace
  not_found: [false, "crashed", "keep"], // not sent for activity.record
  unavailable: [true, "crashed", "keep"], // errors.json: the sender keeps and retries
  reply_too_large: [false, "crashed", "keep"], // {stored: N} can't grow
  internal: [true, "crashed", "keep"], // a host bug, state unchanged: try again later
};

/** Failures made by the extension itself (native_port.js NativeError), not by the host. */
const LOCAL_CODES = ["not_connected", "disconnected", "timeout"];

const errorReply = (msg, code, path) => ({
  id: msg.id,
  ok: false,
  error: { code, message: `test: ${code}`, ...(path ? { path } : {}) },
});

test("error codes: one decided handling per code of errors.json, in its order", () => {
  assert.deepEqual(Object.keys(HANDLING), ERROR_CODES);
  assert.deepEqual(
    schemas.files.get(schemas.index.defs).$defs.ErrorCode.enum,
    ERROR_CODES,
    "the reply schema's ErrorCode is errors.json's list",
  );
});

test("error codes: local codes never collide with the host's, and all of them are retryable", () => {
  for (const code of LOCAL_CODES) {
    assert.equal(ERROR_CODES.includes(code), false, code);
    assert.equal(isRetryable(code), true, code);
  }
});

for (const [code, [retryable, helloStatus, record]] of Object.entries(HANDLING)) {
  test(`error codes: ${code}: retryable=${retryable}, failed hello -> ${helloStatus}, activity.record -> ${record}`, async () => {
    assert.equal(isRetryable(code), retryable);

    // hello: the port says what is wrong and tries again later.
    const rig = await deliveryRig();
    rig.port.close();
    rig.host.handler = (msg) => {
      const reply = errorReply(msg, code, code === "unsupported_protocol" ? "/body/protocol" : "");
      assertValidReply(msg.type, reply);
      return reply;
    };
    rig.port.connect({ force: true });
    await settle();
    const state = rig.port.state;
    assert.equal(state.status, helloStatus);
    assert.match(state.error, new RegExp(`test: ${code}`));
    const delay = state.retryAt - rig.clock.now();
    if (helloStatus === "incompatible") assert.equal(delay, MAX_BACKOFF_MS);
    else assert.ok(delay >= MIN_BACKOFF_MS && delay < MAX_BACKOFF_MS);
    rig.host.handler = (msg) => ({ id: msg.id, ok: true, body: okBody(msg) });
    await rig.clock.advance(delay);
    assert.equal(rig.port.state.status, "connected", "and recovers once the host answers");
    rig.port.close();

    // activity.record: refused once with this code, naming spans/1.
    let refuse = true;
    const { host, outbox, delivery, port } = await deliveryRig({
      answer: (msg) => {
        const reply = refuse
          ? errorReply(msg, code, "/body/spans/1/end")
          : { id: msg.id, ok: true, body: okBody(msg) };
        refuse = false;
        return reply;
      },
    });
    const body = threeSpans();
    await outbox.put(entriesOf(body), T0);
    await delivery.kick();
    if (record === "drop-item") {
      assert.equal(outbox.size, 0, "the other two were sent again at once and stored");
      assert.equal(outbox.stats().rejected, 1);
      const resent = host.requests("activity.record")[1].body.spans.map((s) => s.id);
      assert.deepEqual(resent, [body.spans[0].id, body.spans[2].id]);
    } else {
      assert.equal(outbox.size, 3, "all kept");
      assert.equal(outbox.stats().total, 0, "none dropped");
      assert.equal(delivery.status.lastError.code, code, "the pop-up shows the error");
      assert.equal(host.requests("activity.record").length, 1, "no resend loop");
      await delivery.kick(); // the next tick
      assert.equal(outbox.size, 0, "sent again and stored");
      assert.equal(delivery.status.lastError, null);
    }
    port.close();
  });

  test(`error codes: ${code} in reply to settings.get keeps the cached settings`, async () => {
    const cached = { tracking: { idle_threshold_s: 300 }, connection_sites: [] };
    const browser = makeFakeBrowser({
      tabs: [tab(1, "https://www.twitch.tv/carol", { active: true })],
    });
    await browser.local.set({ settings: cached });
    browser.host.handler = (msg) =>
      msg.type === "settings.get"
        ? errorReply(msg, code)
        : { id: msg.id, ok: true, body: okBody(msg) };
    const { bg, errors, logs } = await bootBackground(browser);
    assert.equal(bg.port.state.status, "connected");
    assert.deepEqual(errors, []);
    assert.ok(logs.some((l) => /settings\.get failed/.test(l[0]) && l[1]?.code === code));
    assert.deepEqual(browser.local.peek("settings"), cached);
    assert.equal(bg.tracker.settings.tracking.idle_threshold_s, 300);
    assert.deepEqual(bg.tracker.settings.connection_sites, []);
    bg.port.close();
  });
}

function threeSpans() {
  return {
    spans: [1, 2, 3].map((n) => ({
      id: `5a7e000${n}-1c2d-4e5f-8a9b-0c1d2e3f4a5b`,
      kind: "creator",
      platform: "youtube",
      handle: `creator${n}`,
      start: T0,
      end: T0 + 60_000,
      utc_offset_min: 60,
      attention: "focused",
    })),
  };
}
