import { test } from "node:test";
import assert from "node:assert/strict";
import x from "../../../extension/src/platforms/x.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

test("fromUrl: profiles and posts, on x.com and twitter.com; X's own pages are not creators", () => {
  const cases = [
    ["https://x.com/LabCreator", { handle: "labcreator" }],
    ["https://x.com/labcreator/", { handle: "labcreator" }],
    ["https://x.com/LabCreator/status/1765432109876543210", { handle: "labcreator" }],
    ["https://x.com/LabCreator/status/1765432109876543210/photo/1", { handle: "labcreator" }],
    ["https://x.com/LabCreator/with_replies", { handle: "labcreator" }],
    ["https://x.com/LabCreator/media?lang=en", { handle: "labcreator" }],
    ["https://twitter.com/LabCreator", { handle: "labcreator" }],
    ["https://mobile.twitter.com/LabCreator/status/1", { handle: "labcreator" }],
    ["https://www.x.com/lab_creator_2", { handle: "lab_creator_2" }],
    ["https://x.com/", null],
    ["https://x.com/home", null],
    ["https://x.com/explore", null],
    ["https://x.com/explore/tabs/for-you", null],
    ["https://x.com/notifications", null],
    ["https://x.com/messages", null],
    ["https://x.com/messages/123-456", null],
    ["https://x.com/i/bookmarks", null],
    ["https://x.com/i/lists/123", null],
    ["https://x.com/settings/account", null],
    ["https://x.com/search?q=lab", null],
    ["https://x.com/compose/post", null],
    ["https://x.com/Home", null],
    ["https://x.com/this_name_is_far_too_long", null],
    ["https://x.com/has-dash", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(x.fromUrl(new URL(href)), want, href);
});

test("fixtures: profile and the focal post of a thread give the account and its name", () => {
  for (const name of ["x/profile.html", "x/status.html"]) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(
      resolve(url, document, hints),
      { platform: "x", handle: "labcreator", label: "Lab Creator" },
      name,
    );
  }
});

test("another account's name is never taken", () => {
  const { document } = loadFixture("x/status.html");
  // The parent post's author is on the page, but the URL names a third account.
  const url = new URL("https://x.com/someone/status/1");
  assert.deepEqual(resolve(url, document), { platform: "x", handle: "someone" });
});
