// The small per-page memories: pay flows marked once per navigation, alias pairs learned.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAliasMemory } from "../../../extension/src/content/alias_memory.js";
import { createSpendOnce } from "../../../extension/src/content/spend_once.js";

test("spend: once per navigation and creator", () => {
  const s = createSpendOnce();
  const a = { platform: "patreon", handle: "labcreator" };
  const b = { platform: "patreon", handle: "other" };
  assert.equal(s.claim(1, a), true);
  assert.equal(s.claim(1, a), false);
  assert.equal(s.claim(1, b), true);
  assert.equal(s.claim(2, a), true, "a new navigation is a new page load");
  assert.equal(s.claim(2, { platform: "ko-fi", handle: "labcreator" }), true);
});

test("aliases: learned per platform, oldest forgotten first", () => {
  const m = createAliasMemory(2);
  m.learn("youtube", ["@a"], "UC_A");
  m.learn("youtube", ["@b"], "UC_B");
  m.learn("youtube", ["@a"], "UC_A"); // refreshed: now the newest
  m.learn("youtube", ["@c"], "UC_C");
  assert.deepEqual(
    [...m.of("youtube")],
    [
      ["@a", "UC_A"],
      ["@c", "UC_C"],
    ],
  );
  assert.equal(m.of("twitch").size, 0);
  m.learn("youtube", undefined, "UC_X");
  m.learn("youtube", [], "UC_X");
  assert.equal(m.of("youtube").size, 2);
});
