import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CHAT_FLUSH_INTERVAL_MS,
  createChatCounter,
  MAX_MARK_COUNT,
} from "../../../extension/src/content/chat_counter.js";

const YT = { platform: "youtube", handle: "UCx7pPNw2Ip1C_dTfc1Oy3hA" };
const TW = { platform: "twitch", handle: "labstreamer" };
const T0 = 1_700_000_000_000;

test("counts per creator and hands out marks 30 s after a batch starts", () => {
  const c = createChatCounter();
  assert.equal(c.dueAt(), null);
  assert.deepEqual(c.take(T0), []);
  c.add(YT, T0);
  c.add(YT, T0 + 5_000);
  c.add(TW, T0 + 6_000);
  assert.equal(c.dueAt(), T0 + CHAT_FLUSH_INTERVAL_MS);
  assert.deepEqual(c.take(T0 + CHAT_FLUSH_INTERVAL_MS - 1), [], "not yet due");
  assert.deepEqual(c.take(T0 + CHAT_FLUSH_INTERVAL_MS), [
    { kind: "mark", at: T0 + 5_000, what: "chat", ...YT, count: 2 },
    { kind: "mark", at: T0 + 6_000, what: "chat", ...TW, count: 1 },
  ]);
  assert.equal(c.dueAt(), null, "taken marks are forgotten");
  assert.deepEqual(c.take(T0 + 10 * CHAT_FLUSH_INTERVAL_MS), []);
});

test("a new batch starts its own 30 s", () => {
  const c = createChatCounter();
  c.add(YT, T0);
  c.take(T0 + CHAT_FLUSH_INTERVAL_MS);
  c.add(YT, T0 + 100_000);
  assert.equal(c.dueAt(), T0 + 100_000 + CHAT_FLUSH_INTERVAL_MS);
});

test("force hands out everything (page going away)", () => {
  const c = createChatCounter();
  c.add(TW, T0);
  assert.deepEqual(c.take(T0 + 1, true), [{ kind: "mark", at: T0, what: "chat", ...TW, count: 1 }]);
});

test("a batch larger than the protocol's count limit is split", () => {
  const c = createChatCounter(10);
  for (let i = 0; i < MAX_MARK_COUNT + 5; i++) c.add(TW, T0);
  const marks = c.take(T0 + 10);
  assert.deepEqual(
    marks.map((m) => m.count),
    [MAX_MARK_COUNT, 5],
  );
});

test("marks carry identity and count only", () => {
  const c = createChatCounter();
  c.add(TW, T0);
  const [mark] = c.take(T0, true);
  assert.deepEqual(Object.keys(mark).sort(), ["at", "count", "handle", "kind", "platform", "what"]);
});
