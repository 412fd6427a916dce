import { test } from "node:test";
import assert from "node:assert/strict";
import youtube, {
  BRIDGE_ATTRIBUTE,
  channelRef,
  embeddedChannelPairs,
  pageKey,
  readBridge,
  recordFromBrowseResponse,
  recordFromPlayerResponse,
} from "../../../extension/src/platforms/youtube.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { documentOf, loadFixture } from "./fixture_page.mjs";

const LAB = "UCx7pPNw2Ip1C_dTfc1Oy3hA";
const OTHER = "UCq2TdWx8hRr1LkPb3nYvZ0Q";
const OLD_TIMER = "UCa1B2c3D4e5F6g7H8i9J0kL";
const NEEDS_PAGE = { needsPage: true };

test("fromUrl: channel id addresses carry the key, other creator pages need the page", () => {
  const cases = [
    [`https://www.youtube.com/channel/${LAB}`, { handle: LAB }],
    [`https://www.youtube.com/channel/${LAB}/`, { handle: LAB }],
    [`https://www.youtube.com/channel/${LAB}/videos?view=0`, { handle: LAB }],
    [`https://m.youtube.com/channel/${LAB}/live`, { handle: LAB }],
    [`https://youtube.com/channel/${LAB}/join`, { handle: LAB }],
    ["https://www.youtube.com/@labcreator", NEEDS_PAGE],
    ["https://www.youtube.com/@LabCreator/", NEEDS_PAGE],
    ["https://www.youtube.com/@LabCreator/videos", NEEDS_PAGE],
    ["https://www.youtube.com/@labcreator/live", NEEDS_PAGE],
    ["https://www.youtube.com/c/LabCreator", NEEDS_PAGE],
    ["https://www.youtube.com/user/OldTimerElec/videos", NEEDS_PAGE],
    ["https://www.youtube.com/LabCreatorLegacy", NEEDS_PAGE],
    ["https://www.youtube.com/watch?v=Qm3aL8yT2cE", NEEDS_PAGE],
    ["https://www.youtube.com/watch?v=Qm3aL8yT2cE&t=42s&list=PL1", NEEDS_PAGE],
    ["https://www.youtube.com/shorts/Vb7nQ2xK9pL", NEEDS_PAGE],
    ["https://www.youtube.com/live/Lv4eT8sQ1wZ?si=abc", NEEDS_PAGE],
    ["https://www.youtube.com/", null],
    ["https://www.youtube.com/?app=desktop", null],
    ["https://www.youtube.com/feed/subscriptions", null],
    ["https://www.youtube.com/results?search_query=lab", null],
    ["https://www.youtube.com/playlist?list=PL1", null],
    ["https://www.youtube.com/watch", null],
    ["https://www.youtube.com/watch?v=short", null],
    ["https://www.youtube.com/channel/notAnId", null],
    ["https://www.youtube.com/shorts/", null],
    ["https://www.youtube.com/account", null],
    ["https://www.youtube.com/premium", null],
    ["https://www.youtube.com/live_chat?continuation=abc", null],
    ["https://www.youtube.com/a/b/c", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(youtube.fromUrl(new URL(href)), want, href);
});

test("channel ids keep their case (they are case-sensitive)", () => {
  const lower = `https://www.youtube.com/channel/${LAB.toLowerCase()}`;
  assert.equal(youtube.fromUrl(new URL(lower)), null, "lowercase 'uc' is not an id");
  assert.deepEqual(youtube.fromUrl(new URL(`https://www.youtube.com/channel/${LAB}`)), {
    handle: LAB,
  });
});

test("channelRef: channel addresses as ids or alias keys", () => {
  const cases = [
    ["/@LabCreator", { alias: "@labcreator" }],
    ["http://www.youtube.com/@labcreator", { alias: "@labcreator" }],
    ["/c/LabCreator", { alias: "c/labcreator" }],
    ["/user/OldTimerElec", { alias: "user/oldtimerelec" }],
    [`/channel/${LAB}`, { id: LAB }],
    [`https://www.youtube.com/channel/${LAB}`, { id: LAB }],
    ["/watch?v=Qm3aL8yT2cE", null],
    ["https://example.com/@labcreator", null],
    ["", null],
    [null, null],
  ];
  for (const [href, want] of cases) assert.deepEqual(channelRef(href), want, String(href));
});

test("fixtures: each page resolves to the channel id and display name", () => {
  const cases = [
    ["youtube/channel_handle.html", { handle: LAB, label: "LabCreator", aliases: ["@labcreator"] }],
    ["youtube/channel_c.html", { handle: LAB, label: "LabCreator", aliases: ["c/labcreator"] }],
    ["youtube/channel_id.html", { handle: LAB, label: "LabCreator" }],
    ["youtube/watch.html", { handle: LAB, label: "LabCreator" }],
    ["youtube/shorts.html", { handle: LAB, label: "LabCreator" }],
    ["youtube/live.html", { handle: LAB, label: "LabCreator" }],
  ];
  for (const [name, want] of cases) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(youtube.fromDocument(document, url, hints), want, name);
  }
});

test("@handle, /c/ and a watch page of the same channel give one key", () => {
  const keys = new Set();
  for (const name of [
    "youtube/channel_handle.html",
    "youtube/channel_c.html",
    "youtube/channel_id.html",
    "youtube/watch.html",
    "youtube/shorts.html",
    "youtube/live.html",
  ]) {
    const { document, url, hints } = loadFixture(name);
    const r = resolve(url, document, hints);
    assert.ok(r && "handle" in r, name);
    keys.add(`${r.platform}:${r.handle}`);
  }
  assert.deepEqual([...keys], [`youtube:${LAB}`]);
});

test("a channel's /live tab resolves through the live page's data", () => {
  const { document } = loadFixture("youtube/live.html");
  const url = new URL("https://www.youtube.com/@labcreator/live");
  assert.deepEqual(youtube.fromDocument(document, url, { landedUrl: url }), {
    handle: LAB,
    label: "LabCreator",
    aliases: ["@labcreator"],
  });
  assert.equal(youtube.isLive(document, url, { landedUrl: url }), true);
});

test("player data for another video is not trusted (stale after in-page navigation)", () => {
  const pr = { videoDetails: { videoId: "Qm3aL8yT2cE", channelId: LAB, author: "LabCreator" } };
  const same = new URL("https://www.youtube.com/watch?v=Qm3aL8yT2cE");
  const other = new URL("https://www.youtube.com/watch?v=Zr9kV1bN0aQ");
  assert.deepEqual(recordFromPlayerResponse(pr, same), {
    page: "video:Qm3aL8yT2cE",
    channelId: LAB,
    name: "LabCreator",
    live: false,
  });
  assert.equal(recordFromPlayerResponse(pr, other), null);
  assert.equal(recordFromPlayerResponse({ videoDetails: { videoId: "Qm3aL8yT2cE" } }, same), null);
  assert.equal(recordFromPlayerResponse(null, same), null);
  assert.equal(
    recordFromPlayerResponse(pr, new URL("https://www.youtube.com/feed/trending")),
    null,
  );
});

test("browse data names the channel only on that channel's pages", () => {
  const data = { metadata: { channelMetadataRenderer: { externalId: LAB, title: "LabCreator" } } };
  assert.deepEqual(recordFromBrowseResponse(data, new URL("https://www.youtube.com/@labcreator")), {
    page: "alias:@labcreator",
    channelId: LAB,
    name: "LabCreator",
  });
  assert.equal(
    recordFromBrowseResponse(data, new URL(`https://www.youtube.com/channel/${OTHER}`)),
    null,
  );
  assert.equal(
    recordFromBrowseResponse(data, new URL("https://www.youtube.com/watch?v=Qm3aL8yT2cE")),
    null,
  );
  assert.equal(
    recordFromBrowseResponse({ metadata: {} }, new URL("https://www.youtube.com/@x")),
    null,
  );
});

test("after in-page navigation: the rendered owner link, mapped through embedded pairs", () => {
  const { document, url, hints } = loadFixture("youtube/watch_navigated.html");
  // The embedded data still describes the first video (LabCreator); the rendered page shows
  // Other Creator's video, whose @handle -> id pair is in the related videos' data.
  assert.deepEqual(youtube.fromDocument(document, url, hints), {
    handle: OTHER,
    label: "Other Creator",
    aliases: ["@othercreator"],
  });
});

test("after in-page navigation: an unmapped @handle leaves the creator unknown, not a handle key", () => {
  const { document, url, hints } = loadFixture("youtube/watch_navigated.html");
  for (const s of document.querySelectorAll("script")) s.remove();
  assert.equal(youtube.fromDocument(document, url, hints), null);
  assert.deepEqual(resolve(url, document, hints), { needsPage: true });
  // ...until the tab has learned the pair elsewhere.
  const aliases = new Map([["@othercreator", OTHER]]);
  assert.equal(youtube.fromDocument(document, url, { ...hints, aliases })?.handle, OTHER);
});

test("after in-page navigation: an owner section still showing the previous video is not read", () => {
  const { document, url, hints } = loadFixture("youtube/watch_navigated.html");
  document.querySelector("ytd-watch-flexy").setAttribute("video-id", "Qm3aL8yT2cE");
  assert.equal(youtube.fromDocument(document, url, hints), null);
});

test("after in-page navigation to a channel page: landed metadata is not trusted", () => {
  const { document } = loadFixture("youtube/channel_handle.html");
  const url = new URL("https://www.youtube.com/@othercreator");
  const hints = { landedUrl: new URL("https://www.youtube.com/@labcreator") };
  assert.equal(youtube.fromDocument(document, url, hints), null);
  // The tab knows the pair from earlier: resolved, and named from the rendered header.
  const aliases = new Map([["@othercreator", OTHER]]);
  document.querySelector("h1 span").textContent = "Other Creator";
  assert.deepEqual(youtube.fromDocument(document, url, { ...hints, aliases }), {
    handle: OTHER,
    label: "Other Creator",
    aliases: ["@othercreator"],
  });
});

test("embeddedChannelPairs: every browseEndpoint's alias and id", () => {
  const { document } = loadFixture("youtube/watch.html");
  const pairs = embeddedChannelPairs(document);
  assert.equal(pairs.get("@labcreator"), LAB);
  assert.equal(pairs.get("@othercreator"), OTHER);
  assert.equal(pairs.get("user/oldtimerelec"), OLD_TIMER);
  const reversed = documentOf(
    `<script>var x = {"canonicalBaseUrl":"\\/@rev","browseId":"${OTHER}"};</script>`,
  );
  assert.equal(embeddedChannelPairs(reversed).get("@rev"), OTHER);
});

test("the page bridge's record wins when it is about this page", () => {
  const { document, url, hints } = loadFixture("youtube/watch_navigated.html");
  for (const s of document.querySelectorAll("script")) s.remove();
  const record = { page: pageKey(url), channelId: OTHER, name: "Other Creator", live: true };
  document.documentElement.setAttribute(BRIDGE_ATTRIBUTE, JSON.stringify(record));
  assert.deepEqual(readBridge(document, url), record);
  assert.deepEqual(youtube.fromDocument(document, url, hints), {
    handle: OTHER,
    label: "Other Creator",
  });
  assert.equal(youtube.isLive(document, url, hints), true);

  // A record about another page, or a malformed one, is ignored.
  const stale = { ...record, page: "video:Qm3aL8yT2cE" };
  document.documentElement.setAttribute(BRIDGE_ATTRIBUTE, JSON.stringify(stale));
  assert.equal(readBridge(document, url), null);
  document.documentElement.setAttribute(BRIDGE_ATTRIBUTE, "{not json");
  assert.equal(readBridge(document, url), null);
});

test("isLive: live stream yes, ordinary video and channel page no", () => {
  const cases = [
    ["youtube/live.html", true],
    ["youtube/watch.html", false],
    ["youtube/shorts.html", false],
    ["youtube/channel_handle.html", false],
  ];
  for (const [name, want] of cases) {
    const { document, url, hints } = loadFixture(name);
    assert.equal(youtube.isLive(document, url, hints), want, name);
  }
  // Without the player's class, the validated player response still says so.
  const { document, url, hints } = loadFixture("youtube/live.html");
  document.querySelector("#movie_player").classList.remove("ytp-live");
  assert.equal(youtube.isLive(document, url, hints), true);
});

test("spendFlow: membership /join pages by URL", () => {
  const cases = [
    [`https://www.youtube.com/channel/${LAB}/join`, true],
    ["https://www.youtube.com/@labcreator/join", true],
    ["https://www.youtube.com/@labcreator", false],
    ["https://www.youtube.com/watch?v=Qm3aL8yT2cE", false],
  ];
  for (const [href, want] of cases) assert.equal(youtube.spendFlow(new URL(href)), want, href);
});

test("spendFlow: the membership dialog on screen", () => {
  const { document, url } = loadFixture("youtube/watch.html");
  assert.equal(youtube.spendFlow(url, document), false);
  const popup = document.querySelector("ytd-popup-container");
  popup.innerHTML =
    '<tp-yt-paper-dialog style="outline: none; z-index: 2202; display: none;" aria-hidden="true">' +
    "<ytd-sponsorships-offer-renderer dialog></ytd-sponsorships-offer-renderer></tp-yt-paper-dialog>";
  assert.equal(youtube.spendFlow(url, document), false, "a closed dialog left in the DOM");
  const dialog = document.querySelector("tp-yt-paper-dialog");
  dialog.removeAttribute("aria-hidden");
  dialog.setAttribute("style", "outline: none; z-index: 2202;");
  assert.equal(youtube.spendFlow(url, document), true);
});

test("spendFlow: the Super Chat buy flow in the chat frame", () => {
  const { document: page, url } = loadFixture("youtube/live.html");
  const { document: chat } = loadFixture("youtube/live_chat.html");
  Object.defineProperty(page.querySelector("iframe#chatframe"), "contentDocument", { value: chat });
  assert.equal(youtube.spendFlow(url, page), false, "buy flow present but hidden");
  chat.querySelector("yt-live-chat-message-buy-flow-renderer").removeAttribute("hidden");
  assert.equal(youtube.spendFlow(url, page), true);
});

test("chat elements: the input and send button inside the live chat frame", () => {
  const { document: page } = loadFixture("youtube/live.html");
  const { document: chat } = loadFixture("youtube/live_chat.html");
  assert.equal(youtube.chatInput(page), null, "no frame document, no input");
  Object.defineProperty(page.querySelector("iframe#chatframe"), "contentDocument", { value: chat });
  const input = youtube.chatInput(page);
  assert.equal(input?.getAttribute("contenteditable"), "");
  assert.equal(input?.ownerDocument, chat);
  assert.equal(youtube.chatSendButton(page)?.getAttribute("aria-label"), "Send");
  // A chat page opened on its own.
  assert.ok(youtube.chatInput(chat));
});

test("watch page: each source alone is enough", () => {
  // Remove every source but one; the page must still resolve to the channel id.
  const sources = {
    playerResponse: (d) =>
      [...d.querySelectorAll("script")].filter((s) =>
        s.textContent.includes("ytInitialPlayerResponse"),
      ),
    microformat: (d) => [d.querySelector("#watch7-content")],
    ownerPairs: (d) => [
      ...[...d.querySelectorAll("script")].filter((s) => s.textContent.includes("ytInitialData")),
      d.querySelector("ytd-watch-metadata"),
    ],
  };
  for (const keep of Object.keys(sources)) {
    const { document, url, hints } = loadFixture("youtube/watch.html");
    for (const [name, find] of Object.entries(sources)) {
      if (name !== keep) for (const el of find(document)) el.remove();
    }
    const got = youtube.fromDocument(document, url, hints);
    assert.equal(got?.handle, LAB, `only ${keep}`);
    assert.equal(got?.label, "LabCreator", `only ${keep}`);
  }
  const { document, url, hints } = loadFixture("youtube/watch.html");
  for (const find of Object.values(sources)) for (const el of find(document)) el.remove();
  assert.equal(youtube.fromDocument(document, url, hints), null, "no source left");
});

test("watch page: an owner link to /channel/UC... needs no pairs", () => {
  const { document, url, hints } = loadFixture("youtube/watch_navigated.html");
  for (const s of document.querySelectorAll("script")) s.remove();
  for (const a of document.querySelectorAll("ytd-video-owner-renderer a"))
    a.setAttribute("href", `/channel/${OTHER}`);
  assert.deepEqual(youtube.fromDocument(document, url, hints), {
    handle: OTHER,
    label: "Other Creator",
  });
});

test("channel page: each landed source alone is enough", () => {
  const sources = {
    canonical: (d) => [d.querySelector('link[rel="canonical"]')],
    ogUrl: (d) => [d.querySelector('meta[property="og:url"]')],
    microformat: (d) => [d.querySelector('[itemprop="channelId"]')],
    initialData: (d) => [...d.querySelectorAll("script")],
  };
  for (const keep of Object.keys(sources)) {
    const { document, url, hints } = loadFixture("youtube/channel_c.html");
    for (const [name, find] of Object.entries(sources)) {
      if (name !== keep) for (const el of find(document)) el.remove();
    }
    assert.equal(youtube.fromDocument(document, url, hints)?.handle, LAB, `only ${keep}`);
  }
});
