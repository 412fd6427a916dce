#!/usr/bin/env node
// How fast the pop-up opens with a warm host: headless Chromium (Debian's binary, through
// playwright-core) with the test build of the extension and the real parasol-host on four
// weeks of seeded data. The host is connected before the first measurement (warm: the
// background's native port is open and the database was read once). Each run opens
// pages/popup/popup.html in a fresh tab and reads, from the page's own clock
// (performance.timeOrigin = navigation start):
//   first-paint, first-contentful-paint   performance.getEntriesByType("paint")
//   ready                                 the "parasol:ready" mark: every answer drawn
// Prints the median and range over N runs (default 20, the first one dropped as warm-up).
//
// usage: node bench/popup_bench.mjs [--runs N]
//   PARASOL_HOST_BIN, PARASOL_CLI_BIN, PARASOL_CHROMIUM as for the end-to-end tests.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { launchChromium, extensionWorker } from "../tests/e2e/support/chromium.mjs";
import { buildTestExtension } from "../tests/e2e/support/extension_build.mjs";
import { Hook } from "../tests/e2e/support/hook.mjs";
import { writeChromiumHostManifest } from "../tests/e2e/support/host_manifest.mjs";
import { CHROMIUM_BIN, HOST_BIN, missing } from "../tests/e2e/support/paths.mjs";
import { hostPids, killAll, waitFor } from "../tests/e2e/support/processes.mjs";
import { seedThroughProtocol } from "../tests/e2e/support/seed.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Math.max(2, Number(values.runs));

const problem = missing([CHROMIUM_BIN, HOST_BIN]);
if (problem) {
  console.error(`popup_bench: ${problem}`);
  process.exit(1);
}

/** @param {number[]} xs */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const dir = mkdtempSync(path.join(tmpdir(), "parasol-popup-bench-"));
const dataDir = path.join(dir, "data");
/** @type {import("playwright-core").BrowserContext | null} */
let ctx = null;
try {
  const ext = buildTestExtension(path.join(dir, "extension"));
  await seedThroughProtocol(HOST_BIN, dataDir);
  writeChromiumHostManifest(path.join(dir, "profile"), HOST_BIN, ext.chromiumId);
  ctx = await launchChromium({
    userDataDir: path.join(dir, "profile"),
    extensionDir: ext.chromium,
    hostnames: [],
    port: 9,
    spki: "",
    env: { PARASOL_DATA_DIR: dataDir, HOME: dir },
  });
  const hook = new Hook(await extensionWorker(ctx, ext.chromiumId));
  await hook.call("ready");
  await waitFor("the native port to connect", async () => {
    const { port } = await hook.state();
    return port.status === "connected";
  });
  const url = `chrome-extension://${ext.chromiumId}/pages/popup/popup.html`;
  /** @type {Record<string, number[]>} */
  const got = { "first-paint": [], "first-contentful-paint": [], ready: [] };
  for (let i = 0; i < RUNS; i++) {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    await page.goto(url);
    await page.waitForSelector("body[data-ready]");
    const t = await page.evaluate(() => {
      /** @type {Record<string, number>} */
      const out = {};
      for (const e of performance.getEntriesByType("paint")) out[e.name] = e.startTime;
      const ready = performance.getEntriesByName("parasol:ready")[0];
      if (ready) out.ready = ready.startTime;
      return out;
    });
    await page.close();
    if (i === 0) continue; // warm-up: the first page load also loads the bundle from disk
    for (const k of Object.keys(got)) if (t[k] !== undefined) got[k].push(t[k]);
  }
  console.log(`pop-up, warm host, ${RUNS - 1} runs (headless Chromium, ${CHROMIUM_BIN}):`);
  for (const [k, xs] of Object.entries(got)) {
    if (!xs.length) continue;
    console.log(
      `  ${k.padEnd(24)} median ${median(xs).toFixed(1)} ms  (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`,
    );
  }
} finally {
  await ctx?.close().catch(() => {});
  killAll(hostPids(HOST_BIN, dataDir));
  rmSync(dir, { recursive: true, force: true });
}
