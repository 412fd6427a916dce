// The tracker's persisted state: what a restart reads back, and how little a tick writes.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CORE_KEY,
  TABS_KEY,
  TrackerStore,
} from "../../../extension/src/background/tracker_store.js";
import { FakeStorage } from "./support/fake_storage.mjs";
import { fakeResolve, makeTracker, URLS } from "./support/tracker_harness.mjs";

const deps = { resolveUrl: fakeResolve, newId: () => "span-9999", offsetAt: () => 0 };

function tracking() {
  const t = makeTracker();
  t.dispatch({ type: "window-focus", windowId: 1, now: 0 });
  for (let id = 1; id <= 20; id++) {
    t.dispatch({ type: "tab-updated", tabId: id, windowId: 1, url: `${URLS.alice}${id}`, now: 0 });
  }
  t.dispatch({ type: "tab-activated", tabId: 1, windowId: 1, now: 0 });
  return t;
}

test("tracker store: a saved tracker loads back with the same state", async () => {
  const area = new FakeStorage();
  const t = tracking();
  await new TrackerStore(area).save(t);
  const loaded = await new TrackerStore(area).load(deps);
  assert.deepEqual(loaded.snapshot(), JSON.parse(JSON.stringify(t.snapshot())));
  assert.deepEqual(
    loaded.current().map((c) => c.handle),
    ["alice1"],
  );
});

test("tracker store: nothing saved yet (or half of it) starts a fresh tracker", async () => {
  const area = new FakeStorage();
  assert.equal((await new TrackerStore(area).load(deps)).hasOpenSpans(), false);
  await area.set({ [CORE_KEY]: { v: 1 } });
  assert.equal((await new TrackerStore(area).load(deps)).hasOpenSpans(), false);
});

test("tracker store: a tick rewrites the small core, not the tab facts", async () => {
  const area = new FakeStorage();
  const store = new TrackerStore(area);
  const t = tracking();
  await store.save(t);
  const full = area.bytesWritten;
  t.dispatch({ type: "tick", now: 30_000 });
  const before = area.bytesWritten;
  await store.save(t);
  const tick = area.bytesWritten - before;
  assert.ok(tick < full / 4, `a tick wrote ${tick} bytes, a full save ${full}`);
  t.dispatch({ type: "tab-activated", tabId: 2, windowId: 1, now: 31_000 });
  await store.save(t);
  const reloaded = await new TrackerStore(area).load(deps);
  assert.equal(reloaded.snapshot().tabs[2].active, true, "changed tab facts are written");
  assert.ok(area.keys().includes(TABS_KEY));
});
