// The small pure pieces between the browser and the tracker: browser detection, tab facts,
// the sync event, settings defaults, registry results.

import { test } from "node:test";
import assert from "node:assert/strict";
import { browserName, detectCapabilities } from "../../../extension/src/background/capabilities.js";
import {
  isTrackedChange,
  syncEvent,
  tabPatch,
} from "../../../extension/src/background/browser_events.js";
import { fromRegistryResult } from "../../../extension/src/background/creator_urls.js";
import {
  DEFAULT_CONNECTION_SITES,
  trackerSettingsFrom,
} from "../../../extension/src/background/default_settings.js";

const BROWSERS = [
  [
    { userAgentData: { brands: [{ brand: "Google Chrome" }, { brand: "Chromium" }] } },
    false,
    "chrome",
  ],
  [
    { userAgentData: { brands: [{ brand: "Microsoft Edge" }, { brand: "Chromium" }] } },
    false,
    "edge",
  ],
  [{ brave: {}, userAgentData: { brands: [{ brand: "Chromium" }] } }, false, "brave"],
  [
    { userAgentData: { brands: [{ brand: "Chromium" }, { brand: "Not=A?Brand" }] } },
    false,
    "chromium",
  ],
  [{ userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" }, false, "chromium"],
  [{ userAgent: "Mozilla/5.0 Firefox/128.0" }, true, "firefox"],
  [{ userAgent: "Something/1.0" }, false, "other"],
];
for (const [nav, firefox, name] of BROWSERS) {
  test(`capabilities: browser name ${name}`, () => assert.equal(browserName(nav, firefox), name));
}

test("capabilities: Firefox uses `browser`, Chromium `chrome`; session storage when present", () => {
  const session = {};
  const local = {};
  const chrome = {
    runtime: { lastError: { message: "Native host has exited." } },
    storage: { session, local },
  };
  const c = detectCapabilities({ chrome, navigator: {} });
  assert.equal(c.api, chrome);
  assert.equal(c.stateArea, session);
  assert.equal(c.readPortError({}), "Native host has exited.");
  const browser = { runtime: { getBrowserInfo() {} }, storage: { local } };
  const f = detectCapabilities({ browser, chrome: {}, navigator: {} });
  assert.equal(f.api, browser);
  assert.equal(f.browser, "firefox");
  assert.equal(f.stateArea, local, "falls back to storage.local without storage.session");
  assert.equal(
    f.readPortError({ error: { message: "No such native application x" } }),
    "No such native application x",
  );
});

test("browser events: tab facts and which updates matter", () => {
  const t = {
    id: 4,
    windowId: 2,
    url: "https://x.com/a",
    incognito: false,
    audible: true,
    mutedInfo: { muted: true },
    title: "T",
  };
  assert.deepEqual(tabPatch(t), {
    tabId: 4,
    windowId: 2,
    url: "https://x.com/a",
    incognito: false,
    audible: true,
    muted: true,
  });
  assert.equal("url" in tabPatch({ id: 1, windowId: 1 }), false, "no url given: none assumed");
  assert.equal(isTrackedChange({ title: "x" }), false);
  assert.equal(isTrackedChange({ status: "complete" }), false);
  assert.equal(isTrackedChange({ url: "https://a/" }), true);
  assert.equal(isTrackedChange({ audible: false }), true);
  assert.equal(isTrackedChange({ mutedInfo: { muted: true } }), true);
});

test("browser events: sync from windows, tabs and idle state", () => {
  const ev = syncEvent(
    [
      { id: 1, focused: false },
      { id: 2, focused: true },
    ],
    [{ id: 5, windowId: 2, active: true, url: "https://a/" }],
    "locked",
    42,
  );
  assert.equal(ev.focusedWindowId, 2);
  assert.equal(ev.idle, "locked");
  assert.equal(ev.now, 42);
  assert.equal(ev.tabs[0].active, true);
  assert.equal(syncEvent([{ id: 1, focused: false }], [], "active", 0).focusedWindowId, -1);
});

test("settings: defaults mirror the host's; a partial or odd cache is completed", () => {
  assert.deepEqual(trackerSettingsFrom(undefined), {
    tracking: {
      private_windows: false,
      background_audio: true,
      connection_time: true,
      idle_threshold_s: 60,
    },
    connection_sites: DEFAULT_CONNECTION_SITES,
  });
  const s = trackerSettingsFrom({
    tracking: { private_windows: true, idle_threshold_s: 5 },
    connection_sites: [
      { platform: "meet", match: "meet.google.com", kind: "call" },
      { platform: 3 },
    ],
  });
  assert.equal(s.tracking.private_windows, true);
  assert.equal(s.tracking.background_audio, true);
  assert.equal(s.tracking.idle_threshold_s, 15, "clamped to the protocol's range");
  assert.deepEqual(s.connection_sites, [
    { platform: "meet", match: "meet.google.com", kind: "call" },
  ]);
  assert.deepEqual(
    trackerSettingsFrom({ connection_sites: [] }).connection_sites,
    [],
    "an empty list is the user's choice",
  );
});

test("creator urls: registry results in the tracker's terms", () => {
  assert.equal(fromRegistryResult(null), null);
  assert.equal(fromRegistryResult({ needsPage: true }), "page");
  assert.deepEqual(fromRegistryResult({ platform: "youtube", handle: "UCx", aliases: ["@x"] }), {
    platform: "youtube",
    handle: "UCx",
  });
  assert.deepEqual(fromRegistryResult({ platform: "twitch", handle: "c", label: "C" }), {
    platform: "twitch",
    handle: "c",
    label: "C",
  });
  assert.equal(fromRegistryResult({ platform: "twitch", handle: "" }), null);
});
