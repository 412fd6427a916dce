// End to end in Firefox ESR: the test build of the extension loaded by `web-ext run`
// (headless), the real parasol-host started by Firefox through native messaging, a YouTube
// watch page playing audio for ten seconds. The host's database must then hold that
// creator's span, of that length.
//
// No driver is attached; the page drives itself (#e2e-leave: after ten seconds it leaves
// for a page of no creator, which closes the span and sends it) and reports its moments to
// the local server.
//
// Firefox set-up, the smallest honest way (details in support/firefox.mjs): the page is
// HTTPS, as the content scripts' match patterns require, under its real hostname
// (network.dns.localDomains), with the per-run certificate trusted for that host and port
// by a certificate exception in the profile. youtube.com is under Firefox's static key
// pinning (Google's pin set), which refuses any exception for it, so this test alone turns
// pinning off (security.cert_pinning.enforcement_level=0); the extension is the same build.

import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";

import { makeCert } from "./support/cert.mjs";
import { exportData, hostLog, intervals, union, unionLength } from "./support/db.mjs";
import { buildTestExtension } from "./support/extension_build.mjs";
import { launchFirefox, makeProfile } from "./support/firefox.mjs";
import { Harness } from "./support/harness.mjs";
import { writeFirefoxHostManifest } from "./support/host_manifest.mjs";
import { CLI_BIN, FIREFOX_BIN, HOST_BIN, missing } from "./support/paths.mjs";
import { hostPids, killAll, waitFor } from "./support/processes.mjs";
import { CREATORS, startSite } from "./support/site.mjs";

/** How long the page plays before it leaves. */
const PLAY_MS = 10_000;
/** The span's edges against the page's own clock: the content script runs at
 * document_idle, and the page's leaving reaches the background a little later. */
const EDGE_TOLERANCE_MS = 2000;

const skip = missing([FIREFOX_BIN]);
const setupProblem = missing([HOST_BIN, CLI_BIN]);

test(
  "firefox: ten seconds of a playing YouTube video land in the host's database",
  { skip: skip ?? false, timeout: 180_000 },
  async () => {
    assert.equal(setupProblem, null, setupProblem ?? "");
    await new Harness("parasol-e2e-firefox-").run(session);
  },
);

/** @param {Harness} h */
async function session(h) {
  const A = CREATORS.labYoutube;
  const host = "www.youtube.com";
  const dataDir = path.join(h.dir, "data");
  const home = path.join(h.dir, "home");
  const ext = buildTestExtension(path.join(h.dir, "extension"));
  const cert = makeCert(h.dir, [host]);
  const site = await startSite({ tls: cert });
  h.onCleanup("stop the local site", () => site.close());
  h.onFailure("requests the local site served", () => site.log.join("\n"));
  h.onFailure("what the page reported", () => site.events);
  h.onFailure("parasol-host.log", () => hostLog(dataDir) || "(empty)");
  writeFirefoxHostManifest(home, HOST_BIN, ext.geckoId);
  const profileDir = makeProfile(
    path.join(h.dir, "profile"),
    [host],
    site.port,
    cert.sha256Fingerprint,
  );

  const firefox = launchFirefox({
    extensionDir: ext.firefox,
    profileDir,
    startUrl: `https://${host}:${site.port}/watch?v=Qm3aL8yT2cE#e2e-leave=${PLAY_MS}`,
    prefs: {
      "network.dns.localDomains": host,
      "network.stricttransportsecurity.preloadlist": false,
      "dom.security.https_first": false,
      "security.cert_pinning.enforcement_level": 0,
      "media.autoplay.default": 0,
      "media.autoplay.blocking_policy": 0,
      "privacy.reduceTimerPrecision": false,
    },
    env: { HOME: home, PARASOL_DATA_DIR: dataDir, TMPDIR: h.dir },
  });
  h.onCleanup("kill hosts left behind", () => killAll(hostPids(HOST_BIN, dataDir)));
  h.onCleanup("stop firefox (its whole process group)", () => firefox.stop());
  h.onFailure("web-ext output", () => firefox.output());

  const moment = (/** @type {string} */ event) =>
    site.events.find((e) => e.host === host && e.event === event)?.at;
  await waitFor("the page to play and then leave", () => moment("leaving"), {
    timeoutMs: 60_000 + PLAY_MS,
    intervalMs: 250,
  });
  const loaded = /** @type {number} */ (moment("loaded"));
  const playing = moment("playing");
  const leaving = /** @type {number} */ (moment("leaving"));
  assert.ok(playing !== undefined, "the video played (autoplay allowed)");

  // The span is sent when the page is left; wait until the host has it on disk.
  const ofA = (/** @type {import("./support/db.mjs").Span[]} */ spans) =>
    spans.filter((s) => s.platform === A.platform && s.handle === A.handle);
  const spans = await waitFor(
    "the creator's span to reach the database",
    () => {
      const all = exportData(CLI_BIN, dataDir).spans;
      const end = Math.max(0, ...ofA(all).map((s) => s.end));
      return end >= leaving - EDGE_TOLERANCE_MS && all;
    },
    { timeoutMs: 20_000, intervalMs: 500 },
  );
  assert.equal(hostPids(HOST_BIN, dataDir).length, 1, "Firefox started one host");
  await h.step("stop firefox", () => firefox.stop());
  await waitFor("the host to go with Firefox", () => hostPids(HOST_BIN, dataDir).length === 0);

  h.onFailure("exported spans", () => spans);
  const mine = ofA(spans);
  assert.deepEqual(
    spans.filter((s) => !mine.includes(s)),
    [],
    "nothing but the watched creator (the page left for is nobody's)",
  );
  for (const s of mine) {
    assert.equal(s.kind, "creator");
    assert.ok(s.attention === "focused" || s.attention === "audible", `attention ${s.attention}`);
  }
  const [whole, ...rest] = union(intervals(mine));
  assert.deepEqual(rest, [], "one unbroken stretch");
  assert.ok(
    Math.abs(whole[0] - loaded) <= EDGE_TOLERANCE_MS,
    `starts ${whole[0] - loaded} ms after the page loaded`,
  );
  assert.ok(
    Math.abs(whole[1] - leaving) <= EDGE_TOLERANCE_MS,
    `ends ${whole[1] - leaving} ms after the page left`,
  );
  const got = unionLength(intervals(mine));
  assert.ok(
    Math.abs(got - (leaving - loaded)) <= EDGE_TOLERANCE_MS,
    `stored ${got} ms, the page played ${leaving - loaded} ms`,
  );
  const { creators } = exportData(CLI_BIN, dataDir);
  assert.equal(
    creators.find((c) => c.platform === A.platform && c.handle === A.handle)?.label,
    A.label,
    "the label read from the page",
  );
  if (process.env.PARASOL_E2E_VERBOSE) {
    console.log(
      `[e2e] firefox: ${mine.map((s) => `${s.attention} ${s.start - loaded}..${s.end - loaded}`).join(", ")} ms from load; left at ${leaving - loaded}`,
    );
  }
}
