// Every request the extension sends, as production code builds it, validated against
// schemas/ (Ajv2020, strict): the background runs on the fake browser with its real tracker,
// outbox, delivery and native port, and the frames are taken at the fake native port.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";

import { detectCapabilities } from "../../../extension/src/background/capabilities.js";
import { DEFAULT_CONNECTION_SITES } from "../../../extension/src/background/default_settings.js";
import { MAX_BATCH } from "../../../extension/src/background/outbox.js";
import { adapters } from "../../../extension/src/platforms/registry.js";
import { fromTab, makeFakeBrowser, tab } from "../background/support/fake_browser.mjs";
import {
  BUILD_VERSION,
  ROOT,
  assertValidRequest,
  bootBackground,
  fireAlarm,
  recordedItems,
  schemas,
  settle,
} from "./support/wire.mjs";

/** The request types a browsing session sends; each is captured and validated below. */
const SENT_TYPES = ["activity.record", "hello", "nudges.poll", "settings.get"];

/**
 * Every request type the extension's code names, and the test that captures and validates
 * it: this file (a browsing session), page_requests.test.mjs (what the pages send) and
 * nudge_requests.test.mjs (answers to nudges).
 */
const VALIDATED_TYPES = [
  ...SENT_TYPES, // here
  "checkin.record", // page_requests
  "creators.follow",
  "creators.forget",
  "creators.list",
  "creators.unfollow",
  "creators.update",
  "data.erase",
  "data.export",
  "digest.history",
  "digest.preview",
  "digest.send",
  "nudges.respond", // page_requests, nudge_requests
  "reflection.get",
  "settings.set", // page_requests, nudge_requests
  "summary.get",
].sort();

const URLS = {
  aliceChannel: "https://www.youtube.com/@alice", // only the page names the creator
  aliceWatch: "https://www.youtube.com/watch?v=aaaaaaaaaaa",
  carol: "https://www.twitch.tv/carol", // the URL names the creator
  whatsapp: "https://web.whatsapp.com/",
  news: "https://news.example.org/today",
};

/** A content script's page-state for a creator page. */
function creatorPage(handle, { label = "", playing = false, at = 0 } = {}) {
  return {
    kind: "page-state",
    at,
    page: { type: "creator", platform: "youtube", handle, label, live: false },
    media: { playing, video: true },
    visible: true,
  };
}

// --- hello --------------------------------------------------------------------------------

