import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assignedJson,
  extractAssignedObject,
  isLanded,
  isShown,
  jsonLd,
  metaContent,
  objectEnd,
} from "../../../extension/src/platforms/page_data.js";
import { documentOf } from "./fixture_page.mjs";

test("extractAssignedObject: the object literal after `name =`, strings and escapes skipped", () => {
  const cases = [
    ['var ytInitialData = {"a":1};var meta = 2;', "ytInitialData", { a: 1 }],
    ['window["ytInitialData"] = {"a":{"b":[1,2]}};', "ytInitialData", { a: { b: [1, 2] } }],
    ['var x={"s":"}{ \\" }"};', "x", { s: '}{ " }' }],
    ['var x = {"s":"back\\\\"}; var y = 1;', "x", { s: "back\\" }],
    ['if (ytInitialData) {}; var ytInitialData = {"ok":true};', "ytInitialData", { ok: true }],
    ["var ytInitialData = {not json};", "ytInitialData", null],
    ['var ytInitialData = {"unterminated":', "ytInitialData", null],
    ["nothing here", "ytInitialData", null],
  ];
  for (const [text, name, want] of cases)
    assert.deepEqual(extractAssignedObject(text, name), want, text);
});

test("objectEnd: the matching brace or -1", () => {
  assert.equal(objectEnd('{"a":{"b":"}"}}tail', 0), 14);
  assert.equal(objectEnd("{{}", 0), -1);
});

test("assignedJson reads inline scripts only, and one script for several names", () => {
  const doc = documentOf(
    '<script src="https://x.test/a.js"></script>' +
      '<script>var a = {"n":1}; var b = {"n":2};</script>',
  );
  assert.deepEqual(assignedJson(doc, "a"), { n: 1 });
  assert.deepEqual(assignedJson(doc, "b"), { n: 2 });
  assert.equal(assignedJson(doc, "c"), null);
});

test("metaContent: property, name or itemprop; empty is null", () => {
  const doc = documentOf(
    '<meta property="og:title" content=" T "><meta name="author" content="A">' +
      '<meta itemprop="channelId" content="UC1"><meta property="og:url" content="">',
  );
  assert.equal(metaContent(doc, "og:title"), "T");
  assert.equal(metaContent(doc, "author"), "A");
  assert.equal(metaContent(doc, "channelId"), "UC1");
  assert.equal(metaContent(doc, "og:url"), null);
  assert.equal(metaContent(doc, 'x"]'), null, "a key with quotes is escaped, not injected");
});

test("jsonLd: blocks, arrays and @graph, bad JSON skipped", () => {
  const doc = documentOf(
    '<script type="application/ld+json">{"@type":"A"}</script>' +
      '<script type="application/ld+json">[{"@type":"B"},{"@graph":[{"@type":"C"}]}]</script>' +
      '<script type="application/ld+json">{bad</script>',
  );
  assert.deepEqual(
    jsonLd(doc)
      .map((o) => o["@type"])
      .filter(Boolean),
    ["A", "B", "C"],
  );
});

test("isShown: hidden, aria-hidden and display:none on the element or an ancestor", () => {
  const doc = documentOf(
    '<div id="a"><p id="shown">x</p></div>' +
      '<div hidden><p id="h1">x</p></div>' +
      '<div aria-hidden="true"><p id="h2">x</p></div>' +
      '<div style="color: red; display : none"><p id="h3">x</p></div>',
  );
  assert.equal(isShown(doc.getElementById("shown")), true);
  for (const id of ["h1", "h2", "h3"]) assert.equal(isShown(doc.getElementById(id)), false, id);
  assert.equal(isShown(null), false);
});

test("isLanded: without hints the document is taken as loaded at its URL", () => {
  const key = (/** @type {URL} */ u) => u.pathname;
  const url = new URL("https://x.test/a?q=1");
  assert.equal(isLanded(url, undefined, key), true);
  assert.equal(isLanded(url, { landedUrl: new URL("https://x.test/a?q=2") }, key), true);
  assert.equal(isLanded(url, { landedUrl: new URL("https://x.test/b") }, key), false);
});
