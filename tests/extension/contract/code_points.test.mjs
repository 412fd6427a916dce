// Handles (1-128) and labels (at most 200) are counted in code points by the schemas, as the
// host counts them. The background used to count UTF-16 units: it refused valid handles
// made of astral characters, and cut labels in the middle of a surrogate pair, leaving a
// lone surrogate that makes the host refuse the whole frame as bad_json.

import { test } from "node:test";
import assert from "node:assert/strict";

import {
  codePointLength,
  truncateCodePoints,
} from "../../../extension/src/background/code_points.js";
import { parseMark, parsePageState } from "../../../extension/src/background/content_messages.js";
import { Tracker } from "../../../extension/src/background/tracker.js";
import { schemas } from "./support/wire.mjs";

const DEFS = schemas.files.get(schemas.index.defs).$id;
const handleSchema = schemas.ajv.getSchema(`${DEFS}#/$defs/CreatorHandle`);
const labelSchema = schemas.ajv.getSchema(`${DEFS}#/$defs/Label`);

const SMILE = "\u{1F600}"; // one code point, two UTF-16 units
const LONE = "\uD800";

test("code points: length counts a surrogate pair once, a lone surrogate as one", () => {
  const cases = [
    ["", 0],
    ["abc", 3],
    [SMILE, 1],
    [SMILE.repeat(128), 128],
    ["é", 1], // precomposed
    ["e\u0301", 2], // e + combining accent: two code points
    [LONE, 1],
    [`a${LONE}b`, 3],
    ["\uDC00\uD800", 2], // reversed halves are two lone surrogates
    [`${SMILE}${LONE}`, 2],
  ];
  for (const [s, n] of cases) {
    assert.equal(codePointLength(s), n, JSON.stringify(s));
    assert.equal(codePointLength(s), [...s].length, "as string iteration counts");
  }
});

test("code points: truncation never splits a pair and always yields sendable text", () => {
  const cases = [
    ["short", 200, "short"],
    ["a".repeat(201), 200, "a".repeat(200)],
    [SMILE.repeat(200), 200, SMILE.repeat(200)], // 400 units, 200 code points: kept whole
    [SMILE.repeat(201), 200, SMILE.repeat(200)],
    ["a" + SMILE.repeat(250), 200, "a" + SMILE.repeat(199)],
    [`x${LONE}y`, 200, "x\uFFFDy"],
    [`${SMILE}${SMILE}`, 1, SMILE],
  ];
  for (const [s, max, want] of cases) {
    const got = truncateCodePoints(s, max);
    assert.equal(got, want, JSON.stringify(s).slice(0, 40));
    assert.ok(got.isWellFormed());
    assert.ok(codePointLength(got) <= max);
  }
});

const page = (handle, label = "") => ({
  kind: "page-state",
  at: 1000,
  page: { type: "creator", platform: "youtube", handle, label, live: false },
  media: { playing: false, video: false },
  visible: true,
});
const mark = (handle) => ({ kind: "mark", at: 1000, what: "spend", platform: "youtube", handle });
const markDeps = {
  now: 2000,
  newId: () => "5a7e0001-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
  offsetAt: () => 0,
};

// [handle, accepted] — accepted exactly when the schema's CreatorHandle accepts it (and it
// is sendable: a lone surrogate passes the schema but not the host's UTF-8 check).
const HANDLES = [
  ["a".repeat(128), true],
  ["a".repeat(129), false],
  [SMILE.repeat(128), true], // 256 UTF-16 units: refused before the fix
  [SMILE.repeat(129), false],
  ["\u{20000}".repeat(100), true], // CJK extension B
  ["", false],
  [`bob${LONE}`, false],
];

test("code points: page-state and mark handles are limited to 128 code points, as the schema", () => {
  for (const [handle, accepted] of HANDLES) {
    const name = `${JSON.stringify(handle).slice(0, 20)}… (${handle.length} units)`;
    const sendable = handleSchema(handle) && handle.isWellFormed();
    assert.equal(sendable, accepted, `${name}: the table agrees with the schema`);
    const p = parsePageState(page(handle));
    const m = parseMark(mark(handle), markDeps);
    assert.equal(p.ok, accepted, `page-state ${name}: ${p.error ?? "accepted"}`);
    assert.equal(m.ok, accepted, `mark ${name}: ${m.error ?? "accepted"}`);
    if (accepted) {
      assert.equal(p.value.identity.handle, handle);
      assert.equal(m.value.handle, handle);
    } else {
      assert.match(p.error, /^page\.handle: /);
      assert.match(m.error, /^handle: /);
    }
  }
  assert.equal(
    parsePageState(page(`bob${LONE}`)).error,
    "page.handle: must be well-formed Unicode (no lone surrogates)",
  );
});

test("code points: page-state labels are cut to 200 code points, never mid-pair", () => {
  const cases = [
    [SMILE.repeat(200), SMILE.repeat(200)],
    ["a" + SMILE.repeat(250), "a" + SMILE.repeat(199)],
    ["b".repeat(300), "b".repeat(200)],
    [`Bob ${LONE} Live`, "Bob \uFFFD Live"],
  ];
  for (const [label, want] of cases) {
    const r = parsePageState(page("alice", label));
    assert.equal(r.ok, true);
    const got = r.value.identity.label;
    assert.equal(got, want);
    assert.ok(labelSchema(got) && got.isWellFormed(), "valid and sendable");
  }
});

test("code points: the tracker cuts labels it is given (from URLs or pages) the same way", () => {
  let n = 0;
  const tracker = new Tracker({
    resolveUrl: (u) => ({
      platform: "twitch",
      handle: u.pathname.slice(1),
      label: "a" + SMILE.repeat(250),
    }),
    newId: () => `span-${String(++n).padStart(4, "0")}`,
    offsetAt: () => 0,
  });
  tracker.dispatch({ type: "window-focus", windowId: 1, now: 0 });
  tracker.dispatch({
    type: "tab-updated",
    tabId: 1,
    windowId: 1,
    url: "https://www.twitch.tv/carol",
    now: 0,
  });
  tracker.dispatch({ type: "tab-activated", tabId: 1, windowId: 1, now: 0 });
  const [opened] = tracker.current();
  assert.equal(opened.label, "a" + SMILE.repeat(199), "opened with the label cut");
  // The page then names the same creator with a longer label: the open span takes it, cut.
  const longer = "b" + SMILE.repeat(300);
  tracker.dispatch({
    type: "page-state",
    tabId: 1,
    identity: { kind: "creator", platform: "twitch", handle: "carol", label: longer },
    playing: false,
    visible: true,
    now: 1000,
  });
  const [span] = tracker.dispatch({ type: "tick", now: 30_000 });
  assert.equal(span.label, "b" + SMILE.repeat(199));
  assert.ok(labelSchema(span.label) && span.label.isWellFormed());
});
