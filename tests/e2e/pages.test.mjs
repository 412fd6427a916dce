// End to end in Chromium: the extension's pages (pop-up, options, weekly reflection) with
// the real background and the real parasol-host, on four weeks of data seeded through the
// protocol. The numbers the pop-up shows must be `parasol report --json`'s for the same
// data; following a creator and a check-in must reach the host; every page passes axe-core
// with no serious or critical violation, in light and dark; screenshots go to
// build/screenshots/ (`make screenshots` copies them to docs/screenshots/ for the README).

/* global document, window */

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { formatDuration, formatShare } from "../../extension/src/shared/duration_format.js";
import { launchChromium, extensionWorker } from "./support/chromium.mjs";
import { makeCert } from "./support/cert.mjs";
import { hostLog } from "./support/db.mjs";
import { buildTestExtension } from "./support/extension_build.mjs";
import { Harness } from "./support/harness.mjs";
import { Hook } from "./support/hook.mjs";
import { writeChromiumHostManifest } from "./support/host_manifest.mjs";
import { CHROMIUM_BIN, CLI_BIN, HOST_BIN, ROOT, missing } from "./support/paths.mjs";
import { hostPids, killAll, waitFor } from "./support/processes.mjs";
import { hostRequest, seedThroughProtocol } from "./support/seed.mjs";
import { CREATORS, HOSTNAMES, URLS, startSite } from "./support/site.mjs";

const skip = missing([CHROMIUM_BIN]);
const setupProblem = missing([HOST_BIN, CLI_BIN]);
const SHOTS = path.join(ROOT, "build", "screenshots");
const AXE = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");

test(
  "chromium: the pop-up, options and reflection pages show the host's numbers and pass axe",
  { skip: skip ?? false, timeout: 180_000 },
  async () => {
    assert.equal(setupProblem, null, setupProblem ?? "");
    await new Harness("parasol-e2e-pages-").run(pages);
  },
);

