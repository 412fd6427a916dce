// Writes the two examples too big to keep by hand: activity.record with
// exactly 1000 items (the limit, valid) and with 1001 items (invalid). Both
// split the items between spans and marks, because the limit is on the total:
// a host that checks each list on its own would accept 501 + 500.
// Run from anywhere: `node schemas/examples/make_large.mjs`; commit the output.
import { writeFileSync } from "node:fs";
import { stdout } from "node:process";
import { URL, fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const START = Date.parse("2026-11-10T00:00:00Z");
const MINUTE = 60000;
const CREATORS = ["alicetalks", "boblive", "carol", "dana", "erin"];

function items(spanCount, markCount) {
  const spans = [];
  for (let i = 0; i < spanCount; i++) {
    // One minute each, back to back, spread over five creators.
    spans.push({
      id: `bulk-span-${String(i).padStart(5, "0")}`,
      kind: "creator",
      platform: "youtube",
      handle: CREATORS[i % CREATORS.length],
      start: START + i * MINUTE,
      end: START + (i + 1) * MINUTE,
      utc_offset_min: 60,
      attention: "focused",
    });
  }
  const marks = [];
  for (let i = 0; i < markCount; i++) {
    marks.push({
      id: `bulk-mark-${String(i).padStart(5, "0")}`,
      what: "chat",
      platform: "youtube",
      handle: CREATORS[i % CREATORS.length],
      at: START + i * MINUTE + 30000,
      utc_offset_min: 60,
      count: 1 + (i % 3),
    });
  }
  return { spans, marks };
}

// Two-space JSON like the hand-written examples, but one item a line so the
// files stay short to read and diff.
function stringify(example) {
  const { spans, marks } = example.request.body;
  const list = (xs) => xs.map((x) => "        " + JSON.stringify(x)).join(",\n");
  const head = { ...example, request: { ...example.request, body: "@BODY@" } };
  const body =
    "{\n" +
    `      "spans": [\n${list(spans)}\n      ],\n` +
    `      "marks": [\n${list(marks)}\n      ]\n` +
    "    }";
  return JSON.stringify(head, null, 2).replace('"@BODY@"', body) + "\n";
}

const valid = {
  description:
    "Exactly 1000 items in all (600 spans + 400 marks): the limit, accepted. Written by make_large.mjs.",
  request: { id: "r-1000", type: "activity.record", body: items(600, 400) },
  reply: { id: "r-1000", ok: true, body: { stored: 1000 } },
  compare: { ignore: [] },
};
const invalid = {
  description:
    "1001 items in all (501 spans + 500 marks, each list under 1000 on its own): the total is at fault, path /body. Written by make_large.mjs.",
  request: { id: "r-1001", type: "activity.record", body: items(501, 500) },
  expect: { code: "invalid", path: "/body", schema_valid: true },
};

for (const [file, example] of [
  ["valid/activity.record.1000-items.json", valid],
  ["invalid/activity.record.1001-items.json", invalid],
]) {
  const text = stringify(example);
  JSON.parse(text); // never commit a file that isn't JSON
  writeFileSync(here + file, text);
}
stdout.write("wrote activity.record.1000-items.json and activity.record.1001-items.json\n");
