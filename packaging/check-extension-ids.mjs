#!/usr/bin/env node
// packaging/extension-ids.txt must name the extension the build makes: the Chromium id
// computed from extension/keys/chromium-public.b64 and the gecko id of the Firefox build.
// Otherwise every host manifest would let in an extension that is not Parasol's and keep
// Parasol's own out.
/* global console, process */
import { readFileSync } from "node:fs";
import { chromiumIdFromKey, GECKO_ID } from "../scripts/build-extension.mjs";

const lines = readFileSync("packaging/extension-ids.txt", "utf8")
  .split("\n")
  .filter((l) => l.trim() && !l.trim().startsWith("#"))
  .map((l) => l.trim().split(/\s+/));
const ids = (/** @type {string} */ family) => lines.filter((l) => l[0] === family).map((l) => l[1]);
const key = readFileSync("extension/keys/chromium-public.b64", "utf8").trim();
const problems = [];
if (!ids("chromium").includes(chromiumIdFromKey(key))) {
  problems.push(`no chromium line with ${chromiumIdFromKey(key)} (the id of the extension's key)`);
}
if (!ids("firefox").includes(GECKO_ID)) problems.push(`no firefox line with ${GECKO_ID}`);
if (problems.length) {
  console.error(`packaging/extension-ids.txt: ${problems.join("; ")}`);
  process.exit(1);
}
console.log("packaging/extension-ids.txt names the extension's ids");
