import { test } from "node:test";
import assert from "node:assert/strict";
import instagram from "../../../extension/src/platforms/instagram.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

const NEEDS_PAGE = { needsPage: true };

test("fromUrl: profiles carry the username; posts and reels need the page", () => {
  const cases = [
    ["https://www.instagram.com/lab.creator/", { handle: "lab.creator" }],
    ["https://www.instagram.com/Lab.Creator", { handle: "lab.creator" }],
    ["https://instagram.com/lab.creator/reels/", { handle: "lab.creator" }],
    ["https://www.instagram.com/lab.creator/tagged/?hl=en", { handle: "lab.creator" }],
    ["https://www.instagram.com/lab.creator/p/C4xYz12AbCd/", { handle: "lab.creator" }],
    ["https://www.instagram.com/lab.creator/reel/C5aBc34DeFg/", { handle: "lab.creator" }],
    ["https://www.instagram.com/lab.creator/live/", { handle: "lab.creator" }],
    [
      "https://www.instagram.com/stories/lab.creator/3312345678901234567/",
      { handle: "lab.creator" },
    ],
    ["https://www.instagram.com/p/C4xYz12AbCd/", NEEDS_PAGE],
    ["https://www.instagram.com/p/C4xYz12AbCd/?img_index=1", NEEDS_PAGE],
    ["https://www.instagram.com/reel/C5aBc34DeFg/", NEEDS_PAGE],
    ["https://www.instagram.com/reels/C5aBc34DeFg/", NEEDS_PAGE],
    ["https://www.instagram.com/tv/B1aBcDeFgHi/", NEEDS_PAGE],
    ["https://www.instagram.com/stories/highlights/17900000000000000/", NEEDS_PAGE],
    ["https://www.instagram.com/", null],
    ["https://www.instagram.com/direct/inbox/", null],
    ["https://www.instagram.com/direct/t/1234567890/", null],
    ["https://www.instagram.com/explore/", null],
    ["https://www.instagram.com/explore/tags/lab/", null],
    ["https://www.instagram.com/accounts/edit/", null],
    ["https://www.instagram.com/reels/", null],
    ["https://www.instagram.com/stories/", null],
    ["https://www.instagram.com/p/", null],
    ["https://www.instagram.com/about/", null],
    ["https://www.instagram.com/not-a-user/", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(instagram.fromUrl(new URL(href)), want, href);
});

test("fixtures: profile, post and reel resolve to the author", () => {
  const cases = [
    [
      "instagram/profile.html",
      { platform: "instagram", handle: "lab.creator", label: "Lab Creator" },
    ],
    ["instagram/post.html", { platform: "instagram", handle: "lab.creator", label: "lab.creator" }],
    ["instagram/reel.html", { platform: "instagram", handle: "lab.creator", label: "Lab Creator" }],
  ];
  for (const [name, want] of cases) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(resolve(url, document, hints), want, name);
  }
});

test("a post opened by in-page navigation is read from its rendered header, not stale og tags", () => {
  const { document } = loadFixture("instagram/post.html");
  const url = new URL("https://www.instagram.com/p/C9zzzzzzzzz/");
  const hints = { landedUrl: new URL("https://www.instagram.com/lab.creator/") };
  for (const a of document.querySelectorAll("header a[href='/lab.creator/']"))
    a.setAttribute("href", "/other.maker/");
  document.querySelector("header span a").textContent = "other.maker";
  assert.equal(instagram.fromDocument(document, url, hints)?.handle, "other.maker");
  // The reel page has no header: after navigation its stale og tags are not used.
  const reel = loadFixture("instagram/reel.html");
  const next = new URL("https://www.instagram.com/reel/C6zzzzzzzzz/");
  assert.equal(instagram.fromDocument(reel.document, next, { landedUrl: reel.url }), null);
});

test("a profile's label comes from og:title only while it is that profile's", () => {
  const { document, url } = loadFixture("instagram/profile.html");
  const other = new URL("https://www.instagram.com/other.maker/");
  assert.deepEqual(instagram.fromDocument(document, other, { landedUrl: url }), {
    handle: "other.maker",
  });
});

test("isLive: the /live page", () => {
  const { document } = loadFixture("instagram/profile.html");
  assert.equal(
    instagram.isLive(document, new URL("https://www.instagram.com/lab.creator/live/")),
    true,
  );
  assert.equal(
    instagram.isLive(document, new URL("https://www.instagram.com/lab.creator/")),
    false,
  );
  assert.equal(
    instagram.isLive(document, new URL("https://www.instagram.com/p/C4xYz12AbCd/")),
    false,
  );
});
