import { test } from "node:test";
import assert from "node:assert/strict";
import {
  canonicalHandle,
  cleanLabel,
  MAX_HANDLE_LENGTH,
  pathSegments,
  percentDecode,
} from "../../../extension/src/platforms/canonical.js";

test("canonicalHandle: one spelling per handle", () => {
  const cases = [
    ["foo", "foo"],
    ["Foo", "foo"],
    ["@Foo", "foo"],
    ["@@foo", "foo"],
    ["  @foo  ", "foo"],
    ["foo/", "foo"],
    ["foo///", "foo"],
    ["/foo/videos", "foo"],
    ["//foo", "foo"],
    ["@Foo/featured?view=0", "foo"],
    ["foo?x=1", "foo"],
    ["foo#about", "foo"],
    ["f%C3%B6o", "föo"],
    ["F%C3%96O", "föo"],
    ["%40Foo", "foo"],
    ["foo%2Fbar", "foo"],
    ["lab.creator", "lab.creator"],
    ["Lab_Creator-2", "lab_creator-2"],
    ["alice.bsky.social", "alice.bsky.social"],
    ["did:plc:abc", "did:plc:abc"],
    ["\u2068@LabCreator.bsky.social\u2069", "labcreator.bsky.social"],
    ["zero\u200bwidth", "zerowidth"],
    ["e\u0301", "\u00e9"], // NFC: e + combining acute -> é
    ["ÄBC", "äbc"],
  ];
  for (const [input, want] of cases)
    assert.equal(canonicalHandle(input), want, JSON.stringify(input));
});

test("canonicalHandle: nothing usable is null", () => {
  const cases = [
    "",
    "   ",
    "@",
    "/",
    "?q=1",
    "#x",
    "foo bar",
    "foo\tbar",
    "foo%zz", // malformed escape stays, "%" is refused
    "a@b",
    "x".repeat(MAX_HANDLE_LENGTH + 1),
    null,
    undefined,
    42,
  ];
  for (const input of cases) assert.equal(canonicalHandle(input), null, JSON.stringify(input));
});

test("canonicalHandle: the length limit counts code points", () => {
  assert.equal(canonicalHandle("x".repeat(MAX_HANDLE_LENGTH)), "x".repeat(MAX_HANDLE_LENGTH));
  const emoji = "😀".repeat(MAX_HANDLE_LENGTH); // 256 UTF-16 units, 128 code points
  assert.equal(canonicalHandle(emoji), emoji);
  assert.equal(canonicalHandle(emoji + "😀"), null);
});

test("percentDecode keeps malformed input", () => {
  assert.equal(percentDecode("a%20b"), "a b");
  assert.equal(percentDecode("100%"), "100%");
});

test("pathSegments: non-empty, decoded, case kept", () => {
  assert.deepEqual(pathSegments(new URL("https://x.test/@Foo//videos/")), ["@Foo", "videos"]);
  assert.deepEqual(pathSegments(new URL("https://x.test/")), []);
  assert.deepEqual(pathSegments(new URL("https://x.test/a%20b/c")), ["a b", "c"]);
});

test("cleanLabel: collapsed, trimmed, at most 200 code points", () => {
  assert.equal(cleanLabel("  Lab \n  Creator "), "Lab Creator");
  assert.equal(cleanLabel(""), null);
  assert.equal(cleanLabel("  "), null);
  assert.equal(cleanLabel(undefined), null);
  assert.equal([...(cleanLabel("😀".repeat(250)) ?? "")].length, 200);
});
