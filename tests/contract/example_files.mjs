// The shared example files (schemas/examples/{valid,invalid}/*.json) and how
// an example's request becomes frame bytes.
import { readdirSync, readFileSync } from "node:fs";

import { SCHEMA_DIR } from "./schema_set.mjs";

export const EXAMPLE_DIR = SCHEMA_DIR + "examples/";

// [{ name, ...example }] sorted by file name; kind is "valid" or "invalid".
export function loadExamples(kind) {
  const dir = `${EXAMPLE_DIR}${kind}/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ""), ...JSON.parse(readFileSync(dir + f, "utf8")) }));
}

// A request is an envelope, or { raw } (a string sent as-is, UTF-8), or
// { raw_base64 } (bytes sent as-is, for payloads that aren't UTF-8).
export function isRaw(request) {
  return Object.hasOwn(request, "raw") || Object.hasOwn(request, "raw_base64");
}

export function payloadOf(request) {
  if (Object.hasOwn(request, "raw_base64")) return Buffer.from(request.raw_base64, "base64");
  if (Object.hasOwn(request, "raw")) return Buffer.from(request.raw, "utf8");
  return Buffer.from(JSON.stringify(request), "utf8");
}

// The id a reply must carry: the example's expect.id when it names one (null
// where the host can't read the request's id), else the request's own id.
export function expectedReplyId(example) {
  if (example.expect && Object.hasOwn(example.expect, "id")) return example.expect.id;
  return example.request.id;
}
