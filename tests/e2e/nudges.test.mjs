// End to end, nudges (issue #5): a persona's history seeded through the real parasol-host
// (twenty days of one creator and three spend marks this week: R7 is due; the first-week
// card's window, days 7-13, is over), the real extension
// (test build) in headless Chromium with its nudge alarm shortened, the alarm's poll hands
// out a nudge, a notification shows it, its first button is "pressed" (the handler a
// notifications.onButtonClicked event calls, through the test hook) and the host then holds
// that answer.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";

import { HostProcess } from "../contract/host_process.mjs";
import { launchChromium, extensionWorker } from "./support/chromium.mjs";
import { hostLog } from "./support/db.mjs";
import { buildTestExtension } from "./support/extension_build.mjs";
import { Harness } from "./support/harness.mjs";
import { Hook } from "./support/hook.mjs";
import { writeChromiumHostManifest } from "./support/host_manifest.mjs";
import { CHROMIUM_BIN, HOST_BIN, missing } from "./support/paths.mjs";
import { hostPids, killAll, waitFor } from "./support/processes.mjs";

/** storage.local key read by background/nudge_poller.js: the alarm period in minutes. */
const PERIOD_KEY = "nudges.poll_period_min";
const NUDGE_PREFIX = "parasol-nudge:";
const DAY = 86_400_000;
const PERSONA = { platform: "youtube", handle: "UCbigspender0000000000000", label: "Shiny Deals" };

const skip = missing([CHROMIUM_BIN]);
const setupProblem = missing([HOST_BIN]);

test(
  "chromium: the nudge alarm polls the real host, the notification's button answers it",
  { skip: skip ?? false, timeout: 120_000 },
  async () => {
    assert.equal(setupProblem, null, setupProblem ?? "");
    await new Harness("parasol-e2e-nudges-").run(nudges);
  },
);

/**
 * Requests to a parasol-host of its own on the data folder (as a second browser would).
 * @param {string} dataDir
 * @param {Array<{type: string, body: object}>} requests
 * @returns {Promise<any[]>} the replies
 */
async function withHost(dataDir, requests) {
  const host = new HostProcess(HOST_BIN);
  await host.start({ PARASOL_DATA_DIR: dataDir });
  try {
    const replies = [];
    let n = 0;
    for (const { type, body } of [
      { type: "hello", body: { protocol: 1, extension: { version: "0.0.0", browser: "other" } } },
      ...requests,
    ]) {
      replies.push(await host.request({ id: `seed-${++n}`, type, body }));
    }
    return replies.slice(1);
  } finally {
    await host.close().catch(() => host.kill());
  }
}

