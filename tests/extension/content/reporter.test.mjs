import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createReporter,
  SETTLE_DELAYS_MS,
  SPEND_CHECK_DELAY_MS,
} from "../../../extension/src/content/reporter.js";
import { CHAT_FLUSH_INTERVAL_MS } from "../../../extension/src/content/chat_counter.js";
import { loadFixture } from "../platforms/fixture_page.mjs";

const T0 = 1_700_000_000_000;
const LAB = "UCx7pPNw2Ip1C_dTfc1Oy3hA";

/**
 * A reporter on a fixture, with a hand-driven clock and timers and a recording "send".
 * @param {string} fixture
 * @param {{href?: string, landed?: string}} [opts]
 */
function harness(fixture, opts = {}) {
  const page = loadFixture(fixture);
  let now = T0;
  let href = opts.href ?? page.url.href;
  /** @type {{at: number, fn: () => void}[]} */
  let timers = [];
  const sent = [];
  const errors = [];
  const listened = [];
  const env = {
    media: { playing: false, video: false },
    visible: true,
  };
  const reporter = createReporter({
    doc: page.document,
    getHref: () => href,
    now: () => now,
    landedUrl: new URL(opts.landed ?? href),
    send: (m) => sent.push(m),
    schedule: (fn, ms) => timers.push({ at: now + ms, fn }),
    readMedia: () => env.media,
    isVisible: () => env.visible,
    listen: (d) => listened.push(d),
    onError: (what, e) => errors.push([what, e]),
  });
  return {
    reporter,
    document: page.document,
    env,
    sent,
    errors,
    listened,
    navigate(to) {
      href = to;
    },
    /** Moves the clock to `t` (relative to T0), running the timers due by then in order. */
    advance(ms) {
      const until = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers = timers.slice(1);
        now = next.at;
        next.fn();
      }
      now = until;
    },
    get now() {
      return now;
    },
    pageStates: () => sent.filter((m) => m.kind === "page-state"),
    marks: (what) => sent.filter((m) => m.kind === "mark" && m.what === what),
  };
}

const key = (target) => ({ type: "keydown", isTrusted: true, key: "Enter", target });
const click = (target) => ({ type: "click", isTrusted: true, target });

test("on load: the page-state with creator, live, media and visibility", () => {
  const h = harness("twitch/channel.html");
  h.env.media = { playing: true, video: true };
  h.reporter.report();
  assert.deepEqual(h.sent, [
    {
      kind: "page-state",
      at: T0,
      page: {
        type: "creator",
        platform: "twitch",
        handle: "labstreamer",
        label: "LabStreamer",
        live: true,
      },
      media: { playing: true, video: true },
      visible: true,
    },
  ]);
});

test("the same state is not sent twice; a change is, stamped with its moment", () => {
  const h = harness("twitch/channel.html");
  h.reporter.report();
  h.advance(1000);
  h.reporter.report();
  assert.equal(h.pageStates().length, 1);
  h.env.media = { playing: true, video: true };
  h.advance(1000);
  h.reporter.report(h.now - 300); // the event's own time
  h.env.visible = false;
  h.reporter.report();
  const states = h.pageStates();
  assert.equal(states.length, 3);
  assert.deepEqual([states[1].at, states[1].media.playing], [T0 + 1700, true]);
  assert.equal(states[2].visible, false);
});

test("not a creator page, and a creator page that can't be read", () => {
  const none = harness("twitch/channel.html", { href: "https://www.twitch.tv/directory" });
  none.reporter.report();
  assert.deepEqual(none.sent[0].page, { type: "none", reason: "not-a-creator-page" });

  const unknown = harness("twitch/vod.html");
  unknown.document.querySelector(".channel-info-content").remove();
  unknown.reporter.report();
  assert.deepEqual(unknown.sent[0].page, { type: "none", reason: "unknown-creator" });
});

