// End to end in Chromium: the test build of the extension, the real parasol-host started by
// the browser through native messaging, creator pages served under their real hostnames.
// A scripted session (channel page, watch page with playing media, in-place navigation to
// another creator, a tab switch leaving audio in the background, a connection site, idle,
// focus loss, a service-worker restart, the host killed and restarted, sleep) and then the
// database, read with `parasol export` and summary.get, must hold each creator's time to
// within a couple of seconds, each second once.

/* global document, window */

import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";

import { launchChromium, extensionWorker, stopServiceWorkers } from "./support/chromium.mjs";
import { makeCert } from "./support/cert.mjs";
import {
  exportData,
  gaps,
  hostLog,
  hostSummary,
  intervals,
  total,
  union,
  unionLength,
  uncovered,
} from "./support/db.mjs";
import { buildTestExtension } from "./support/extension_build.mjs";
import { Harness } from "./support/harness.mjs";
import { Hook, Ticker } from "./support/hook.mjs";
import { writeChromiumHostManifest } from "./support/host_manifest.mjs";
import { CHROMIUM_BIN, CLI_BIN, HOST_BIN, missing } from "./support/paths.mjs";
import { hostPids, killAll, sleep, waitFor } from "./support/processes.mjs";
import { CREATORS, HOSTNAMES, URLS, startSite } from "./support/site.mjs";

/** How long each phase lasts (ms): long enough to dwarf the transitions' jitter. */
const PHASE_MS = 8000;
/** The playing watch page's idle stretch, the focus loss, the connection site's idle. */
const HOLE_MS = 3000;
/** The sleep played at the end: longer than the tracker's clock-jump threshold (2 min). */
const SLEEP_MS = 180_000;
/** Slack on a creator's total beyond the transitions' own measured uncertainty. */
const BASE_TOLERANCE_MS = 1500;

const skip = missing([CHROMIUM_BIN]);
const setupProblem = missing([HOST_BIN, CLI_BIN]);

test(
  "chromium: a scripted session lands in the host's database, each second once",
  { skip: skip ?? false, timeout: 300_000 },
  async () => {
    assert.equal(setupProblem, null, setupProblem ?? "");
    await new Harness("parasol-e2e-chromium-").run(session);
  },
);

