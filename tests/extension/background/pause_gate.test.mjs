// R5's opt-in pause: while it is on, navigations to creator pages (not connection sites)
// go through the pause page first, once per tab per 10 minutes; and the pause page's own
// arithmetic (where it leads on to, which friend site).

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  PAUSE_EVERY_MS,
  PAUSE_DURATION_MS,
  PAUSE_UNTIL_KEY,
  PauseGate,
} from "../../../extension/src/background/pause_gate.js";
import { DEFAULT_CONNECTION_SITES } from "../../../extension/src/background/default_settings.js";
import { friendUrl, parseTarget } from "../../../extension/src/pages/pause/pause.js";
import { FakeStorage } from "./support/fake_storage.mjs";
import { URLS, fakeResolve } from "./support/tracker_harness.mjs";

const T0 = 1_700_000_000_000;
const EXT = "chrome-extension://mhedandambbmemhakpeljdpoklmmikid/";

function setup() {
  let now = T0;
  const updates = [];
  const local = new FakeStorage();
  const gate = new PauseGate({
    tabs: { update: async (id, props) => updates.push([id, props.url]) },
    getURL: (p) => EXT + p,
    local,
    session: new FakeStorage(),
    now: () => now,
    resolveUrl: fakeResolve,
    sites: () => DEFAULT_CONNECTION_SITES,
  });
  return { gate, updates, local, advance: (ms) => (now += ms) };
}

test("pause gate: off unless chosen; on for 24 h; only creator pages; once per tab per 10 min", async () => {
  const s = setup();
  assert.equal(await s.gate.decide(1, URLS.alice), null, "off by default");
  await s.gate.turnOn();
  assert.equal(s.local.peek(PAUSE_UNTIL_KEY), T0 + PAUSE_DURATION_MS);

  const target = await s.gate.decide(1, URLS.alice);
  assert.ok(target.startsWith(`${EXT}pages/pause/pause.html?`), target);
  const u = new URL(target);
  assert.equal(u.searchParams.get("to"), URLS.alice);
  assert.equal(u.searchParams.get("creator"), "alice");
  assert.equal(await s.gate.decide(1, URLS.bob), null, "the same tab within 10 minutes");
  assert.match(await s.gate.decide(2, URLS.watch1), /creator=youtube\.com/, "another tab");

  const cases = [
    ["not a creator page", URLS.news],
    ["a connection site", URLS.igDirect],
    ["a call", URLS.meet],
    ["an extension page", `${EXT}pages/pause/pause.html?to=x`],
    ["not a URL", "::"],
  ];
  for (const [what, url] of cases) assert.equal(await s.gate.decide(3, url), null, what);
  assert.equal(await s.gate.decide(3, URLS.alice, { incognito: true }), null, "private window");

  s.advance(PAUSE_EVERY_MS);
  assert.ok(await s.gate.decide(1, URLS.bob), "tab 1 again after 10 minutes");
  s.advance(PAUSE_DURATION_MS);
  assert.equal(await s.gate.decide(4, URLS.alice), null, "over after 24 h");
});

test("pause gate: a tab navigating to a creator page is sent to the pause page", async () => {
  const s = setup();
  await s.gate.turnOn();
  await s.gate.onTabUpdated(5, { status: "loading" }, {});
  await s.gate.onTabUpdated(5, { url: URLS.carol }, { id: 5 });
  assert.equal(s.updates.length, 1);
  assert.equal(s.updates[0][0], 5);
  assert.equal(new URL(s.updates[0][1]).searchParams.get("to"), URLS.carol);
  // Continuing lands on the creator's page: not paused again.
  await s.gate.onTabUpdated(5, { url: URLS.carol }, { id: 5 });
  assert.equal(s.updates.length, 1);
});

test("pause page: where it leads on to, and which friend site", () => {
  const q = (o) => `?${new URLSearchParams(o)}`;
  assert.deepEqual(parseTarget(q({ to: URLS.alice, creator: "Alice" })), {
    to: URLS.alice,
    creator: "Alice",
  });
  assert.deepEqual(parseTarget(q({ to: URLS.carol })), {
    to: URLS.carol,
    creator: "www.twitch.tv",
  });
  for (const bad of [
    "",
    q({ to: "javascript:alert(1)" }),
    q({ to: "chrome://settings" }),
    q({ to: "nope" }),
  ]) {
    assert.equal(parseTarget(bad), null, bad);
  }
  assert.equal(friendUrl(null), "https://web.whatsapp.com");
  assert.equal(
    friendUrl({
      connection_sites: [
        { platform: "meet", match: "meet.google.com", kind: "call" },
        { platform: "signal", match: "signal.example/chat", kind: "messaging" },
      ],
    }),
    "https://signal.example/chat",
  );
});
