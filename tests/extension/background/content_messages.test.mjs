// Content-script messages: accepted shapes become tracker facts and protocol marks; every
// refusal names the field and the rule.

import { test } from "node:test";
import assert from "node:assert/strict";
import { parseMark, parsePageState } from "../../../extension/src/background/content_messages.js";

const okPage = {
  kind: "page-state",
  at: 1000,
  page: { type: "creator", platform: "youtube", handle: "UCabc", label: "Lab", live: true },
  media: { playing: true, video: true },
  visible: true,
};

test("content messages: a creator page-state", () => {
  assert.deepEqual(parsePageState(okPage), {
    ok: true,
    value: {
      type: "page-state",
      identity: { kind: "creator", platform: "youtube", handle: "UCabc", label: "Lab" },
      unknown: false,
      playing: true,
      visible: true,
      at: 1000,
    },
  });
});

test("content messages: a page that is no creator's", () => {
  const r = parsePageState({ ...okPage, page: { type: "none", reason: "unknown-creator" } });
  assert.equal(r.ok, true);
  assert.equal(r.value.identity, null);
  assert.equal(r.value.unknown, true);
  const none = parsePageState({ ...okPage, page: { type: "none", reason: "not-a-creator-page" } });
  assert.equal(none.value.unknown, false);
});

const BAD_PAGES = [
  [{ ...okPage, at: -1 }, "at: must be a non-negative integer"],
  [{ ...okPage, at: "now" }, "at: must be a non-negative integer"],
  [{ ...okPage, page: null }, "page: must be an object"],
  [{ ...okPage, page: { type: "channel" } }, 'page.type: must be "creator" or "none"'],
  [
    { ...okPage, page: { ...okPage.page, platform: "You Tube" } },
    "page.platform: must match [a-z0-9.-]{1,32}",
  ],
  [
    { ...okPage, page: { ...okPage.page, handle: "" } },
    "page.handle: must be a string of 1-128 characters",
  ],
  [
    { ...okPage, page: { ...okPage.page, handle: "x".repeat(129) } },
    "page.handle: must be a string of 1-128 characters",
  ],
  [{ ...okPage, page: { ...okPage.page, label: 7 } }, "page.label: must be a string"],
  [{ ...okPage, media: {} }, "media.playing: must be a boolean"],
  [{ ...okPage, visible: "yes" }, "visible: must be a boolean"],
];
for (const [msg, error] of BAD_PAGES) {
  test(`content messages: page-state refused: ${error}`, () => {
    assert.deepEqual(parsePageState(msg), { ok: false, error });
  });
}

const deps = { now: 5000, newId: () => "mark-id-1", offsetAt: () => -300 };

test("content messages: a mark becomes a protocol Mark with its own id and offset", () => {
  assert.deepEqual(
    parseMark({ kind: "mark", at: 4000, what: "spend", platform: "patreon", handle: "lab" }, deps),
    {
      ok: true,
      value: {
        id: "mark-id-1",
        what: "spend",
        platform: "patreon",
        handle: "lab",
        at: 4000,
        utc_offset_min: -300,
        count: 1,
      },
    },
  );
});

test("content messages: a mark's moment is never after now", () => {
  const r = parseMark(
    { kind: "mark", at: 9999, what: "chat", platform: "twitch", handle: "c", count: 4 },
    deps,
  );
  assert.equal(r.value.at, 5000);
  assert.equal(r.value.count, 4);
});

const BAD_MARKS = [
  [{ what: "tip" }, 'what: must be "spend" or "chat"'],
  [{ count: 0 }, "count: must be an integer 1..10000"],
  [{ count: 10001 }, "count: must be an integer 1..10000"],
  [{ count: 1.5 }, "count: must be an integer 1..10000"],
  [{ platform: "" }, "platform: must match [a-z0-9.-]{1,32}"],
  [{ handle: 5 }, "handle: must be a string of 1-128 characters"],
];
for (const [patch, error] of BAD_MARKS) {
  test(`content messages: mark refused: ${error}`, () => {
    const msg = { kind: "mark", at: 1, what: "chat", platform: "twitch", handle: "c", ...patch };
    assert.deepEqual(parseMark(msg, deps), { ok: false, error });
  });
}