/** "HH:MM" of a local time `hours` from now. */
function clockIn(hours) {
  const d = new Date(Date.now() + hours * 3_600_000);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

const offsetAt = (/** @type {number} */ t) => -new Date(t).getTimezoneOffset();

/** Twenty days of an hour and a half with one creator a day, three spends this week. */
function persona() {
  const now = Date.now();
  const spans = [];
  for (let d = 20; d >= 1; d--) {
    const start = now - d * DAY - 3 * 3_600_000;
    spans.push({
      id: randomUUID(),
      kind: "creator",
      ...PERSONA,
      start,
      end: start + 90 * 60_000,
      utc_offset_min: offsetAt(start),
      attention: "focused",
    });
  }
  // R7 looks at spends of the last 24 h: the third of the week came an hour ago.
  const marks = [3 * DAY, 2 * DAY, 0].map((ago) => {
    const at = now - ago - 3_600_000;
    return {
      id: randomUUID(),
      what: "spend",
      platform: PERSONA.platform,
      handle: PERSONA.handle,
      at,
      utc_offset_min: offsetAt(at),
      count: 1,
    };
  });
  return { spans, marks };
}

/** @param {Harness} h */
async function nudges(h) {
  const dataDir = path.join(h.dir, "data");
  const userDataDir = path.join(h.dir, "profile");
  h.onFailure("parasol-host.log", () => hostLog(dataDir) || "(empty)");

  // The persona, with nudges off for now: the poll at the browser's start finds nothing, so
  // the nudge is the alarm's. Quiet hours are put far from now so it can be shown today.
  const seeded = await h.step("seed the persona through the host", () =>
    withHost(dataDir, [
      { type: "activity.record", body: persona() },
      {
        type: "settings.set",
        body: {
          settings: {
            nudges: {
              enabled: false,
              quiet_hours: { start: clockIn(6), end: clockIn(7) },
              spacing_min: 0,
              max_per_day: 2,
              // Not due today nor yesterday: the reflection would come before any rule.
              reflection: { weekday: (new Date().getDay() + 3) % 7, time: "12:00" },
            },
          },
        },
      },
    ]),
  );
  for (const r of seeded) assert.equal(r.ok, true, JSON.stringify(r));
  const probe = (await withHost(dataDir, [{ type: "nudges.poll", body: {} }]))[0];
  assert.equal(
    probe.ok,
    true,
    `the host answers nudges.poll (helper n2's part): ${JSON.stringify(probe)}`,
  );
  assert.deepEqual(probe.body.nudges, [], "nothing while nudges are off");

  const ext = buildTestExtension(path.join(h.dir, "extension"));
  writeChromiumHostManifest(userDataDir, HOST_BIN, ext.chromiumId);
  const ctx = await launchChromium({
    userDataDir,
    extensionDir: ext.chromium,
    hostnames: ["www.youtube.com"],
    port: 9,
    spki: "AAAA",
    env: { PARASOL_DATA_DIR: dataDir, HOME: h.dir },
  });
  let closed = false;
  h.onCleanup("kill hosts left behind", () => killAll(hostPids(HOST_BIN, dataDir)));
  h.onCleanup("close chromium", () => (closed ? undefined : ctx.close()));
  /** @type {string[]} */
  const consoleLog = [];
  ctx.on("console", (m) => consoleLog.push(`page ${m.type()}: ${m.text()}`.slice(0, 500)));
  h.onFailure("console messages (last 60)", () => consoleLog.slice(-60).join("\n") || "(none)");
  const worker = await extensionWorker(ctx, ext.chromiumId);
  worker.on("console", (m) => consoleLog.push(`background ${m.type()}: ${m.text()}`));
  const hook = new Hook(worker);
  const nudgeHook = (/** @type {string} */ name, /** @type {any[]} */ ...args) =>
    hook.eval(
      async ([n, a]) => {
        const g = /** @type {any} */ (globalThis).__parasolNudges;
        if (!g) throw new Error("no __parasolNudges: not a --test build");
        return JSON.parse(JSON.stringify((await g[n](...a)) ?? null));
      },
      [name, args],
    );
  h.onFailure("nudges (test hook)", async () => ({
    status: await nudgeHook("status"),
    pending: await nudgeHook("pending"),
    notifications: await nudgeHook("notifications"),
  }));

  await hook.call("ready");
  await waitFor("the native port to connect", async () => {
    const { port } = await hook.state();
    if (port.status === "connected") return true;
    throw new Error(`port ${port.status}: ${port.error}`);
  });
  await waitFor("the browser start's poll", async () => {
    const s = await nudgeHook("status");
    return s.last?.reason === "session-start" ? s.last : null;
  });

  await h.step("turn nudges on", async () => {
    const [r] = await withHost(dataDir, [
      { type: "settings.set", body: { settings: { nudges: { enabled: true } } } },
    ]);
    assert.equal(r.ok, true, JSON.stringify(r));
  });
  await h.step("shorten the nudge alarm to 3 s", () =>
    hook.eval((key) => globalThis.chrome.storage.local.set({ [key]: 0.05 }), PERIOD_KEY),
  );
  const polled = await h.step("wait for the alarm's poll", () =>
    waitFor(
      "a poll by the alarm that hands out a nudge",
      async () => {
        const s = await nudgeHook("status");
        return s.last?.reason === "alarm" && /^[1-9]/.test(s.last.outcome) ? s.last : null;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ),
  );
  assert.match(polled.outcome, /nudge/);

  const ids = Object.keys(await nudgeHook("notifications")).filter((id) =>
    id.startsWith(NUDGE_PREFIX),
  );
  assert.ok(ids.length >= 1, "chrome.notifications shows the nudge");
  const id = ids[0].slice(NUDGE_PREFIX.length);
  const shown = await hook.eval(
    async (key) => (await globalThis.chrome.storage.local.get(key))[key],
    "nudges.shown",
  );
  const nudge = shown[id].nudge;
  assert.equal(nudge.rule, "R7", "the big spender's nudge (R7 comes before R1 in priority)");
  assert.ok(Array.isArray(nudge.choices) && nudge.choices.length >= 1, JSON.stringify(nudge));
  const current = await nudgeHook("current");
  assert.ok(current && ids.some((x) => x === NUDGE_PREFIX + current.id), "kept as the current");

  await h.step("press the notification's first button", () =>
    nudgeHook("clickButton", NUDGE_PREFIX + id, 0),
  );
  await waitFor("the answer to reach the host", async () => {
    await nudgeHook("flush");
    return (await nudgeHook("pending")).length === 0;
  });
  const left = await nudgeHook("notifications");
  assert.equal(NUDGE_PREFIX + id in left, false, "the notification is gone");

  await h.step("close chromium", () => ctx.close());
  closed = true;
  const want = nudge.choices[0].action;
  if (process.env.PARASOL_E2E_VERBOSE) {
    console.log(
      `[e2e] nudge ${nudge.rule} "${nudge.title}", first choice ${JSON.stringify(nudge.choices[0])}`,
    );
  }
  assert.deepEqual(
    await storedAnswer(dataDir, id),
    { rule: nudge.rule, response: want, delivered: true },
    "the host stored the nudge as delivered, and the answer",
  );
}

/**
 * What the host stored about one nudge: through reflection.get (its week's nudges with
 * their responses) when the host has it, else straight from the database with sqlite3.
 * @param {string} dataDir @param {string} id
 * @returns {Promise<{rule: string, response: string | null, delivered: boolean} | null>}
 */
async function storedAnswer(dataDir, id) {
  const [r] = await withHost(dataDir, [{ type: "reflection.get", body: {} }]);
  if (r.ok) {
    const n = (r.body.nudges ?? []).find((/** @type {any} */ x) => x.id === id);
    return n ? { rule: n.rule, response: n.response, delivered: true } : null;
  }
  const row = execFileSync(
    "sqlite3",
    [
      path.join(dataDir, "parasol.db"),
      `SELECT rule, response, delivered_at IS NOT NULL FROM nudges WHERE ext_id = '${id.replace(/'/g, "")}'`,
    ],
    { encoding: "utf8" },
  ).trim();
  if (!row) return null;
  const [rule, response, delivered] = row.split("|");
  return { rule, response: response || null, delivered: delivered === "1" };
}
