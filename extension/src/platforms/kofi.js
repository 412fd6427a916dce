// @ts-check
// Ko-fi, a tip page: ko-fi.com/<name> is the creator's page, and visiting it is entering a
// pay flow for them. Its key is the Ko-fi name, under platform "ko-fi": nothing on the
// page ties it to the same person's YouTube or Twitch channel, so it stays a creator of
// its own (the user can see both in reports; linking them is not attempted).

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { metaContent } from "./page_data.js";

const NAME = /^[a-z0-9_-]{1,64}$/;

// First path segments that are Ko-fi's own pages, not creators.
export const RESERVED = new Set([
  "about",
  "account",
  "album",
  "api",
  "blog",
  "c",
  "create",
  "discover",
  "explore",
  "feed",
  "gold",
  "help",
  "home",
  "i",
  "img",
  "legal",
  "login",
  "manage",
  "post",
  "pricing",
  "privacy",
  "s",
  "search",
  "settings",
  "shop",
  "signup",
  "static",
  "streamalerts",
  "summary",
  "support",
  "terms",
]);

/**
 * @param {URL} url
 * @returns {string | null}
 */
export function creatorOf(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const h = canonicalHandle(seg[0]);
  return h && NAME.test(h) && !RESERVED.has(h) ? h : null;
}

export default {
  platform: "ko-fi",
  hosts: ["ko-fi.com", "www.ko-fi.com"],
  matches: ["https://ko-fi.com/*", "https://www.ko-fi.com/*"],

  /** @param {URL} url */
  fromUrl(url) {
    const name = creatorOf(url);
    return name ? { handle: name } : null;
  },

  /**
   * @param {Document} doc
   * @param {URL} url
   */
  fromDocument(doc, url) {
    const name = creatorOf(url);
    if (!name) return null;
    // og:title: "Buy <Name> a Coffee. ko-fi.com/<name> - Ko-fi ❤️ Where creators get support..."
    const m = /^Buy (.+?) a Coffee\b/.exec(metaContent(doc, "og:title") ?? "");
    const label = cleanLabel(m?.[1]);
    return { handle: name, ...(label ? { label } : {}) };
  },

  /**
   * Every creator page on Ko-fi is a page to pay them from.
   * @param {URL} url
   */
  spendFlow(url) {
    return creatorOf(url) !== null;
  },
};
