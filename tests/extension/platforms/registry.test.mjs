import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  adapterFor,
  adapters,
  contentScriptMatches,
  hostPermissions,
  mainWorldScripts,
  resolve,
} from "../../../extension/src/platforms/registry.js";
import { documentOf, loadFixture } from "./fixture_page.mjs";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));

test("every adapter follows the interface", () => {
  const platforms = new Set();
  for (const a of adapters) {
    assert.match(a.platform, /^[a-z0-9.-]{1,32}$/, "platform per PROTOCOL.md");
    assert.ok(!platforms.has(a.platform), `${a.platform} registered once`);
    platforms.add(a.platform);
    assert.equal(typeof a.fromUrl, "function", a.platform);
    assert.equal(typeof a.fromDocument, "function", a.platform);
    assert.ok(a.hosts.length > 0 || (a.hostSuffixes ?? []).length > 0, a.platform);
    for (const p of a.matches) assert.match(p, /^https:\/\/(\*\.)?[a-z0-9.-]+\/\*$/, p);
    for (const h of a.hosts) {
      assert.ok(a.matches.includes(`https://${h}/*`), `${a.platform}: ${h} has a match pattern`);
    }
    for (const name of ["isLive", "spendFlow", "chatInput", "chatSendButton"]) {
      assert.ok(a[name] === undefined || typeof a[name] === "function", `${a.platform}.${name}`);
    }
  }
  assert.deepEqual([...platforms].sort(), [
    "bluesky",
    "instagram",
    "kick",
    "ko-fi",
    "patreon",
    "reddit",
    "streamlabs",
    "substack",
    "tiktok",
    "twitch",
    "x",
    "youtube",
  ]);
});

test("no host belongs to two adapters", () => {
  const seen = new Map();
  for (const a of adapters) {
    for (const h of a.hosts) {
      assert.ok(!seen.has(h), `${h}: ${seen.get(h)} and ${a.platform}`);
      seen.set(h, a.platform);
    }
  }
});

test("adapterFor: exact hosts, wildcard subdomains, nothing else", () => {
  const cases = [
    ["https://www.youtube.com/watch?v=x", "youtube"],
    ["https://WWW.YOUTUBE.COM/", "youtube"],
    ["https://www.youtube.com./", "youtube"],
    ["https://labnotes.substack.com/p/x", "substack"],
    ["https://twitter.com/x", "x"],
    ["https://music.youtube.com/", null],
    ["https://www.youtube-nocookie.com/embed/x", null],
    ["https://evil-youtube.com/", null],
    ["https://youtube.com.evil.test/", null],
    ["https://substack.com/home", null],
    ["https://web.whatsapp.com/", null],
    ["file:///home/user/youtube.html", null],
    ["chrome://extensions", null],
    ["not a url", null],
  ];
  for (const [href, want] of cases) assert.equal(adapterFor(href)?.platform ?? null, want, href);
});

test("resolve without a document: the URL's creator, needsPage, or null", () => {
  const cases = [
    ["https://www.twitch.tv/LabStreamer", { platform: "twitch", handle: "labstreamer" }],
    [
      "https://www.youtube.com/channel/UCx7pPNw2Ip1C_dTfc1Oy3hA",
      { platform: "youtube", handle: "UCx7pPNw2Ip1C_dTfc1Oy3hA" },
    ],
    ["https://www.youtube.com/@labcreator", { needsPage: true }],
    ["https://www.youtube.com/watch?v=Qm3aL8yT2cE", { needsPage: true }],
    ["https://www.twitch.tv/directory", null],
    ["https://web.whatsapp.com/", null],
    ["https://example.com/@labcreator", null],
  ];
  for (const [href, want] of cases) {
    assert.deepEqual(resolve(href), want, href);
    assert.deepEqual(resolve(new URL(href)), want, `${href} as URL`);
  }
});

test("resolve with a document: the URL's creator wins; the page's label only when it agrees", () => {
  // A creator address with a page that names the same creator: label from the page.
  const twitch = loadFixture("twitch/channel.html");
  assert.deepEqual(resolve(twitch.url, twitch.document), {
    platform: "twitch",
    handle: "labstreamer",
    label: "LabStreamer",
  });
  // A page that needs reading and has nothing readable: still needsPage.
  assert.deepEqual(resolve("https://www.twitch.tv/videos/1", documentOf("<main></main>")), {
    needsPage: true,
  });
  // Not a creator page: the document changes nothing.
  assert.equal(resolve("https://www.twitch.tv/directory", twitch.document), null);
});

test("fixtures: every saved page resolves to its creator", () => {
  const cases = [
    ["youtube/channel_handle.html", "youtube", "UCx7pPNw2Ip1C_dTfc1Oy3hA", "LabCreator"],
    ["youtube/watch.html", "youtube", "UCx7pPNw2Ip1C_dTfc1Oy3hA", "LabCreator"],
    ["twitch/vod.html", "twitch", "labstreamer", "LabStreamer"],
    ["tiktok/video.html", "tiktok", "lab.creator", "Lab Creator"],
    ["instagram/post.html", "instagram", "lab.creator", "lab.creator"],
    ["x/status.html", "x", "labcreator", "Lab Creator"],
    ["patreon/post.html", "patreon", "labcreator", "LabCreator"],
    ["substack/post.html", "substack", "labnotes", "Lab Notes"],
    ["bluesky/profile_did.html", "bluesky", "labcreator.bsky.social", "Lab Creator"],
    ["reddit/user.html", "reddit", "lab_creator", "Lab Creator"],
    ["kick/channel.html", "kick", "labstreamer", "LabStreamer"],
    ["kofi/page.html", "ko-fi", "labcreator", "LabCreator"],
    ["streamlabs/tip.html", "streamlabs", "labstreamer", "LabStreamer"],
  ];
  for (const [name, platform, handle, label] of cases) {
    const { document, url, hints } = loadFixture(name);
    const r = resolve(url, document, hints);
    assert.ok(r && "handle" in r, name);
    assert.deepEqual([r.platform, r.handle, r.label], [platform, handle, label], name);
  }
});

test("contentScriptMatches and hostPermissions cover every adapter's hosts", () => {
  const matches = contentScriptMatches();
  assert.deepEqual(matches, [...matches].sort(), "sorted");
  assert.equal(new Set(matches).size, matches.length, "no duplicates");
  for (const a of adapters) for (const m of a.matches) assert.ok(matches.includes(m), m);
  assert.ok(matches.includes("https://*.substack.com/*"));
  assert.deepEqual(hostPermissions(), matches);
});

test("mainWorldScripts names a file that exists, for YouTube's pages", () => {
  const [bridge] = mainWorldScripts();
  assert.ok(existsSync(REPO + bridge.entry), bridge.entry);
  assert.ok(bridge.matches.includes("https://www.youtube.com/*"));
  assert.equal(bridge.runAt, "document_start");
});