/** The global objects each browser gives the background, as detectCapabilities reads them. */
const BROWSERS = [
  ["chromium", (api) => ({ chrome: api, navigator: { userAgentData: { brands: chromium() } } })],
  [
    "chrome",
    (api) => ({
      chrome: api,
      navigator: { userAgentData: { brands: [...chromium(), { brand: "Google Chrome" }] } },
    }),
  ],
  [
    "edge",
    (api) => ({
      chrome: api,
      navigator: { userAgentData: { brands: [...chromium(), { brand: "Microsoft Edge" }] } },
    }),
  ],
  ["brave", (api) => ({ chrome: api, navigator: { brave: {}, userAgentData: { brands: [] } } })],
  ["other", (api) => ({ chrome: api, navigator: { userAgent: "Mozilla/5.0 (X11) Unknown/1" } })],
  [
    "firefox",
    (api) => ({
      browser: {
        ...api,
        runtime: { ...api.runtime, getBrowserInfo: async () => ({ name: "Firefox" }) },
      },
      navigator: { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0" },
    }),
  ],
];

function chromium() {
  return [{ brand: "Not)A;Brand" }, { brand: "Chromium" }];
}

for (const [expected, makeGlobal] of BROWSERS) {
  test(`requests: hello from ${expected} is valid and first on the port`, async () => {
    const browser = makeFakeBrowser();
    browser.api.runtime.getManifest = () => ({ version: BUILD_VERSION });
    const caps = detectCapabilities(makeGlobal(browser.api));
    assert.equal(caps.browser, expected);
    const { bg } = await bootBackground(browser, { caps });
    const first = browser.host.received[0];
    assertValidRequest(first);
    assert.equal(first.type, "hello");
    assert.deepEqual(first.body, {
      protocol: 1,
      extension: { version: BUILD_VERSION, browser: expected },
    });
    assert.equal(bg.port.state.status, "connected");
    bg.port.close();
  });
}

// --- activity.record, settings.get --------------------------------------------------------

test("requests: a scripted session sends only valid frames covering every span and mark shape", async () => {
  const alice = tab(1, URLS.aliceChannel, { active: true });
  const carol = tab(2, URLS.carol);
  const chat = tab(3, URLS.whatsapp);
  const browser = makeFakeBrowser({ tabs: [alice, carol, chat] });
  const { bg, clock, errors } = await bootBackground(browser);
  const send = (msg, from) => browser.send({ at: clock.now(), ...msg }, fromTab(from));

  // Alice's channel: the page names her; reading, then a video plays (watching).
  assert.deepEqual(await send(creatorPage("alice", { label: "Alice Talks" }), alice), {
    ok: true,
  });
  await fireAlarm(browser, clock);
  await fireAlarm(browser, clock);
  await send(creatorPage("alice", { label: "Alice Talks", playing: true }), alice);
  await fireAlarm(browser, clock);
  // Carol's stream plays in a background tab: listening (audible).
  browser.api.tabs.onUpdated.emit(2, { audible: true }, { ...carol, audible: true });
  await settle();
  await fireAlarm(browser, clock);
  assert.deepEqual(
    await send({ kind: "mark", what: "spend", platform: "youtube", handle: "alice" }, alice),
    {
      ok: true,
    },
  );
  assert.deepEqual(
    await send(
      { kind: "mark", what: "chat", count: 3, platform: "twitch", handle: "carol" },
      carol,
    ),
    { ok: true },
  );
  // WhatsApp Web in front: connection time; then everything closes.
  browser.api.tabs.onActivated.emit({ tabId: 3, windowId: 1 });
  await fireAlarm(browser, clock);
  for (const id of [1, 2, 3]) browser.api.tabs.onRemoved.emit(id);
  await settle();

  for (const msg of browser.host.received) assertValidRequest(msg);
  assert.deepEqual(
    [...new Set(browser.host.received.map((m) => m.type))].sort(),
    SENT_TYPES,
    "the session sent every type the extension can send",
  );

  const items = recordedItems(browser.host);
  const spans = items.filter((i) => i.type === "span");
  const shapes = new Set(spans.map((s) => `${s.kind}/${s.attention}`));
  assert.deepEqual([...shapes].sort(), [
    "connection/focused",
    "creator/audible",
    "creator/focused",
  ]);
  for (const s of spans.filter((x) => x.kind === "connection")) {
    assert.equal(s.handle, "");
    assert.equal(Object.hasOwn(s, "label"), false, "a connection span carries no label");
  }
  assert.ok(
    spans.some((s) => s.label === "Alice Talks"),
    "a creator's label is sent",
  );
  const marks = items.filter((i) => i.type === "mark").map((m) => `${m.what}:${m.count}`);
  assert.deepEqual(marks.sort(), ["chat:3", "spend:1"]);

  // A growing open span is resent under one id: same start, later ends.
  const versions = new Map();
  for (const s of spans) versions.set(s.id, [...(versions.get(s.id) ?? []), s]);
  const resent = [...versions.values()].filter((v) => v.length >= 3);
  assert.ok(resent.length > 0, "an open span was sent again as it grew");
  for (const v of resent) {
    assert.equal(new Set(v.map((s) => s.start)).size, 1);
    for (let i = 1; i < v.length; i++) assert.ok(v[i].end >= v[i - 1].end, "never shrinks");
    assert.ok(v.at(-1).end > v[0].end, "it grew");
  }
  assert.equal(bg.outbox.size, 0, "every batch was acknowledged");
  assert.deepEqual(errors, []);
  bg.port.close();
});

test("requests: handles and labels at the protocol's limits count code points", async () => {
  const watch = tab(1, URLS.aliceWatch, { active: true });
  const other = tab(2, URLS.news);
  const browser = makeFakeBrowser({ tabs: [watch, other] });
  const { bg, clock } = await bootBackground(browser);
  const send = (msg) => browser.send({ ...msg, at: clock.now() }, fromTab(watch));

  const astralHandle = "\u{1F600}".repeat(128); // 128 code points, 256 UTF-16 units
  // 1 + 250 code points, cut to 200 (an odd cut in UTF-16 units: a pair split by slice)
  const longLabel = "a" + "\u{1F3A4}".repeat(250);
  assert.deepEqual(await send(creatorPage(astralHandle, { label: "short" })), { ok: true });
  await fireAlarm(browser, clock);
  // The same creator with a new, over-long label: the open span takes it (cut).
  assert.deepEqual(await send(creatorPage(astralHandle, { label: longLabel })), { ok: true });
  await fireAlarm(browser, clock);
  // A label holding a lone surrogate (a page's broken text) is sent well-formed.
  assert.deepEqual(await send(creatorPage("bob", { label: "Bob \uD800 Live", playing: true })), {
    ok: true,
  });
  await fireAlarm(browser, clock);
  browser.api.tabs.onActivated.emit({ tabId: 2, windowId: 1 });
  await settle();
  await send({ kind: "mark", what: "spend", platform: "youtube", handle: astralHandle });
  await settle();

  for (const msg of browser.host.requests("activity.record")) assertValidRequest(msg);
  const items = recordedItems(browser.host);
  const astral = items.filter((i) => i.handle === astralHandle);
  assert.ok(astral.some((i) => i.type === "span") && astral.some((i) => i.type === "mark"));
  const labels = new Set(items.map((i) => i.label).filter(Boolean));
  assert.deepEqual(
    [...labels],
    ["short", [...longLabel].slice(0, 200).join(""), "Bob \uFFFD Live"],
  );
  bg.port.close();
});

test("requests: an outbox holding more than 1000 items goes in a batch of exactly 1000, then the rest", async () => {
  const carol = tab(1, URLS.carol, { active: true });
  const browser = makeFakeBrowser({ tabs: [carol] });
  browser.host.mode = "missing";
  const { bg, clock } = await bootBackground(browser);
  assert.equal(bg.port.state.status, "not_installed");
  const MARKS = MAX_BATCH + 150;
  for (let i = 0; i < MARKS; i++) {
    const r = await browser.send(
      { kind: "mark", at: clock.now(), what: "chat", platform: "twitch", handle: "carol" },
      fromTab(carol),
    );
    assert.deepEqual(r, { ok: true });
  }
  await bg.queue.idle();
  const queued = bg.outbox.size;
  assert.ok(queued > MAX_BATCH, `${queued} items queued`);

  browser.host.mode = "ok";
  await clock.advance(bg.port.state.retryAt - clock.now());
  await settle();
  await bg.delivery.kick();

  const batches = browser.host.requests("activity.record");
  for (const msg of batches) assertValidRequest(msg);
  const sizes = batches.map((m) => (m.body.spans?.length ?? 0) + (m.body.marks?.length ?? 0));
  assert.equal(sizes[0], MAX_BATCH, "the first batch is full, and no larger");
  assert.ok(sizes.every((n) => n >= 1 && n <= MAX_BATCH));
  assert.equal(
    sizes.reduce((a, b) => a + b, 0),
    queued,
  );
  assert.equal(bg.outbox.size, 0);
  bg.port.close();
});

// --- what else could be sent -------------------------------------------------------------

/** Source files of the extension (background, pop-up, content scripts, shared). */
function sourceFiles(dir = ROOT + "extension/src/") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(`${dir}${e.name}/`)
      : /\.(m?js|html)$/.test(e.name)
        ? [dir + e.name]
        : [],
  );
}

test("requests: the only protocol types named in the extension's code are the ones checked here", () => {
  const types = new Set(schemas.types.keys());
  const named = new Set();
  for (const file of sourceFiles()) {
    for (const m of readFileSync(file, "utf8").matchAll(/["'`]([a-z]+(?:\.[a-z]+)?)["'`]/g)) {
      if (types.has(m[1])) named.add(m[1]);
    }
  }
  // A new request from the pop-up, the pages or the background must get a test that
  // captures and validates it, and a line in VALIDATED_TYPES. (digest.credentials.set is
  // written with three dots, which this search does not match: page_requests checks it.)
  assert.deepEqual([...named].sort(), VALIDATED_TYPES);
});

test("requests: every platform name the extension can put in a span or mark is a valid Platform", () => {
  const defs = schemas.files.get(schemas.index.defs).$id;
  const platform = schemas.ajv.getSchema(`${defs}#/$defs/Platform`);
  const names = [
    ...adapters.map((a) => a.platform),
    ...DEFAULT_CONNECTION_SITES.map((s) => s.platform),
  ];
  for (const name of names) assert.ok(platform(name), `${name} breaks defs Platform`);
});
