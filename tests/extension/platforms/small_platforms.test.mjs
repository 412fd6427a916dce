// Substack, Bluesky, Reddit, Kick: URL tables and fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import bluesky from "../../../extension/src/platforms/bluesky.js";
import kick from "../../../extension/src/platforms/kick.js";
import reddit from "../../../extension/src/platforms/reddit.js";
import substack from "../../../extension/src/platforms/substack.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

const NEEDS_PAGE = { needsPage: true };

/** @param {object} adapter @param {[string, unknown][]} cases */
function urlTable(adapter, cases) {
  for (const [href, want] of cases) assert.deepEqual(adapter.fromUrl(new URL(href)), want, href);
}

test("substack: the publication's subdomain, on every page of it", () => {
  urlTable(substack, [
    ["https://labnotes.substack.com/", { handle: "labnotes" }],
    ["https://LabNotes.substack.com/p/bench-notes?utm_source=x", { handle: "labnotes" }],
    ["https://labnotes.substack.com/archive?sort=new", { handle: "labnotes" }],
    ["https://open.substack.com/pub/labnotes/p/bench-notes", { handle: "labnotes" }],
    ["https://substack.com/home", null],
    ["https://www.substack.com/", null],
    ["https://open.substack.com/", null],
    ["https://substack.com/@labcreator", null],
    ["https://support.substack.com/hc/en-us", null],
    ["https://labnotes.com/p/bench-notes", null],
  ]);
});

test("bluesky: the handle, lowercased; a DID address needs the page", () => {
  urlTable(bluesky, [
    ["https://bsky.app/profile/labcreator.bsky.social", { handle: "labcreator.bsky.social" }],
    ["https://bsky.app/profile/LabCreator.bsky.social/", { handle: "labcreator.bsky.social" }],
    ["https://bsky.app/profile/labcreator.com/post/3kq2abcdxyz2a", { handle: "labcreator.com" }],
    [
      "https://bsky.app/profile/labcreator.bsky.social/feed/bench",
      { handle: "labcreator.bsky.social" },
    ],
    ["https://bsky.app/profile/did:plc:4hz6fbyvn7jcizyh4ywaw3n5", NEEDS_PAGE],
    ["https://bsky.app/profile/did:plc:4hz6fbyvn7jcizyh4ywaw3n5/post/3kq2abcdxyz2a", NEEDS_PAGE],
    ["https://bsky.app/", null],
    ["https://bsky.app/notifications", null],
    ["https://bsky.app/messages", null],
    ["https://bsky.app/search?q=lab", null],
    ["https://bsky.app/profile/", null],
    ["https://bsky.app/profile/nodot", null],
    ["https://bsky.app/profile/handle.invalid", null],
  ]);
});

test("bluesky fixtures: profile by handle and by DID give the same key", () => {
  for (const name of ["bluesky/profile.html", "bluesky/profile_did.html"]) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(
      resolve(url, document, hints),
      { platform: "bluesky", handle: "labcreator.bsky.social", label: "Lab Creator" },
      name,
    );
  }
  // A DID page whose header has not rendered, after navigation: unknown.
  const { document } = loadFixture("bluesky/profile_did.html");
  document.querySelector('[data-testid="profileView"]').remove();
  const url = new URL("https://bsky.app/profile/did:plc:aaaaaaaaaaaaaaaaaaaaaaaa");
  assert.deepEqual(resolve(url, document, { landedUrl: new URL("https://bsky.app/") }), NEEDS_PAGE);
});

test("reddit: user pages only, on every Reddit host", () => {
  urlTable(reddit, [
    ["https://www.reddit.com/user/Lab_Creator/", { handle: "lab_creator" }],
    ["https://www.reddit.com/u/lab_creator", { handle: "lab_creator" }],
    ["https://old.reddit.com/user/Lab_Creator/submitted/", { handle: "lab_creator" }],
    ["https://reddit.com/user/lab-creator?sort=top", { handle: "lab-creator" }],
    ["https://sh.reddit.com/user/lab_creator/comments/", { handle: "lab_creator" }],
    ["https://www.reddit.com/", null],
    ["https://www.reddit.com/r/electronics/", null],
    ["https://www.reddit.com/r/electronics/comments/abc/bench/", null],
    ["https://www.reddit.com/user/", null],
    ["https://www.reddit.com/user/ab", null],
    ["https://www.reddit.com/settings/profile", null],
  ]);
  const { document, url, hints } = loadFixture("reddit/user.html");
  assert.deepEqual(resolve(url, document, hints), {
    platform: "reddit",
    handle: "lab_creator",
    label: "Lab Creator",
  });
});

test("kick: channel pages, not Kick's own pages", () => {
  urlTable(kick, [
    ["https://kick.com/labstreamer", { handle: "labstreamer" }],
    ["https://kick.com/LabStreamer/", { handle: "labstreamer" }],
    [
      "https://kick.com/lab-streamer/videos/5e6f7a8b-0000-4000-8000-000000000000",
      { handle: "lab-streamer" },
    ],
    ["https://kick.com/labstreamer/clips/clip_01HXYZ", { handle: "labstreamer" }],
    ["https://kick.com/popout/labstreamer/chat", { handle: "labstreamer" }],
    ["https://kick.com/video/5e6f7a8b-0000-4000-8000-000000000000", NEEDS_PAGE],
    ["https://kick.com/", null],
    ["https://kick.com/browse", null],
    ["https://kick.com/categories/irl", null],
    ["https://kick.com/category/just-chatting", null],
    ["https://kick.com/following", null],
    ["https://kick.com/search?query=lab", null],
    ["https://kick.com/dashboard/stream", null],
    ["https://kick.com/settings/profile", null],
    ["https://kick.com/terms-of-service", null],
  ]);
  const { document, url, hints } = loadFixture("kick/channel.html");
  assert.deepEqual(resolve(url, document, hints), {
    platform: "kick",
    handle: "labstreamer",
    label: "LabStreamer",
  });
  const vod = new URL("https://kick.com/video/5e6f7a8b-0000-4000-8000-000000000000");
  assert.deepEqual(resolve(vod, document), {
    platform: "kick",
    handle: "labstreamer",
    label: "LabStreamer",
  });
});

test("substack fixture: the publication's name", () => {
  const { document, url, hints } = loadFixture("substack/post.html");
  assert.deepEqual(resolve(url, document, hints), {
    platform: "substack",
    handle: "labnotes",
    label: "Lab Notes",
  });
});
