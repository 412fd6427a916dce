// The background's side of the extension pages' messages, through the real wiring
// (startBackground) with a fake browser and a fake host: the allowlisted relay, the
// settings cache refreshed after settings.set, the active tab as the tracker sees it.

import { test } from "node:test";
import assert from "node:assert/strict";
import { startBackground } from "../../../extension/src/background/main.js";
import {
  describeTab,
  pageMayAsk,
  pickTab,
} from "../../../extension/src/background/page_requests.js";
import { initialState } from "../../../extension/src/background/tracker.js";
import { okBody } from "./support/fake_native.mjs";
import { FROM_POPUP, fromTab, makeFakeBrowser, tab } from "./support/fake_browser.mjs";
import { FakeClock, settle } from "./support/fake_timers.mjs";
import { fakeResolve, URLS } from "./support/tracker_harness.mjs";

const T0 = 1_700_000_000_000;

async function boot(browser) {
  const clock = new FakeClock(T0);
  let n = 0;
  const bg = startBackground({
    caps: browser.caps,
    now: clock.now,
    newId: () => `id-${++n}`,
    offsetAt: () => 0,
    resolveUrl: fakeResolve,
    portDeps: { setTimer: clock.setTimer, clearTimer: clock.clearTimer },
    console: { warn: () => {}, error: () => {} },
  });
  await bg.ready;
  await settle();
  return bg;
}

test("page requests: allowlisted types reach the host and come back unwrapped", async () => {
  const browser = makeFakeBrowser();
  browser.host.handler = (msg) =>
    msg.type === "summary.get"
      ? { id: msg.id, ok: true, body: { totals: { creator_s: 42 } } }
      : { id: msg.id, ok: true, body: okBody(msg) };
  await boot(browser);
  const reply = await browser.send(
    { kind: "host", type: "summary.get", body: { days: 7 } },
    FROM_POPUP,
  );
  assert.deepEqual(reply, { ok: true, body: { totals: { creator_s: 42 } } });
  assert.deepEqual(browser.host.requests("summary.get").at(-1).body, { days: 7 });
});

test("page requests: other types, and senders that are not extension pages, are refused", async () => {
  const browser = makeFakeBrowser();
  await boot(browser);
  const before = browser.host.received.length;
  const refused = await browser.send(
    { kind: "host", type: "activity.record", body: { spans: [] } },
    FROM_POPUP,
  );
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, "forbidden_type");
  const fromPage = await browser.send(
    { kind: "host", type: "data.erase", body: { confirm: "erase-all" } },
    fromTab(tab(3, URLS.alice)),
  );
  assert.equal(fromPage.ok, false);
  assert.equal(fromPage.error.code, "forbidden_sender");
  assert.equal(browser.host.received.length, before, "nothing reached the host");
  for (const [type, ok] of [
    ["creators.follow", true],
    ["reflection.get", true],
    ["data.export", true],
    ["digest.preview", true],
    ["nudges.poll", false],
    ["hello", false],
  ]) {
    assert.equal(pageMayAsk(type), ok, type);
  }
});

test("page requests: the host's error comes back with its code, message and path", async () => {
  const browser = makeFakeBrowser();
  browser.host.handler = (msg) =>
    msg.type === "checkin.record"
      ? {
          id: msg.id,
          ok: false,
          error: {
            code: "invalid",
            message: "body.social_min: at most 1440",
            path: "/body/social_min",
          },
        }
      : { id: msg.id, ok: true, body: okBody(msg) };
  await boot(browser);
  const reply = await browser.send(
    { kind: "host", type: "checkin.record", body: { date: "2026-11-25", social_min: 9999 } },
    FROM_POPUP,
  );
  assert.deepEqual(reply, {
    ok: false,
    error: { code: "invalid", message: "body.social_min: at most 1440", path: "/body/social_min" },
  });
});

