// A document being left (pagehide: unloading, or going into the back-forward cache) still
// fires visibilitychange "hidden" and media events. Found end to end in Chromium: sent to
// the background, they landed on the tab as it loaded the next page (whose URL the tab may
// already carry), so the tab looked hidden and its next page went uncounted until that
// page's own content script spoke, or for good on a page without one (WhatsApp Web).

import { test } from "node:test";
import assert from "node:assert/strict";
import { createReporter } from "../../../extension/src/content/reporter.js";
import { loadFixture } from "../platforms/fixture_page.mjs";

function reporterOn(/** @type {string} */ fixture) {
  const page = loadFixture(fixture);
  const env = { media: { playing: true, video: true }, visible: true };
  /** @type {any[]} */
  const sent = [];
  const reporter = createReporter({
    doc: page.document,
    getHref: () => page.url.href,
    now: () => 1_700_000_000_000,
    landedUrl: page.url,
    send: (m) => sent.push(m),
    schedule: () => {},
    readMedia: () => env.media,
    isVisible: () => env.visible,
    listen: () => {},
  });
  return { reporter, env, states: () => sent.filter((m) => m.kind === "page-state") };
}

test("after pagehide, the dying document's hidden and media reports are not sent", () => {
  const h = reporterOn("twitch/channel.html");
  h.reporter.report();
  assert.equal(h.states().length, 1);
  h.reporter.onPageHide();
  h.env.visible = false; // visibilitychange follows pagehide (HTML "unload a document")
  h.reporter.report();
  h.env.media = { playing: false, video: false }; // the player torn down
  h.reporter.report();
  h.reporter.tick();
  assert.equal(h.states().length, 1, "nothing after pagehide");
});

test("shown again from the back-forward cache, it reports at once, even if unchanged", () => {
  const h = reporterOn("twitch/channel.html");
  h.reporter.report();
  h.reporter.onPageHide();
  h.env.visible = false;
  h.reporter.report();
  h.env.visible = true;
  h.reporter.onPageShow();
  h.reporter.report();
  const states = h.states();
  assert.equal(states.length, 2, "the tab came back to this page: the background must hear it");
  assert.equal(states[1].visible, true);
  assert.equal(states[1].page.handle, "labstreamer");
});

test("a first pageshow (normal load) changes nothing", () => {
  const h = reporterOn("twitch/channel.html");
  h.reporter.report();
  h.reporter.onPageShow();
  h.reporter.report();
  assert.equal(h.states().length, 1, "an unchanged state is still sent once");
});
