import { test } from "node:test";
import assert from "node:assert/strict";

import { CoalescedRun } from "../../../extension/src/background/coalesced_run.js";

test("coalesced run: calls during a run share it and add exactly one more round", async () => {
  let rounds = 0;
  /** @type {() => void} */
  let release = () => {};
  const run = new CoalescedRun(async () => {
    rounds += 1;
    if (rounds === 1) await new Promise((r) => (release = () => r(undefined)));
  });
  const first = run.run();
  const second = run.run();
  const third = run.run();
  assert.equal(second, first, "one promise for the run under way");
  assert.equal(third, first);
  release();
  await first;
  assert.equal(rounds, 2, "the first round, then one more for everything asked meanwhile");

  await run.run();
  assert.equal(rounds, 3, "a call after the run ended starts a new one");
});

test("coalesced run: a failing round ends the run, and the next call starts afresh", async () => {
  let calls = 0;
  const run = new CoalescedRun(async () => {
    calls += 1;
    if (calls === 1) throw new Error("boom");
  });
  await assert.rejects(run.run(), /boom/);
  await run.run();
  assert.equal(calls, 2);
});
