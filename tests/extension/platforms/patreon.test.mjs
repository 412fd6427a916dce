import { test } from "node:test";
import assert from "node:assert/strict";
import patreon, { campaignsIn } from "../../../extension/src/platforms/patreon.js";
import { resolve } from "../../../extension/src/platforms/registry.js";
import { loadFixture } from "./fixture_page.mjs";

const NEEDS_PAGE = { needsPage: true };

test("fromUrl: creator pages and checkout carry the vanity name; posts need the page", () => {
  const cases = [
    ["https://www.patreon.com/labcreator", { handle: "labcreator" }],
    ["https://www.patreon.com/LabCreator/", { handle: "labcreator" }],
    ["https://www.patreon.com/labcreator/posts?filters[tag]=bench", { handle: "labcreator" }],
    ["https://www.patreon.com/labcreator/membership", { handle: "labcreator" }],
    ["https://www.patreon.com/c/LabCreator", { handle: "labcreator" }],
    ["https://www.patreon.com/cw/LabCreator/about", { handle: "labcreator" }],
    ["https://patreon.com/checkout/LabCreator?rid=10234567", { handle: "labcreator" }],
    ["https://www.patreon.com/join/labcreator/checkout?rid=1", { handle: "labcreator" }],
    ["https://www.patreon.com/posts/new-bench-build-98765432", NEEDS_PAGE],
    ["https://www.patreon.com/", null],
    ["https://www.patreon.com/home", null],
    ["https://www.patreon.com/login", null],
    ["https://www.patreon.com/settings/basics", null],
    ["https://www.patreon.com/messages", null],
    ["https://www.patreon.com/notifications", null],
    ["https://www.patreon.com/explore", null],
    ["https://www.patreon.com/search?q=lab", null],
    ["https://www.patreon.com/user?u=555", null],
    ["https://www.patreon.com/checkout", null],
    ["https://www.patreon.com/c/", null],
  ];
  for (const [href, want] of cases) assert.deepEqual(patreon.fromUrl(new URL(href)), want, href);
});

test("fixtures: creator page, checkout and post", () => {
  const cases = [
    ["patreon/creator.html", { platform: "patreon", handle: "labcreator", label: "LabCreator" }],
    ["patreon/checkout.html", { platform: "patreon", handle: "labcreator" }],
    ["patreon/post.html", { platform: "patreon", handle: "labcreator", label: "LabCreator" }],
  ];
  for (const [name, want] of cases) {
    const { document, url, hints } = loadFixture(name);
    assert.deepEqual(resolve(url, document, hints), want, name);
  }
});

test("a post whose data names several campaigns, or a stale document, stays unknown", () => {
  assert.deepEqual(
    campaignsIn({
      included: [{ type: "campaign", attributes: { url: "https://www.patreon.com/a", name: "A" } }],
    }),
    [{ handle: "a", name: "A" }],
  );
  const { document, url } = loadFixture("patreon/post.html");
  const script = document.querySelector("#__NEXT_DATA__");
  const data = JSON.parse(script.textContent);
  data.props.pageProps.bootstrapEnvelope.pageBootstrap.post.included.push({
    type: "campaign",
    attributes: { name: "Other", url: "https://www.patreon.com/other" },
  });
  script.textContent = JSON.stringify(data);
  assert.equal(patreon.fromDocument(document, url), null);
  const fresh = loadFixture("patreon/post.html");
  const next = new URL("https://www.patreon.com/posts/another-post-1");
  assert.equal(patreon.fromDocument(fresh.document, next, { landedUrl: fresh.url }), null);
});

test("spendFlow: checkout and join pages", () => {
  const cases = [
    ["https://www.patreon.com/checkout/labcreator?rid=1", true],
    ["https://www.patreon.com/join/labcreator", true],
    ["https://www.patreon.com/labcreator", false],
    ["https://www.patreon.com/labcreator/membership", false],
    ["https://www.patreon.com/posts/x-1", false],
  ];
  for (const [href, want] of cases) assert.equal(patreon.spendFlow(new URL(href)), want, href);
});