/** @param {Harness} h */
async function pages(h) {
  const dataDir = path.join(h.dir, "data");
  const userDataDir = path.join(h.dir, "profile");
  const ext = buildTestExtension(path.join(h.dir, "extension"));
  const cert = makeCert(h.dir, HOSTNAMES);
  const site = await startSite({ tls: cert });
  h.onCleanup("stop the local sites", () => site.close());
  h.onFailure("parasol-host.log", () => hostLog(dataDir) || "(empty)");
  await h.step("seed four weeks through the protocol", () =>
    seedThroughProtocol(HOST_BIN, dataDir),
  );
  writeChromiumHostManifest(userDataDir, HOST_BIN, ext.chromiumId);

  const ctx = await launchChromium({
    userDataDir,
    extensionDir: ext.chromium,
    hostnames: HOSTNAMES,
    port: site.port,
    spki: cert.spki,
    env: { PARASOL_DATA_DIR: dataDir, HOME: h.dir },
  });
  h.onCleanup("kill hosts left behind", () => killAll(hostPids(HOST_BIN, dataDir)));
  h.onCleanup("close chromium", () => ctx.close());
  /** @type {string[]} */
  const consoleLog = [];
  ctx.on("console", (m) => consoleLog.push(`page ${m.type()}: ${m.text()}`.slice(0, 400)));
  ctx.on("weberror", (e) => consoleLog.push(`uncaught: ${e.error().message}`));
  h.onFailure("console messages (last 40)", () => consoleLog.slice(-40).join("\n") || "(none)");

  const hook = new Hook(await extensionWorker(ctx, ext.chromiumId));
  await hook.call("ready");
  await waitFor("the native port to connect", async () => {
    const { port } = await hook.state();
    if (port.status === "connected") return true;
    throw new Error(`port ${port.status}: ${port.error}`);
  });

  const base = `chrome-extension://${ext.chromiumId}/pages`;
  // The local day the pop-up shows: the report is asked for the same day, so a run that
  // crosses midnight compares like with like.
  let shownDay = localDay(new Date());
  const report = (/** @type {number} */ days, until = shownDay) =>
    JSON.parse(
      execFileSync(
        CLI_BIN,
        ["--data-dir", dataDir, "report", "--json", "--days", String(days), "--until", until],
        { encoding: "utf8" },
      ),
    );
  const ask = async (/** @type {string} */ type, /** @type {object} */ body) => {
    const r = await hostRequest(HOST_BIN, dataDir, type, body);
    assert.ok(r.ok, `${type}: ${JSON.stringify(r.error)}`);
    return r.body;
  };
  /** @param {string} url @param {{width: number, height: number}} viewport */
  const openPage = async (url, viewport) => {
    const page = await ctx.newPage();
    await page.setViewportSize(viewport);
    await page.goto(url);
    await page.waitForSelector("body[data-ready]", { timeout: 15_000 });
    return page;
  };

  // 1. The pop-up, nothing being counted: its numbers are the report's.
  shownDay = localDay(new Date());
  const popup = await h.step("open the pop-up", () =>
    openPage(`${base}/popup/popup.html`, { width: 360, height: 640 }),
  );
  const shown = await popup.evaluate(() => {
    const q = (/** @type {string} */ s) => /** @type {HTMLElement} */ (document.querySelector(s));
    return {
      balance: q("#balance").textContent,
      people: Number(q("#balance").dataset.peopleSeconds),
      creators: Number(q("#balance").dataset.creatorSeconds),
      bars: [...document.querySelectorAll("#week-chart g.day")].map((g) => ({
        date: g.getAttribute("data-date"),
        rects: Object.fromEntries(
          [...g.querySelectorAll("rect")].map((r) => [
            r.getAttribute("class")?.replace("bar bar-", ""),
            Number(r.getAttribute("data-seconds")),
          ]),
        ),
      })),
      today: q("#today-total").textContent,
      todaySeconds: Number(q("#today-total").dataset.seconds),
      rows: [...document.querySelectorAll("#top-creators .creator-row")].map((r) => ({
        handle: r.getAttribute("data-handle"),
        seconds: Number(r.getAttribute("data-seconds")),
        share: r.querySelector(".creator-share")?.textContent,
        time: r.querySelector(".creator-time")?.textContent,
      })),
      host: q("#host-state").textContent,
    };
  });
  const week = report(7);
  const day = report(1);
  const people = week.totals.connection_s + 60 * week.totals.social_min;
  assert.equal(shown.creators, week.totals.creator_s, "week's creator seconds");
  assert.equal(shown.people, people, "week's people seconds");
  assert.equal(
    shown.balance,
    `This week: ${formatDuration(people)} with your people, ${formatDuration(week.totals.creator_s)} with creators`,
  );
  assert.deepEqual(
    shown.bars.map((b) => [
      b.date,
      b.rects.creator ?? 0,
      b.rects.connection ?? 0,
      b.rects.social ?? 0,
    ]),
    week.days.map((/** @type {any} */ d) => [
      d.date,
      d.creator_s,
      d.connection_s,
      60 * d.social_min,
    ]),
    "one bar a day, each part the report's",
  );
  assert.equal(shown.todaySeconds, day.totals.creator_s);
  assert.equal(shown.today, `${formatDuration(day.totals.creator_s)} with creators`);
  assert.deepEqual(
    shown.rows,
    // Today's creators; just after midnight, before any, the week's (the pop-up says so).
    (day.creators.length ? day : week).creators.slice(0, 4).map((/** @type {any} */ c) => ({
      handle: c.handle,
      seconds: c.seconds,
      share: formatShare(c.share),
      time: formatDuration(c.seconds),
    })),
    "the top creators with their share",
  );
  assert.match(shown.host, /^Connected to parasol-host/);

  // 2. Follow a creator from the pop-up's list: the host lists them as followed.
  const other = CREATORS.otherYoutube; // watched today, not followed
  await h.step("follow from the pop-up", async () => {
    const toggle = popup.locator(`button[data-key="youtube/${other.handle}"]`);
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    await toggle.click();
    await waitFor(
      "the toggle to flip",
      async () => (await toggle.getAttribute("aria-pressed")) === "true",
    );
  });
  const listed = await ask("creators.list", {});
  assert.ok(
    listed.creators.some((/** @type {any} */ c) => c.handle === other.handle && c.followed),
    `creators.list has the creator followed from the pop-up: ${JSON.stringify(listed.creators)}`,
  );

  // 3. A check-in from the pop-up: today's social minutes in the report.
  await h.step("check in from the pop-up", async () => {
    await popup.locator("#checkin summary").click();
    await popup.fill("#checkin-minutes", "40");
    await popup.locator('input[name="felt"][value="chosen"]').check({ force: true });
    await popup.locator('#checkin-form button[type="submit"]').click();
    await popup.waitForSelector("text=Saved. Thank you!");
  });
  assert.equal(report(1).totals.social_min, 40, "the check-in reached the host");
  await popup.locator("#checkin summary").click(); // closed again for the screenshots
  await axeCheck(popup, "pop-up");
  await popup.close();

  // 4. A creator's video playing in a tab: the pop-up (opened in a tab of its own, so the
  // video plays on in the background: listening) says what is counted and offers to follow.
  const creatorTab = await h.step("play a creator's video", async () => {
    const page = await ctx.newPage();
    await page.goto(URLS.labWatch);
    return page;
  });
  await waitFor("LabCreator being watched", async () =>
    (await hook.state()).counting.some(
      (/** @type {any} */ c) => c.handle === CREATORS.labYoutube.handle && c.state === "watching",
    ),
  );
  await ask("creators.unfollow", { platform: "youtube", handle: CREATORS.labYoutube.handle });
  const popup2 = await openPage(`${base}/popup/popup.html`, { width: 360, height: 640 });
  assert.match(
    (await popup2.locator("#live-text").textContent()) ?? "",
    /^Listening to LabCreator on YouTube/,
    "the live line names the creator",
  );
  await h.step("follow the current tab's creator", async () => {
    const button = popup2.locator(".follow-current-button");
    assert.equal(await button.textContent(), "+ Follow LabCreator");
    await button.click();
    await popup2.waitForSelector(".follow-current-button[aria-pressed=true]");
  });
  assert.ok(
    (await ask("creators.list", {})).creators.some(
      (/** @type {any} */ c) => c.handle === CREATORS.labYoutube.handle && c.followed,
    ),
  );
  await shoot(popup2, "popup");
  await popup2.close();
  await creatorTab.close();

  // 5. Options: the followed creators, every rule; a tracking switch reaches the host.
  const options = await h.step("open the options", () =>
    openPage(`${base}/options/options.html`, { width: 1100, height: 900 }),
  );
  assert.equal(await options.locator("#rules-body article.rule").count(), 11);
  assert.ok(await options.locator(`#followed-list li[data-handle="${other.handle}"]`).count());
  await options.locator("#tracking-background_audio").click();
  await waitFor("the switch to be saved", async () => {
    const s = await ask("settings.get", {});
    return s.settings.tracking.background_audio === false;
  });
  await waitFor("the tracker to use it at once", async () => {
    const st = await hook.state();
    return st.tracker.settings.tracking.background_audio === false;
  });
  await options.locator("#tracking-background_audio").click();
  await axeCheck(options, "options");
  await shoot(options, "options");
  await options.close();

  // 6. The weekly reflection, from reflection.get.
  const reflection = await h.step("open the reflection", () =>
    openPage(`${base}/reflection/reflection.html`, { width: 960, height: 900 }),
  );
  const reflected = await hostRequest(HOST_BIN, dataDir, "reflection.get", {});
  assert.ok(reflected.ok, `reflection.get: ${JSON.stringify(reflected.error)}`);
  const head = await reflection.locator("#headline").evaluate((el) => ({
    connection: Number(/** @type {HTMLElement} */ (el).dataset.connectionMin),
    creators: Number(/** @type {HTMLElement} */ (el).dataset.creatorSeconds),
  }));
  assert.deepEqual(head, {
    connection: reflected.body.headline.connection_min,
    creators: reflected.body.headline.creator_s,
  });
  assert.equal(await reflection.locator("#trend-chart g.week").count(), 4);
  // The same "with your people" as the pop-up's (summary.get), give or take the
  // rounding of each day's minutes.
  const weekNow = report(7, reflected.body.to).totals;
  const peopleMin = weekNow.connection_s / 60 + weekNow.social_min;
  assert.ok(
    Math.abs(reflected.body.headline.connection_min - peopleMin) <= 4,
    `reflection ${reflected.body.headline.connection_min} min, pop-up ${peopleMin} min`,
  );
  await axeCheck(reflection, "reflection");
  await shoot(reflection, "reflection");
  await reflection.close();

  // 7. The support page a nudge may offer (static; it records nothing).
  const support = await h.step("open the support page", () =>
    openPage(`${base}/support/support.html`, { width: 800, height: 900 }),
  );
  assert.equal(await support.locator("h1").textContent(), "Feeling more connected");
  await axeCheck(support, "support");
  await support.close();
  assert.deepEqual(
    consoleLog.filter((l) => l.startsWith("uncaught")),
    [],
    "no uncaught errors in the pages",
  );
}