test("page requests: after settings.set the cache and the tracker use the host's copy at once", async () => {
  const browser = makeFakeBrowser();
  const saved = {
    tracking: {
      private_windows: true,
      background_audio: false,
      connection_time: true,
      idle_threshold_s: 300,
    },
    connection_sites: [],
  };
  browser.host.handler = (msg) =>
    msg.type === "settings.set"
      ? { id: msg.id, ok: true, body: { settings: saved } }
      : { id: msg.id, ok: true, body: okBody(msg) };
  const bg = await boot(browser);
  const reply = await browser.send(
    {
      kind: "host",
      type: "settings.set",
      body: { settings: { tracking: { private_windows: true } } },
    },
    FROM_POPUP,
  );
  assert.equal(reply.ok, true);
  await settle();
  assert.deepEqual((await browser.local.get("settings")).settings, saved);
  assert.equal(bg.tracker.settings.tracking.private_windows, true);
  assert.equal(bg.tracker.settings.tracking.background_audio, false);
  assert.equal(browser.idleIntervals.at(-1), 300);
});

test("page requests: current-tab names the creator being watched", async () => {
  const browser = makeFakeBrowser({ tabs: [tab(1, URLS.alice, { active: true })] });
  await boot(browser);
  const reply = await browser.send({ kind: "current-tab" }, FROM_POPUP);
  assert.equal(reply.ok, true);
  assert.deepEqual(reply.creator, { platform: "youtube", handle: "alice", label: "" });
  assert.equal(reply.counting?.state, "reading");
  assert.equal(reply.reason, null);
});

test("current tab: why nothing is counted there", () => {
  const s = initialState();
  s.focusedWindowId = 1;
  const facts = (over) => ({
    windowId: 1,
    active: true,
    activatedAt: 1,
    url: URLS.news,
    web: true,
    conn: null,
    incognito: false,
    audible: false,
    muted: false,
    urlIdentity: null,
    page: null,
    playing: false,
    pageVisible: null,
    pending: null,
    ...over,
  });
  const cases = [
    [{}, "not-a-creator-page"],
    [{ web: false, url: URLS.chromePage }, "not-web"],
    [{ incognito: true, url: null, web: false }, "private-window"],
    [{ url: URLS.watch1, urlIdentity: "page" }, "waiting-for-page"],
    [
      { url: URLS.watch1, urlIdentity: "page", page: { url: URLS.watch1, identity: null } },
      "unknown-creator",
    ],
  ];
  for (const [over, want] of cases) {
    s.tabs = { 5: facts(over) };
    assert.equal(describeTab(s, 5).reason, want, JSON.stringify(over));
  }
  s.tabs = {
    5: facts({
      url: URLS.alice,
      urlIdentity: { kind: "creator", platform: "youtube", handle: "alice", label: "" },
    }),
  };
  s.idle = "idle";
  assert.deepEqual(describeTab(s, 5), {
    creator: { platform: "youtube", handle: "alice", label: "" },
    connection: null,
    counting: null,
    reason: "idle",
  });
  s.idle = "active";
  s.tabs = { 5: facts({ url: URLS.whatsapp, conn: "whatsapp" }) };
  s.settings = { ...s.settings, tracking: { ...s.settings.tracking, connection_time: false } };
  assert.equal(describeTab(s, 5).reason, "connection-off");
  assert.equal(describeTab(s, null).reason, "no-tab");

  // The pop-up opened in a tab speaks of the web tab used last, not of itself.
  s.tabs = {
    5: facts({ activatedAt: 10 }),
    6: facts({ activatedAt: 20, url: URLS.alice }),
    7: facts({ activatedAt: 30, web: false, url: URLS.chromeExt }),
  };
  assert.equal(
    pickTab(
      s,
      { id: 7, url: URLS.chromeExt },
      "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/",
    ),
    6,
  );
  assert.equal(
    pickTab(s, { id: 5, url: URLS.news }, "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/"),
    5,
  );
});