test("an in-page navigation is reported at once, and the page re-read once it settles", () => {
  const h = harness("twitch/channel.html");
  h.reporter.report();
  h.advance(5000);
  // The site moves to a VOD; its channel block has not rendered yet.
  h.navigate("https://www.twitch.tv/videos/2034567890");
  const block = h.document.querySelector(".channel-info-content");
  block.remove();
  h.reporter.tick();
  assert.equal(h.reporter.navigation, 1);
  assert.deepEqual(h.pageStates()[1].page, { type: "none", reason: "unknown-creator" });
  assert.equal(h.pageStates()[1].at, T0 + 5000, "the old creator's time ends at the navigation");
  // The block renders (another channel's VOD); the settle re-read finds it.
  block.querySelector("a").setAttribute("href", "/otherstreamer");
  block.querySelector("h1").textContent = "OtherStreamer";
  h.document.querySelector("main").append(block);
  h.advance(SETTLE_DELAYS_MS[0]);
  assert.deepEqual(h.pageStates()[2].page, {
    type: "creator",
    platform: "twitch",
    handle: "otherstreamer",
    label: "OtherStreamer",
    live: false,
  });
  h.advance(SETTLE_DELAYS_MS[1]);
  assert.equal(h.pageStates().length, 3, "nothing new to say after settling");
});

test("a fragment change is not a navigation", () => {
  const h = harness("twitch/channel.html");
  h.reporter.report();
  h.navigate("https://www.twitch.tv/LabStreamer#chat");
  h.reporter.tick();
  assert.equal(h.reporter.navigation, 0);
  assert.equal(h.pageStates().length, 1);
});

test("a pay flow by URL is marked once per page load", () => {
  const h = harness("patreon/checkout.html");
  h.reporter.report();
  h.reporter.report(h.now + 10);
  assert.deepEqual(h.marks("spend"), [
    { kind: "mark", at: T0, what: "spend", platform: "patreon", handle: "labcreator", count: 1 },
  ]);
  h.navigate("https://www.patreon.com/labcreator");
  h.reporter.report();
  h.navigate("https://www.patreon.com/checkout/LabCreator?rid=10234567");
  h.reporter.report();
  assert.equal(h.marks("spend").length, 2, "coming back to checkout is a new page load");
});

test("a pay-flow dialog opened by a click is marked once", () => {
  const h = harness("twitch/channel.html");
  h.reporter.report();
  const bits = h.document.querySelector('[data-a-target="top-nav-get-bits-button"]');
  h.reporter.onInput(click(bits));
  h.document.body.insertAdjacentHTML(
    "beforeend",
    '<div aria-label="Bits" role="dialog"><button data-a-target="bits-purchase-button-100">100</button></div>',
  );
  h.advance(SPEND_CHECK_DELAY_MS);
  h.reporter.onInput(click(bits));
  h.advance(SPEND_CHECK_DELAY_MS);
  assert.deepEqual(h.marks("spend"), [
    {
      kind: "mark",
      at: T0 + SPEND_CHECK_DELAY_MS,
      what: "spend",
      platform: "twitch",
      handle: "labstreamer",
      count: 1,
    },
  ]);
});

test("chat sends are counted and leave as one mark 30 s later, or at pagehide", () => {
  const h = harness("twitch/channel.html");
  h.reporter.report();
  const input = h.document.querySelector('[data-a-target="chat-input"]');
  const sendButton = h.document.querySelector('[data-a-target="chat-send-button"]');
  h.reporter.onInput(key(input));
  h.advance(2000);
  h.reporter.onInput(click(sendButton.firstElementChild));
  h.reporter.onInput({ ...key(input), shiftKey: true }); // a new line, not a send
  h.reporter.onInput(key(h.document.body)); // Enter elsewhere
  assert.deepEqual(h.marks("chat"), []);
  h.advance(CHAT_FLUSH_INTERVAL_MS);
  assert.deepEqual(h.marks("chat"), [
    {
      kind: "mark",
      at: T0 + 2000,
      what: "chat",
      platform: "twitch",
      handle: "labstreamer",
      count: 2,
    },
  ]);
  h.reporter.onInput(key(input));
  h.reporter.onPageHide();
  assert.equal(h.marks("chat").length, 2);
  assert.equal(h.marks("chat")[1].count, 1);
  h.advance(CHAT_FLUSH_INTERVAL_MS);
  assert.equal(h.marks("chat").length, 2, "nothing left to send");
});

test("chat on a page whose creator is unknown is not counted", () => {
  const h = harness("twitch/channel.html", { href: "https://www.twitch.tv/directory" });
  h.reporter.report();
  h.reporter.onInput(key(h.document.querySelector('[data-a-target="chat-input"]')));
  h.reporter.onPageHide();
  assert.deepEqual(h.marks("chat"), []);
});

