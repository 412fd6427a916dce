// The durable outbox over a Map-backed storage fake.

import { test } from "node:test";
import assert from "node:assert/strict";
import { MAX_BATCH, Outbox } from "../../../extension/src/background/outbox.js";
import { FakeStorage } from "./support/fake_storage.mjs";

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;

function span(id, end = T0 + 1000, start = T0) {
  return {
    id,
    kind: "creator",
    platform: "youtube",
    handle: "alice",
    start,
    end,
    utc_offset_min: 60,
    attention: "focused",
  };
}

function mark(id, at = T0) {
  return { id, what: "chat", platform: "twitch", handle: "carol", at, utc_offset_min: 0, count: 2 };
}

const S = (id, end) => ({ type: "span", item: span(id, end) });
const M = (id, at) => ({ type: "mark", item: mark(id, at) });

test("outbox: put resolves only once the item is in storage, and nothing unstored is sent", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  let release;
  storage.gate = new Promise((r) => (release = r));
  const putting = box.put([S("span-0001")], T0);
  assert.equal(box.nextBatch(), null, "an item still being written must not go out");
  assert.deepEqual(storage.keys(), []);
  release();
  await putting;
  assert.deepEqual(storage.keys(), ["ob:s:span-0001"]);
  assert.deepEqual(box.nextBatch().body, { spans: [span("span-0001")] });
});

test("outbox: a failed write leaves nothing queued and the caller sees the error", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001", T0 + 1)], T0);
  storage.failNext = new Error("QUOTA_BYTES quota exceeded");
  await assert.rejects(box.put([S("span-0001", T0 + 2), S("span-0002")], T0), /QUOTA_BYTES/);
  assert.equal(box.size, 1);
  assert.equal(box.nextBatch().body.spans[0].end, T0 + 1, "the stored version stays queued");
});

test("outbox: an acknowledged batch leaves storage for good", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001"), M("mark-0001"), S("span-0002")], T0);
  const batch = box.nextBatch();
  assert.deepEqual(batch.body, {
    spans: [span("span-0001"), span("span-0002")],
    marks: [mark("mark-0001")],
  });
  await box.ack(batch);
  assert.equal(box.size, 0);
  assert.deepEqual(storage.keys(), []);
  assert.equal(box.nextBatch(), null);
  const reopened = await Outbox.open(storage);
  assert.equal(reopened.size, 0);
});

test("outbox: acknowledging the same batch twice is harmless", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001")], T0);
  const batch = box.nextBatch();
  await box.ack(batch);
  await box.put([S("span-0002")], T0);
  await box.ack(batch);
  assert.deepEqual(storage.keys(), ["ob:s:span-0002"]);
});

test("outbox: an updated open span replaces its queued version and keeps its place", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001", T0 + 30_000)], T0);
  await box.put([S("span-0002", T0 + 30_000)], T0);
  await box.put([S("span-0001", T0 + 60_000)], T0);
  assert.equal(box.size, 2);
  const batch = box.nextBatch();
  assert.deepEqual(
    batch.body.spans.map((s) => [s.id, s.end - T0]),
    [
      ["span-0001", 60_000],
      ["span-0002", 30_000],
    ],
  );
  assert.equal(storage.peek("ob:s:span-0001").v.end, T0 + 60_000);
});

test("outbox: a span updated while its batch is in flight survives that batch's ack", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001", T0 + 30_000)], T0);
  const inFlight = box.nextBatch();
  await box.put([S("span-0001", T0 + 60_000)], T0);
  await box.ack(inFlight);
  assert.equal(box.size, 1);
  assert.equal(box.nextBatch().body.spans[0].end, T0 + 60_000);
  assert.equal(storage.peek("ob:s:span-0001").v.end, T0 + 60_000);
});

test("outbox: spans and marks with the same id are different items", async () => {
  const box = await Outbox.open(new FakeStorage());
  await box.put([S("same-id-1"), M("same-id-1")], T0);
  assert.equal(box.size, 2);
});