/**
 * axe-core in the page, light and dark: no serious or critical violation. Injected with
 * evaluate (CDP), which the extension pages' CSP does not block.
 * @param {import("playwright-core").Page} page @param {string} name
 */
async function axeCheck(page, name) {
  await page.evaluate(readFileSync(AXE, "utf8"));
  for (const scheme of /** @type {const} */ (["light", "dark"])) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await page.evaluate(async () => {
      const r = await /** @type {any} */ (window).axe.run(document, {
        resultTypes: ["violations"],
      });
      return r.violations.map((/** @type {any} */ v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 3).map((/** @type {any} */ n) => n.target.join(" ")),
      }));
    });
    const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad, [], `axe on the ${name} (${scheme}): ${JSON.stringify(found)}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Light and dark screenshots of a page, to build/screenshots/. */
async function shoot(
  /** @type {import("playwright-core").Page} */ page,
  /** @type {string} */ name,
) {
  mkdirSync(SHOTS, { recursive: true });
  // Sticky parts where a visitor sees them, and no "Saved" toast left over.
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const t of document.querySelectorAll(".toast.show")) t.classList.remove("show");
  });
  for (const scheme of /** @type {const} */ (["light", "dark"])) {
    await page.emulateMedia({ colorScheme: scheme });
    const file = path.join(SHOTS, `${name}-${scheme}.png`);
    // The long options page: its first screenful (header, creators, sites, quiet hours).
    const height = Math.min(1500, await page.evaluate(() => document.body.scrollHeight));
    await page.screenshot({
      path: file,
      fullPage: true,
      clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1100, height },
      animations: "disabled",
    });
  }
  await page.emulateMedia({ colorScheme: null });
}

/** A local date, "YYYY-MM-DD". @param {Date} d */
function localDay(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
