#!/usr/bin/env node
// `make run` on a machine without a display: a short scripted session in headless Chromium
// with the extension loaded and the real parasol-host started by the browser, on local
// copies of creator pages served under their real hostnames (the end-to-end tests' set-up,
// tests/e2e/support). The host manifest must already be in the profile
// (`parasol install --browser chromium --user-data-dir PROFILE`); this script only drives
// the browser. Afterwards `parasol report --data-dir DATA` shows what was recorded.
//
// usage: node scripts/run-demo.mjs --profile DIR --data DIR --host PATH [--seconds N]

import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { launchChromium, extensionWorker } from "../tests/e2e/support/chromium.mjs";
import { makeCert } from "../tests/e2e/support/cert.mjs";
import { buildTestExtension } from "../tests/e2e/support/extension_build.mjs";
import { Hook } from "../tests/e2e/support/hook.mjs";
import { CHROMIUM_BIN } from "../tests/e2e/support/paths.mjs";
import { hostPids, killAll, sleep, waitFor } from "../tests/e2e/support/processes.mjs";
import { HOSTNAMES, URLS, startSite } from "../tests/e2e/support/site.mjs";

const { values } = parseArgs({
  options: {
    profile: { type: "string" },
    data: { type: "string" },
    host: { type: "string" },
    seconds: { type: "string", default: "6" },
  },
});
for (const name of ["profile", "data", "host"]) {
  if (!values[name]) {
    console.error(`run-demo: --${name} is required`);
    process.exit(2);
  }
}
const profile = path.resolve(/** @type {string} */ (values.profile));
const dataDir = path.resolve(/** @type {string} */ (values.data));
const hostBin = path.resolve(/** @type {string} */ (values.host));
const phaseMs = Number(values.seconds) * 1000;
if (!existsSync(CHROMIUM_BIN)) {
  console.error(`run-demo: ${CHROMIUM_BIN} not found (apt-get install chromium)`);
  process.exit(1);
}

/** @param {string} line */
const say = (line) => console.log(`run-demo: ${line}`);

async function main() {
  const work = path.join(path.dirname(profile), "run-demo-work");
  mkdirSync(work, { recursive: true });
  // The test build: the same extension plus the hook that lets a script wait for the
  // native port and flush the outbox before the browser closes.
  const ext = buildTestExtension(path.join(work, "extension"));
  const cert = makeCert(work, HOSTNAMES);
  const site = await startSite({ tls: cert });
  let ctx = null;
  try {
    say(`headless Chromium, profile ${profile}, data ${dataDir}`);
    ctx = await launchChromium({
      userDataDir: profile,
      extensionDir: ext.chromium,
      hostnames: HOSTNAMES,
      port: site.port,
      spki: cert.spki,
      env: { PARASOL_DATA_DIR: dataDir },
    });
    const hook = new Hook(await extensionWorker(ctx, ext.chromiumId));
    await hook.call("ready");
    await waitFor(
      "the extension to connect to parasol-host",
      async () => {
        const { port } = await hook.state();
        if (port.status === "connected") return true;
        throw new Error(`port ${port.status}: ${port.error}`);
      },
      { timeoutMs: 30_000 },
    );
    say("the extension is connected to parasol-host");

    const [page] = ctx.pages();
    const visits = [
      ["a creator's channel page (YouTube)", URLS.labChannel],
      ["the same creator's video, playing", URLS.labWatch],
      ["a streamer's channel (Twitch)", URLS.twitchChannel],
      ["a conversation with someone you know (WhatsApp)", URLS.whatsapp],
    ];
    for (const [what, url] of visits) {
      say(`${phaseMs / 1000} s on ${what}`);
      await page.goto(url);
      await sleep(phaseMs);
    }
    // The open span reaches the outbox on the tracker's tick (every 30 s in a
    // real browser); tick once so the last visit is counted too.
    await hook.tick();
    await hook.flush();
    say("flushed the outbox; closing the browser");
  } finally {
    if (ctx) await ctx.close().catch(() => {});
    await site.close();
    // The browser gives its host EOF; one left behind is ended by pid, never by name.
    killAll(hostPids(hostBin, dataDir));
  }
}

main().catch((err) => {
  console.error(`run-demo: ${err?.stack ?? err}`);
  process.exit(1);
});