test("outbox: after a restart everything unacknowledged is sent again, oldest first", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  for (let i = 1; i <= 12; i++) await box.put([S(`span-${String(i).padStart(4, "0")}`)], T0);
  await box.put([S("span-0003", T0 + 5000)], T0); // replaced: keeps its place
  const sent = box.nextBatch(5);
  await box.ack(sent);
  box.nextBatch(); // taken but never acknowledged: the worker dies here
  const reopened = await Outbox.open(storage);
  const again = reopened.nextBatch();
  assert.deepEqual(
    again.body.spans.map((s) => s.id),
    Array.from({ length: 7 }, (_, i) => `span-${String(i + 6).padStart(4, "0")}`),
  );
  await reopened.put([S("span-0013")], T0);
  assert.equal(reopened.nextBatch().body.spans.at(-1).id, "span-0013", "new items go last");
});

test("outbox: batches hold at most 1000 items (the protocol's cap)", async () => {
  const box = await Outbox.open(new FakeStorage());
  const items = Array.from({ length: 2500 }, (_, i) => S(`span-${String(i).padStart(5, "0")}`));
  await box.put(items, T0);
  const sizes = [];
  for (let b = box.nextBatch(5000); b; b = box.nextBatch(5000)) {
    sizes.push(b.body.spans.length);
    await box.ack(b);
  }
  assert.equal(MAX_BATCH, 1000);
  assert.deepEqual(sizes, [1000, 1000, 500]);
});

test("outbox: over the item bound the oldest are dropped, counted, and the count persists", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage, { maxItems: 5 });
  for (let i = 1; i <= 8; i++) await box.put([S(`span-${String(i).padStart(4, "0")}`)], T0 + i);
  assert.equal(box.size, 5);
  assert.deepEqual(
    box.nextBatch().body.spans.map((s) => s.id),
    ["span-0004", "span-0005", "span-0006", "span-0007", "span-0008"],
  );
  assert.equal(box.stats().overflow, 3);
  assert.equal(box.stats().total, 3);
  assert.equal(box.stats().last.reason, "overflow");
  const reopened = await Outbox.open(storage, { maxItems: 5 });
  assert.equal(reopened.stats().overflow, 3);
  assert.equal(reopened.stats().pending, 5);
  assert.equal(storage.keys().filter((k) => k.startsWith("ob:s:")).length, 5);
});

test("outbox: one put larger than the bound keeps only the newest", async () => {
  const box = await Outbox.open(new FakeStorage(), { maxItems: 3 });
  await box.put(
    Array.from({ length: 5 }, (_, i) => S(`span-${String(i).padStart(4, "0")}`)),
    T0,
  );
  assert.deepEqual(
    box.nextBatch().body.spans.map((s) => s.id),
    ["span-0002", "span-0003", "span-0004"],
  );
  assert.equal(box.stats().overflow, 2);
});

test("outbox: what waited longer than 30 days is dropped as expired", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001", T0), M("mark-0001", T0 + 2 * DAY)], T0);
  await box.prune(T0 + 30 * DAY);
  assert.equal(box.size, 2, "exactly 30 days is still within the bound");
  await box.prune(T0 + 31 * DAY);
  assert.equal(box.size, 1);
  assert.equal(box.stats().expired, 1);
  assert.equal((await Outbox.open(storage)).stats().expired, 1);
});

test("outbox: an item the host refused leaves and is counted as rejected", async () => {
  const storage = new FakeStorage();
  const box = await Outbox.open(storage);
  await box.put([S("span-0001"), S("span-0002"), M("mark-0001")], T0);
  const batch = box.nextBatch();
  assert.equal(await box.reject(batch, "spans", 1, "handle: too long", T0), true);
  assert.equal(await box.reject(batch, "marks", 7, "no such item", T0), false);
  assert.deepEqual(
    box.entries().map((e) => e.item.id),
    ["span-0001", "mark-0001"],
  );
  assert.equal(box.stats().rejected, 1);
  assert.match(box.stats().last.reason, /rejected: handle: too long/);
});
