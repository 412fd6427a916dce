// Ko-fi and Streamlabs tip pages: pay flows for a creator known only on those platforms.
import { test } from "node:test";
import assert from "node:assert/strict";
import kofi from "../../../extension/src/platforms/kofi.js";
import streamlabs from "../../../extension/src/platforms/streamlabs.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

test("ko-fi: a creator page is a pay flow for that Ko-fi name", () => {
  const cases = [
    ["https://ko-fi.com/labcreator", "labcreator"],
    ["https://ko-fi.com/LabCreator/", "labcreator"],
    ["https://ko-fi.com/labcreator/shop", "labcreator"],
    ["https://www.ko-fi.com/labcreator?ref=yt", "labcreator"],
    ["https://ko-fi.com/", null],
    ["https://ko-fi.com/explore", null],
    ["https://ko-fi.com/manage/settings", null],
    ["https://ko-fi.com/account/login", null],
    ["https://ko-fi.com/post/Bench-notes-A1B2C3", null],
    ["https://ko-fi.com/s/abc123", null],
    ["https://ko-fi.com/home/feed", null],
  ];
  for (const [href, want] of cases) {
    const url = new URL(href);
    assert.deepEqual(kofi.fromUrl(url), want ? { handle: want } : null, href);
    assert.equal(kofi.spendFlow(url), want !== null, href);
  }
  const { document, url } = loadFixture("kofi/page.html");
  assert.deepEqual(resolve(url, document), {
    platform: "ko-fi",
    handle: "labcreator",
    label: "LabCreator",
  });
});

test("streamlabs: only /<name>/tip is a creator's page, and a pay flow", () => {
  const cases = [
    ["https://streamlabs.com/labstreamer/tip", "labstreamer"],
    ["https://streamlabs.com/LabStreamer/tip/", "labstreamer"],
    ["https://www.streamlabs.com/labstreamer/tip?ref=twitch", "labstreamer"],
    ["https://streamlabs.com/", null],
    ["https://streamlabs.com/labstreamer", null],
    ["https://streamlabs.com/dashboard", null],
    ["https://streamlabs.com/dashboard/tip", null],
    ["https://streamlabs.com/content-hub/post/x", null],
  ];
  for (const [href, want] of cases) {
    const url = new URL(href);
    const expected = want ? { handle: want } : null;
    assert.deepEqual(streamlabs.fromUrl(url), expected, href);
    assert.equal(streamlabs.spendFlow(url), expected !== null, href);
  }
  const { document, url } = loadFixture("streamlabs/tip.html");
  assert.deepEqual(resolve(url, document), {
    platform: "streamlabs",
    handle: "labstreamer",
    label: "LabStreamer",
  });
});
