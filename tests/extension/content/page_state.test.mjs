import { test } from "node:test";
import assert from "node:assert/strict";
import {
  buildPageState,
  navigationKey,
  pageOf,
  stateKey,
} from "../../../extension/src/content/page_state.js";

const MEDIA = { playing: true, video: true };

test("pageOf: creator, unknown creator, not a creator page", () => {
  const cases = [
    [
      {
        platform: "youtube",
        handle: "UCx7pPNw2Ip1C_dTfc1Oy3hA",
        label: "LabCreator",
        aliases: ["@labcreator"],
      },
      true,
      {
        type: "creator",
        platform: "youtube",
        handle: "UCx7pPNw2Ip1C_dTfc1Oy3hA",
        label: "LabCreator",
        live: true,
      },
    ],
    [
      { platform: "twitch", handle: "labstreamer" },
      false,
      { type: "creator", platform: "twitch", handle: "labstreamer", live: false },
    ],
    [{ needsPage: true }, false, { type: "none", reason: "unknown-creator" }],
    [null, false, { type: "none", reason: "not-a-creator-page" }],
  ];
  for (const [resolution, live, want] of cases) assert.deepEqual(pageOf(resolution, live), want);
});

test("buildPageState: the message of EXTENSION.md, nothing more", () => {
  const s = buildPageState({
    at: 1_700_000_000_000,
    resolution: { platform: "twitch", handle: "labstreamer", label: "LabStreamer", aliases: ["x"] },
    live: true,
    media: { ...MEDIA, extra: "no" },
    visible: true,
  });
  assert.deepEqual(s, {
    kind: "page-state",
    at: 1_700_000_000_000,
    page: {
      type: "creator",
      platform: "twitch",
      handle: "labstreamer",
      label: "LabStreamer",
      live: true,
    },
    media: MEDIA,
    visible: true,
  });
});

test("stateKey ignores the time only", () => {
  const base = { at: 1, resolution: null, live: false, media: MEDIA, visible: true };
  const a = stateKey(buildPageState(base));
  assert.equal(stateKey(buildPageState({ ...base, at: 2 })), a);
  assert.notEqual(stateKey(buildPageState({ ...base, visible: false })), a);
  assert.notEqual(stateKey(buildPageState({ ...base, media: { playing: false, video: true } })), a);
  assert.notEqual(stateKey(buildPageState({ ...base, resolution: { needsPage: true } })), a);
});

test("navigationKey: a fragment change is not a navigation", () => {
  assert.equal(navigationKey("https://x.test/a?b=1#c"), "https://x.test/a?b=1");
  assert.equal(navigationKey("https://x.test/a"), "https://x.test/a");
  assert.notEqual(navigationKey("https://x.test/a?b=2"), navigationKey("https://x.test/a?b=1"));
});