/** @param {Harness} h */
async function session(h) {
  const dataDir = path.join(h.dir, "data");
  const userDataDir = path.join(h.dir, "profile");
  const ext = buildTestExtension(path.join(h.dir, "extension"));
  const cert = makeCert(h.dir, HOSTNAMES);
  const site = await startSite({ tls: cert });
  h.onCleanup("stop the local sites", () => site.close());
  h.onFailure("requests the local sites served (last 40)", () => site.log.slice(-40).join("\n"));
  h.onFailure("parasol-host.log", () => hostLog(dataDir) || "(empty)");
  writeChromiumHostManifest(userDataDir, HOST_BIN, ext.chromiumId);

  const ctx = await launchChromium({
    userDataDir,
    extensionDir: ext.chromium,
    hostnames: HOSTNAMES,
    port: site.port,
    spki: cert.spki,
    env: { PARASOL_DATA_DIR: dataDir, HOME: h.dir },
  });
  // Closing the browser gives each host EOF; any host left (a test that failed half-way
  // through a kill) is ended by pid, never by name.
  h.onCleanup("kill hosts left behind", () => killAll(hostPids(HOST_BIN, dataDir)));
  h.onCleanup("close chromium", () => ctx.close());

  /** @type {string[]} */
  const consoleLog = [];
  const record = (/** @type {string} */ where) => (/** @type {any} */ m) =>
    consoleLog.push(`${where} ${m.type()}: ${m.text()}`.slice(0, 500));
  ctx.on("console", record("page"));
  h.onFailure("console messages (last 60)", () => consoleLog.slice(-60).join("\n") || "(none)");
  const worker = await extensionWorker(ctx, ext.chromiumId);
  worker.on("console", record("background"));
  const hook = new Hook(worker);
  // Should a restarted worker come back as a new target, follow it.
  ctx.on("serviceworker", (w) => {
    if (!w.url().startsWith(`chrome-extension://${ext.chromiumId}/`)) return;
    w.on("console", record("background"));
    hook.worker = w;
  });
  /** @type {any} */
  let lastState = null;
  const state = async () => (lastState = await hook.state());
  h.onFailure("extension state (test hook)", async () => (await hook.state()) ?? lastState);
  const counting = async () => (await state()).counting;
  /** Waits until the tracker counts exactly `want` (handle + state pairs). */
  const waitCounting = (/** @type {string} */ what, /** @type {string[]} */ want) =>
    waitFor(
      what,
      async () => {
        const got = (await counting()).map((/** @type {any} */ c) => `${c.handle}:${c.state}`);
        if (JSON.stringify([...got].sort()) === JSON.stringify([...want].sort())) return true;
        throw new Error(`counting ${JSON.stringify(got)}`); // the last one shows on timeout
      },
      { intervalMs: 200 },
    );

  await hook.call("ready");
  await waitFor("the native port to connect", async () => {
    const { port } = await state();
    if (port.status === "connected") return true;
    throw new Error(`port ${port.status}: ${port.error}`); // shown if it never connects
  });
  const firstHost = hostPids(HOST_BIN, dataDir);
  assert.equal(firstHost.length, 1, `one host for the browser, got ${firstHost}`);

  const ticker = new Ticker(hook, 2000);
  ticker.start();
  h.onCleanup("stop the ticker", () => ticker.stop());

  const A = CREATORS.labYoutube;
  const B = CREATORS.otherYoutube;
  const C = CREATORS.labTwitch;
  const [p1] = ctx.pages();
  const t = (/** @type {string} */ name) => h.at(name);

  // 1. A's channel page: reading (the URL names the channel).
  await h.step("A channel", () => p1.goto(URLS.labChannel));
  await waitCounting("A reading", [`${A.handle}:reading`]);
  await sleep(PHASE_MS);

  // 2. A's watch page, media playing: watching. Idle while it plays cuts nothing.
  await h.step("A watch", () => p1.goto(URLS.labWatch));
  await waitCounting("A watching", [`${A.handle}:watching`]);
  const media = await p1.evaluate(() => {
    const m = /** @type {HTMLMediaElement} */ (document.querySelector("video"));
    return { paused: m.paused, time: m.currentTime };
  });
  assert.equal(media.paused, false, "the watch page's media plays (autoplay policy flag)");
  await sleep(HOLE_MS);
  await h.step("idle while watching", () => hook.dispatch({ type: "idle", state: "idle" }));
  await sleep(HOLE_MS);
  assert.deepEqual(
    (await counting()).map((/** @type {any} */ c) => `${c.handle}:${c.state}`),
    [`${A.handle}:watching`],
    "watching continues while the user is idle",
  );
  await h.step("active again", () => hook.dispatch({ type: "idle", state: "active" }));
  await sleep(PHASE_MS - 2 * HOLE_MS);

  // 3. In-place navigation to B's video: the URL first, the markup a moment later,
  // then yt-navigate-finish. A ends at the navigation, B starts there.
  await h.step("SPA to B", () =>
    p1.evaluate(() =>
      /** @type {any} */ (window).__e2e.navigateWatch(
        "Zr9kV1bN0aQ",
        "/@othercreator",
        "Other Creator",
      ),
    ),
  );
  await waitCounting("B watching", [`${B.handle}:watching`]);
  await sleep(PHASE_MS / 2);

  // 4. The service worker stops (as Chromium stops idle workers): its port closes, the
  // host gets EOF and exits. No call may reach the worker until it is woken.
  await ticker.pause();
  await hook.eval(() => {
    /** @type {any} */ (globalThis).__e2eMarker = "before the stop";
  });
  await h.step("stop the worker", () => stopServiceWorkers(ctx, p1));
  await waitFor(
    "the first host to exit after the worker stopped",
    () => hostPids(HOST_BIN, dataDir).length === 0,
  );
  await sleep(HOLE_MS);

  // 5. A tab switch wakes it: a new tab with C's Twitch channel. B keeps playing in the
  // background tab: listening (headless never sets tabs.audible; the page's media events
  // are the signal).
  const p2 = await h.step("switch to C", async () => {
    const page = await ctx.newPage();
    await page.goto(URLS.twitchChannel);
    return page;
  });
  const secondHost = await waitFor("a host for the restarted worker", () => {
    const pids = hostPids(HOST_BIN, dataDir);
    return pids.length === 1 && pids;
  });
  await hook.call("ready");
  assert.equal(
    await hook.eval(() => /** @type {any} */ (globalThis).__e2eMarker ?? null),
    null,
    "the worker really restarted (its globals are new)",
  );
  ticker.resume();
  await waitCounting("C reading, B listening", [`${C.handle}:reading`, `${B.handle}:listening`]);
  await sleep(HOLE_MS);

  // 6. The window loses focus (headless can't): C stops, B's background audio goes on.
  const windowId = (await state()).tracker.focusedWindowId;
  await h.step("focus lost", () => hook.dispatch({ type: "window-focus", windowId: -1 }));
  await waitCounting("only B listening", [`${B.handle}:listening`]);
  await sleep(HOLE_MS);
  await h.step("focus back", () => hook.dispatch({ type: "window-focus", windowId }));
  await waitCounting("C reading again", [`${C.handle}:reading`, `${B.handle}:listening`]);
  await sleep(HOLE_MS);

  // 7. B's media pauses: listening ends.
  await h.step("pause B", () =>
    p1.evaluate(() => /** @type {HTMLMediaElement} */ (document.querySelector("video")).pause()),
  );
  await waitCounting("only C reading", [`${C.handle}:reading`]);

  // 8. The second tab goes to a connection site (WhatsApp Web): connection time.
  await h.step("switch to whatsapp", () => p2.goto(URLS.whatsapp));
  await waitCounting("whatsapp reading", [":reading"]);
  await sleep(HOLE_MS);
  await h.step("idle on whatsapp", () => hook.dispatch({ type: "idle", state: "idle" }));
  await waitCounting("nothing while idle", []);
  await sleep(HOLE_MS);
  await h.step("active on whatsapp", () => hook.dispatch({ type: "idle", state: "active" }));
  await waitCounting("whatsapp reading again", [":reading"]);
  await sleep(HOLE_MS);

  // 9. The host is killed (found in the process table, kill -9); the extension reconnects
  // by itself and sends what it had queued. What the old host acknowledged is on disk
  // before the kill; what grows while no host runs is queued and sent to the new one.
  await hook.tick();
  await hook.flush();
  const ackedBeforeKill = exportData(CLI_BIN, dataDir).spans.filter(
    (s) => s.platform === "whatsapp",
  );
  const victim = hostPids(HOST_BIN, dataDir);
  assert.equal(victim.length, 1, `one host to kill, got ${victim}`);
  await h.step("kill the host", () => process.kill(victim[0], "SIGKILL"));
  await hook.tick(); // W's span grows while no host is there to take it
  const thirdHost = await waitFor(
    "the extension to start a new host",
    () => {
      const pids = hostPids(HOST_BIN, dataDir);
      return pids.length === 1 && pids[0] !== victim[0] && pids;
    },
    { timeoutMs: 20_000 },
  );
  assert.notEqual(thirdHost[0], secondHost[0]);
  const reconnected = await waitFor("the port to be connected again", async () => {
    const s = await state();
    return s.port.status === "connected" && s.port.since > t("kill the host").before && s;
  });
  assert.ok(reconnected.port.hostVersion, "hello answered by the new host");
  await sleep(PHASE_MS - 3000);
  // 10. Back to the first tab (B's paused video): reading B. WhatsApp ends.
  await h.step("back to B", () => p1.bringToFront());
  await waitCounting("B reading", [`${B.handle}:reading`]);
  await sleep(PHASE_MS / 2);

  // 11. Sleep: the clock jumps past the tracker's threshold. Everything open closes at the
  // last moment seen alive; the jump itself is never counted.
  const slept = await h.step("sleep", () =>
    hook.eval(async (ms) => {
      const t = /** @type {any} */ (globalThis).__parasolTest;
      await t.tick();
      const before = (await t.state()).now;
      t.advanceClock(ms);
      await t.tick();
      return { before, after: (await t.state()).now };
    }, SLEEP_MS),
  );
  await sleep(2000);
  await ticker.stop();
  await h.step("final tick", () => hook.tick());
  await h.step("flush", () => hook.flush());
  const final = await waitFor("the outbox to empty", async () => {
    await hook.flush();
    const s = await state();
    return s.outbox.pending === 0 && s;
  });
  assert.equal(final.port.status, "connected");
  assert.equal(final.outbox.total, 0, "nothing dropped from the outbox");
  assert.equal(final.delivery.lastError, null, "the last delivery succeeded");
  assert.deepEqual(ticker.errors, [], "every tick reached the worker");

  await h.step("close chromium", () => ctx.close());
  await waitFor(
    "every host to exit after the browser closed",
    () => hostPids(HOST_BIN, dataDir).length === 0,
  );

  // ---- what the database holds --------------------------------------------------------

  const { spans, creators } = exportData(CLI_BIN, dataDir);
  h.onFailure("exported spans", () =>
    spans
      .map((s) => `${s.kind} ${s.platform}/${s.handle} ${s.attention} ${s.start}..${s.end}`)
      .join("\n"),
  );
  const of = (/** @type {{platform: string, handle: string}} */ c, attention = "") =>
    spans.filter(
      (s) =>
        s.platform === c.platform &&
        s.handle === c.handle &&
        (attention === "" || s.attention === attention),
    );
  const W = { platform: "whatsapp", handle: "" };

  // Every span well-formed, of the four who were on screen, nothing else.
  for (const s of spans) {
    assert.ok(s.start < s.end, `span ${s.id} is not empty`);
    assert.equal(
      s.utc_offset_min,
      0 - new Date(s.start).getTimezoneOffset(),
      `span ${s.id} offset`,
    );
  }
  const who = new Set(spans.map((s) => `${s.kind}:${s.platform}/${s.handle}:${s.attention}`));
  assert.deepEqual(
    [...who].sort(),
    [
      `connection:whatsapp/:focused`,
      `creator:twitch/${C.handle}:focused`,
      `creator:youtube/${A.handle}:focused`,
      `creator:youtube/${B.handle}:audible`,
      `creator:youtube/${B.handle}:focused`,
    ].sort(),
  );
  const labelOf = (/** @type {{platform: string, handle: string}} */ c) =>
    creators.find((r) => r.platform === c.platform && r.handle === c.handle)?.label;
  assert.equal(labelOf(A), A.label, "A's label from its page");
  assert.equal(labelOf(B), B.label, "B's label from the navigated markup");
  assert.equal(labelOf(C), C.label, "C's label from its page");

  const sleepAt = slept.before;
  const wakeAt = slept.after;

  // Expected seconds per creator, from the script's own clock. Each boundary is known to
  // within half the duration of the step that caused it.
  const expect = {
    A: {
      ms: t("SPA to B").before - t("A channel").t,
      err: t("A channel").err + t("SPA to B").err,
    },
    // Watching from the navigation to the tab switch (the worker was down for part of it:
    // still B on screen), listening until the pause; then reading from the switch back to
    // the sleep; then the short stretch after waking (in the moved clock).
    B: {
      ms:
        t("pause B").t -
        t("SPA to B").before +
        (sleepAt - t("back to B").t) +
        (t("final tick").t - t("sleep").after),
      err: t("SPA to B").err + t("pause B").err + t("back to B").err + t("final tick").err + 500,
    },
    C: {
      ms: t("switch to whatsapp").t - t("switch to C").t - (t("focus back").t - t("focus lost").t),
      err:
        t("switch to whatsapp").err +
        t("switch to C").err +
        t("focus back").err +
        t("focus lost").err,
    },
    W: {
      ms:
        t("back to B").t -
        t("switch to whatsapp").t -
        (t("active on whatsapp").t - t("idle on whatsapp").t),
      err:
        t("back to B").err +
        t("switch to whatsapp").err +
        t("active on whatsapp").err +
        t("idle on whatsapp").err,
    },
  };
  const got = {
    A: unionLength(intervals(of(A))),
    B: unionLength(intervals(of(B))),
    C: unionLength(intervals(of(C))),
    W: unionLength(intervals(of(W))),
  };
  if (process.env.PARASOL_E2E_VERBOSE) {
    for (const s of spans) {
      console.log(
        `[e2e] span ${s.platform}/${s.handle} ${s.attention} ${s.start - h.started}..${s.end - h.started}`,
      );
    }
    for (const k of /** @type {const} */ (["A", "B", "C", "W"])) {
      console.log(
        `[e2e] ${k}: stored ${got[k]} ms, expected ${Math.round(expect[k].ms)} ± ${Math.round(expect[k].err)} ms`,
      );
    }
  }
  for (const k of /** @type {const} */ (["A", "B", "C", "W"])) {
    const tol = BASE_TOLERANCE_MS + expect[k].err;
    assert.ok(
      Math.abs(got[k] - expect[k].ms) <= tol,
      `${k}: stored ${(got[k] / 1000).toFixed(2)} s, the script spent ${(expect[k].ms / 1000).toFixed(2)} s (tolerance ${(tol / 1000).toFixed(2)} s)`,
    );
  }

  // A: one unbroken stretch (idle while the video played cut nothing; the reload from the
  // channel to the watch page kept it), ending at the in-place navigation.
  assert.deepEqual(gaps(intervals(of(A)), 1), [], "A has no hole, not even at the page load");
  assert.ok(
    Math.abs(union(intervals(of(A))).at(-1)[1] - t("SPA to B").before) <= 1000 + t("SPA to B").err,
    "A ends at the in-place navigation, not at the next report",
  );

  // B: unbroken from the navigation through the worker's stop and restart to the pause.
  const stopT = t("stop the worker");
  assert.equal(
    uncovered(intervals(of(B)), stopT.before - 2000, t("switch to C").after + 1000),
    0,
    "B is counted across the service-worker restart",
  );
  // Its background listening lies between the tab switch and the pause.
  for (const [s, e] of union(intervals(of(B, "audible")))) {
    assert.ok(
      s >= t("switch to C").before - 500 && e <= t("pause B").after + 500,
      "listening span in place",
    );
  }
  assert.ok(
    total(intervals(of(B, "audible"))) >= t("pause B").before - t("switch to C").after - 1500,
    "B's background audio counted as listening",
  );

  // C: one hole, where the window lost focus.
  const cHoles = gaps(intervals(of(C)), 1000);
  assert.equal(cHoles.length, 1, `C has exactly the focus-loss hole: ${JSON.stringify(cHoles)}`);
  assert.ok(Math.abs(cHoles[0][0] - t("focus lost").t) <= 1000, "C stops when focus goes");
  assert.ok(Math.abs(cHoles[0][1] - t("focus back").t) <= 1000, "C resumes when focus returns");

  // WhatsApp: one hole, the idle stretch; nothing lost around the host's kill.
  const wHoles = gaps(intervals(of(W)), 1000);
  assert.equal(wHoles.length, 1, `WhatsApp has exactly the idle hole: ${JSON.stringify(wHoles)}`);
  assert.ok(Math.abs(wHoles[0][0] - t("idle on whatsapp").t) <= 1000, "idle stops reading");
  assert.ok(Math.abs(wHoles[0][1] - t("active on whatsapp").t) <= 1000, "activity resumes it");
  const kill = t("kill the host").t;
  assert.equal(
    uncovered(intervals(of(W)), kill - 2500, kill + 4000),
    0,
    "the seconds before the host was killed and after it came back are all stored",
  );
  // The span the killed host had acknowledged was on disk before the kill, and the same
  // span (same id, resent as it grew) was widened through the new host.
  assert.equal(ackedBeforeKill.length, 2, "both WhatsApp spans on disk before the kill");
  const openAtKill = ackedBeforeKill.reduce((a, b) => (a.end > b.end ? a : b));
  assert.ok(openAtKill.end >= kill - 2500, "acknowledged up to the moment of the kill");
  const widened = spans.find((s) => s.id === openAtKill.id);
  assert.ok(widened && widened.end >= kill + 4000, "the same span grew on through the new host");

  // Sleep: nothing between the last moment alive and the wake-up.
  const inSleep = spans.filter((s) => s.start < wakeAt - 500 && s.end > sleepAt + 500);
  assert.deepEqual(inSleep, [], "no span covers the sleep");

  // Each second once: one tab is focused at a time, so focused spans never overlap, and
  // their union is no longer than the time the session ran.
  const focused = intervals(spans.filter((s) => s.attention === "focused"));
  assert.ok(
    total(focused) - unionLength(focused) <= 300,
    `focused spans overlap by ${total(focused) - unionLength(focused)} ms`,
  );
  const wall = sleepAt - t("A channel").before + (t("final tick").after - t("sleep").before);
  assert.ok(unionLength(focused) <= wall, "focused time never exceeds wall time");
  // A span is resent as it grows (same id); the store keeps one of each, and the spans of
  // one creator never overlap each other.
  assert.equal(new Set(spans.map((s) => s.id)).size, spans.length);
  for (const c of [A, B, C, W]) {
    const list = intervals(of(c));
    assert.ok(total(list) - unionLength(list) <= 300, `${c.platform}/${c.handle} counted twice`);
  }

  // The host's own arithmetic agrees: per creator the union, in total the union over all
  // creators (B's background audio overlapped C's reading: counted once in the total).
  const day = (/** @type {number} */ ms) => {
    const d = new Date(ms);
    const pad = (/** @type {number} */ n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };
  const summary = await hostSummary(HOST_BIN, dataDir, {
    days: 3,
    until: day(Date.now() + 86_400_000),
  });
  h.onFailure("summary.get", () => summary);
  const secondsOf = (/** @type {{platform: string, handle: string}} */ c) =>
    summary.creators.find(
      (/** @type {any} */ r) => r.platform === c.platform && r.handle === c.handle,
    )?.seconds;
  for (const [k, c] of /** @type {const} */ ([
    ["A", A],
    ["B", B],
    ["C", C],
  ])) {
    const s = secondsOf(c);
    assert.ok(
      Math.abs(s - got[k] / 1000) <= 1.01,
      `summary ${k}: ${s} s vs ${got[k] / 1000} s stored`,
    );
  }
  const creatorSpans = intervals(spans.filter((s) => s.kind === "creator"));
  const overlap = got.A + got.B + got.C - unionLength(creatorSpans);
  assert.ok(overlap >= 2000, `B's listening overlapped C's reading (${overlap} ms)`);
  assert.ok(
    Math.abs(summary.totals.creator_s - unionLength(creatorSpans) / 1000) <= 1.01,
    `creator_s ${summary.totals.creator_s} is the union ${unionLength(creatorSpans) / 1000}`,
  );
  assert.ok(Math.abs(summary.totals.connection_s - got.W / 1000) <= 1.01, "connection_s");
}
