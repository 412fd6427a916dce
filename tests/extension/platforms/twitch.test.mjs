import { test } from "node:test";
import assert from "node:assert/strict";
import twitch from "../../../extension/src/platforms/twitch.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { documentOf, loadFixture } from "./fixture_page.mjs";

const NEEDS_PAGE = { needsPage: true };

test("fromUrl: channels and their pages, not Twitch's own pages", () => {
  const cases = [
    ["https://www.twitch.tv/labstreamer", { handle: "labstreamer" }],
    ["https://www.twitch.tv/LabStreamer/", { handle: "labstreamer" }],
    ["https://twitch.tv/labstreamer?referrer=raid", { handle: "labstreamer" }],
    ["https://m.twitch.tv/labstreamer/home", { handle: "labstreamer" }],
    ["https://www.twitch.tv/labstreamer/videos?filter=archives", { handle: "labstreamer" }],
    [
      "https://www.twitch.tv/labstreamer/clip/BrightSolderingIronKappa-AbCdEf",
      { handle: "labstreamer" },
    ],
    ["https://www.twitch.tv/labstreamer/about", { handle: "labstreamer" }],
    ["https://www.twitch.tv/popout/labstreamer/chat?popout=", { handle: "labstreamer" }],
    ["https://www.twitch.tv/moderator/labstreamer", { handle: "labstreamer" }],
    ["https://www.twitch.tv/subs/LabStreamer", { handle: "labstreamer" }],
    ["https://www.twitch.tv/lab_streamer_2", { handle: "lab_streamer_2" }],
    ["https://www.twitch.tv/videos/2034567890", NEEDS_PAGE],
    ["https://www.twitch.tv/videos/2034567890?t=1h2m3s", NEEDS_PAGE],
    ["https://clips.twitch.tv/BrightSolderingIronKappa-AbCdEf123_xyz", NEEDS_PAGE],
    ["https://www.twitch.tv/", null],
    ["https://www.twitch.tv/directory", null],
    ["https://www.twitch.tv/directory/category/just-chatting", null],
    ["https://www.twitch.tv/Directory/following", null],
    ["https://www.twitch.tv/settings/profile", null],
    ["https://www.twitch.tv/search?term=lab", null],
    ["https://www.twitch.tv/downloads", null],
    ["https://www.twitch.tv/subscriptions", null],
    ["https://www.twitch.tv/drops/inventory", null],
    ["https://www.twitch.tv/wallet", null],
    ["https://www.twitch.tv/p/en/legal/terms-of-service/", null],
    ["https://www.twitch.tv/turbo", null],
    ["https://www.twitch.tv/videos", null],
    ["https://www.twitch.tv/videos/notanumber", null],
    ["https://www.twitch.tv/subs", null],
    ["https://www.twitch.tv/team/labteam", null],
    ["https://www.twitch.tv/x", null], // too short for a login
    ["https://www.twitch.tv/has.dot", null],
    ["https://clips.twitch.tv/embed?clip=Abc", null],
    ["https://clips.twitch.tv/", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(twitch.fromUrl(new URL(href)), want, href);
});

test("fixtures: channel, VOD and clip resolve to the channel's login and name", () => {
  const cases = [
    ["twitch/channel.html", { platform: "twitch", handle: "labstreamer", label: "LabStreamer" }],
    ["twitch/vod.html", { platform: "twitch", handle: "labstreamer", label: "LabStreamer" }],
    ["twitch/clip.html", { platform: "twitch", handle: "labstreamer", label: "LabStreamer" }],
  ];
  for (const [name, want] of cases) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(resolve(url, document, hints), want, name);
  }
});

test("a VOD page without its channel block stays unknown", () => {
  const { document, url } = loadFixture("twitch/vod.html");
  document.querySelector(".channel-info-content").remove();
  assert.deepEqual(resolve(url, document), NEEDS_PAGE);
});

test("a channel page keeps its URL's login when the page still shows another channel", () => {
  const { document } = loadFixture("twitch/channel.html");
  const r = resolve(new URL("https://www.twitch.tv/otherstreamer"), document);
  assert.deepEqual(
    r,
    { platform: "twitch", handle: "otherstreamer" },
    "no label from another channel",
  );
});

test("isLive: channel page with the live indicator", () => {
  const { document, url } = loadFixture("twitch/channel.html");
  assert.equal(twitch.isLive(document, url), true);
  const vod = loadFixture("twitch/vod.html");
  assert.equal(twitch.isLive(vod.document, vod.url), false);
  for (const el of document.querySelectorAll(
    ".tw-channel-status-text-indicator, [data-a-target='animated-channel-viewers-count']",
  ))
    el.remove();
  assert.equal(twitch.isLive(document, url), false, "offline channel");
});

test("spendFlow: /subs checkout, Bits popover, gift-sub modal", () => {
  assert.equal(twitch.spendFlow(new URL("https://www.twitch.tv/subs/labstreamer")), true);
  const { document, url } = loadFixture("twitch/channel.html");
  assert.equal(twitch.spendFlow(url, document), false, "the Cheer button alone is no pay flow");
  const cases = [
    '<div aria-label="Bits" role="dialog"><button data-a-target="bits-purchase-button-100">100</button></div>',
    '<div data-a-target="gift-sub-modal"></div>',
  ];
  for (const html of cases) assert.equal(twitch.spendFlow(url, documentOf(html)), true, html);
  assert.equal(
    twitch.spendFlow(url, documentOf('<div data-a-target="gift-sub-modal" hidden></div>')),
    false,
  );
});

test("chat elements: the chat input and send button", () => {
  const { document } = loadFixture("twitch/channel.html");
  assert.equal(twitch.chatInput(document)?.getAttribute("role"), "textbox");
  assert.equal(twitch.chatSendButton(document)?.textContent, "Chat");
});