test("YouTube live chat: the chat frame's document is listened to, once", () => {
  const h = harness("youtube/live.html");
  const { document: chat } = loadFixture("youtube/live_chat.html");
  Object.defineProperty(h.document.querySelector("iframe#chatframe"), "contentDocument", {
    value: chat,
  });
  h.reporter.report();
  h.reporter.tick();
  h.reporter.tick();
  h.reporter.tick();
  h.reporter.tick();
  assert.deepEqual(h.listened, [chat]);
  assert.deepEqual(h.sent[0].page, {
    type: "creator",
    platform: "youtube",
    handle: LAB,
    label: "LabCreator",
    live: true,
  });
  h.reporter.onInput(key(chat.querySelector("yt-live-chat-text-input-field-renderer #input")));
  h.reporter.onPageHide();
  assert.deepEqual(h.marks("chat"), [
    { kind: "mark", at: T0, what: "chat", platform: "youtube", handle: LAB, count: 1 },
  ]);
});

test("YouTube: a handle learned on a channel page maps a later watch page's owner link", () => {
  const h = harness("youtube/channel_handle.html");
  h.reporter.report();
  assert.equal(h.sent[0].page.handle, LAB);
  // In-page navigation to a watch page whose only fresh clue is the owner's @handle.
  h.navigate("https://www.youtube.com/watch?v=Zr9kV1bN0aQ");
  for (const s of h.document.querySelectorAll("script")) s.remove();
  h.document.body.insertAdjacentHTML(
    "beforeend",
    '<ytd-watch-flexy video-id="Zr9kV1bN0aQ"><ytd-watch-metadata><div id="owner">' +
      '<ytd-video-owner-renderer><ytd-channel-name><a href="/@labcreator">LabCreator</a>' +
      "</ytd-channel-name></ytd-video-owner-renderer></div></ytd-watch-metadata></ytd-watch-flexy>",
  );
  h.reporter.report();
  assert.equal(h.pageStates().length, 2, "a navigation is reported even to the same creator");
  assert.equal(h.pageStates()[1].page.handle, LAB);

  // Control: the same page in a tab that never saw the channel page can't map the handle.
  const fresh = harness("youtube/channel_handle.html", {
    href: "https://www.youtube.com/watch?v=Zr9kV1bN0aQ",
  });
  for (const s of fresh.document.querySelectorAll("script")) s.remove();
  fresh.document.body.insertAdjacentHTML(
    "beforeend",
    '<ytd-watch-flexy video-id="Zr9kV1bN0aQ"><ytd-watch-metadata><div id="owner">' +
      '<ytd-video-owner-renderer><ytd-channel-name><a href="/@labcreator">LabCreator</a>' +
      "</ytd-channel-name></ytd-video-owner-renderer></div></ytd-watch-metadata></ytd-watch-flexy>",
  );
  fresh.reporter.report();
  assert.deepEqual(fresh.pageStates()[0].page, { type: "none", reason: "unknown-creator" });
});

test("only the creator's identity leaves the page: no URL, title or text", () => {
  const h = harness("youtube/watch.html");
  h.env.media = { playing: true, video: true };
  h.reporter.report();
  h.reporter.onPageHide();
  const wire = JSON.stringify(h.sent);
  for (const secret of ["http", "Qm3aL8yT2cE", "Building a Lab Bench", "@labcreator", "aliases"]) {
    assert.ok(!wire.includes(secret), `${secret} must not be sent`);
  }
});

test("a failing adapter is reported through onError and the page stays unknown", () => {
  const h = harness("twitch/vod.html");
  h.document.querySelectorAll = () => {
    throw new Error("markup changed");
  };
  h.reporter.report();
  assert.deepEqual(h.sent[0].page, { type: "none", reason: "unknown-creator" });
  assert.ok(h.errors.some(([what]) => what === "resolve"));
});

test("state() answers without sending", () => {
  const h = harness("twitch/channel.html");
  const s = h.reporter.state(T0 + 5, true);
  assert.equal(s.page.handle, "labstreamer");
  assert.deepEqual(h.sent, []);
});
