import { test } from "node:test";
import assert from "node:assert/strict";
import tiktok from "../../../extension/src/platforms/tiktok.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

test("fromUrl: profiles, videos, photos and live carry the username", () => {
  const cases = [
    ["https://www.tiktok.com/@lab.creator", { handle: "lab.creator" }],
    ["https://www.tiktok.com/@Lab.Creator/", { handle: "lab.creator" }],
    ["https://www.tiktok.com/@lab.creator?lang=en", { handle: "lab.creator" }],
    ["https://www.tiktok.com/@lab.creator/video/7312345678901234567", { handle: "lab.creator" }],
    ["https://www.tiktok.com/@lab.creator/photo/7312345678901234567", { handle: "lab.creator" }],
    ["https://www.tiktok.com/@lab_creator/live", { handle: "lab_creator" }],
    ["https://m.tiktok.com/@lab.creator", { handle: "lab.creator" }],
    ["https://www.tiktok.com/", null],
    ["https://www.tiktok.com/foryou", null],
    ["https://www.tiktok.com/explore", null],
    ["https://www.tiktok.com/following", null],
    ["https://www.tiktok.com/messages", null],
    ["https://www.tiktok.com/tag/lab", null],
    ["https://www.tiktok.com/@", null],
    ["https://www.tiktok.com/@bad%20name", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(tiktok.fromUrl(new URL(href)), want, href);
});

test("fixtures: profile and video resolve to the username and nickname", () => {
  for (const name of ["tiktok/profile.html", "tiktok/video.html"]) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(
      resolve(url, document, hints),
      { platform: "tiktok", handle: "lab.creator", label: "Lab Creator" },
      name,
    );
  }
});

test("the embedded data alone names the creator when it is about this page", () => {
  const { document, url } = loadFixture("tiktok/video.html");
  document.querySelector('[data-e2e="browse-username"]').remove();
  assert.deepEqual(tiktok.fromDocument(document, url), {
    handle: "lab.creator",
    label: "Lab Creator",
  });
  const other = new URL("https://www.tiktok.com/@lab.creator/video/7399999999999999999");
  assert.equal(tiktok.fromDocument(document, other), null, "data for another video");
});

test("a profile header showing another user is not read", () => {
  const { document } = loadFixture("tiktok/profile.html");
  const url = new URL("https://www.tiktok.com/@someone.else");
  assert.equal(tiktok.fromDocument(document, url), null);
  assert.deepEqual(resolve(url, document), { platform: "tiktok", handle: "someone.else" });
});

test("isLive: the /live page", () => {
  const { document } = loadFixture("tiktok/profile.html");
  assert.equal(tiktok.isLive(document, new URL("https://www.tiktok.com/@lab.creator/live")), true);
  assert.equal(tiktok.isLive(document, new URL("https://www.tiktok.com/@lab.creator")), false);
});
