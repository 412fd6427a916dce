// @ts-check
// X (x.com, and twitter.com which redirects there). The canonical key is the screen name
// (x.com/<name>), which profiles and posts (/<name>/status/<id>) carry. Screen names are
// case-insensitive, so they are lowercased. Direct messages (/messages) are time with
// people: the background's connection sites classify them.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { isLanded, metaContent } from "./page_data.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

const SCREEN_NAME = /^[a-z0-9_]{1,15}$/;

// First path segments that are X's own pages, not accounts.
export const RESERVED = new Set([
  "404",
  "about",
  "account",
  "bookmarks",
  "communities",
  "compose",
  "connect_people",
  "display",
  "download",
  "explore",
  "flow",
  "hashtag",
  "help",
  "home",
  "i",
  "intent",
  "jobs",
  "keyboard_shortcuts",
  "lists",
  "login",
  "logout",
  "messages",
  "notifications",
  "oauth",
  "premium",
  "privacy",
  "rules",
  "search",
  "settings",
  "share",
  "signup",
  "tos",
  "topics",
  "verified-choose",
  "who_to_follow",
]);

/**
 * @param {URL} url
 * @returns {{handle: string, status?: string} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const handle = canonicalHandle(seg[0]);
  if (!handle || !SCREEN_NAME.test(handle) || RESERVED.has(handle)) return null;
  const status =
    seg[1]?.toLowerCase() === "status" && /^\d+$/.test(seg[2] ?? "") ? seg[2] : undefined;
  return { handle, ...(status ? { status } : {}) };
}

/** @param {URL} url */
function pageKey(url) {
  const page = parsePage(url);
  return page ? `${page.handle}/${page.status ?? ""}` : url.pathname;
}

/**
 * The display name beside the "@name" in a user block (profile header `UserName`, post
 * author `User-Name`), if that block is this account's.
 * @param {Element} block
 * @param {string} handle
 * @returns {string | null | undefined} undefined: the block is another account's
 */
function nameInBlock(block, handle) {
  const texts = [...block.querySelectorAll("span")]
    .map((s) => (s.textContent ?? "").trim())
    .filter((t) => t.length > 0);
  if (!texts.some((t) => t.startsWith("@") && canonicalHandle(t) === handle)) return undefined;
  return texts.find((t) => !t.startsWith("@") && t !== "·") ?? null;
}

/**
 * @param {Document} doc
 * @param {URL} url
 * @param {PageHints} [hints]
 * @returns {{handle: string, label?: string} | null}
 */
function fromDocument(doc, url, hints) {
  const page = parsePage(url);
  if (!page) return null;
  // The focal post of a thread is the article X renders with tabindex="-1".
  const blocks = page.status
    ? [
        ...doc.querySelectorAll(
          'article[data-testid="tweet"][tabindex="-1"] [data-testid="User-Name"]',
        ),
        ...doc.querySelectorAll('[data-testid="User-Name"]'),
      ]
    : [...doc.querySelectorAll('[data-testid="UserName"]')];
  for (const block of blocks) {
    const name = nameInBlock(block, page.handle);
    if (name !== undefined) return result(page.handle, name);
  }
  if (isLanded(url, hints, pageKey)) {
    // og:title on a profile: "Display Name (@name) / X".
    const m = /^(.*?)\s*\(@([A-Za-z0-9_]{1,15})\)/.exec(metaContent(doc, "og:title") ?? "");
    if (m && canonicalHandle(m[2]) === page.handle) return result(page.handle, m[1]);
  }
  return { handle: page.handle };
}

/**
 * @param {string} handle
 * @param {unknown} label
 */
function result(handle, label) {
  const l = cleanLabel(label);
  return { handle, ...(l ? { label: l } : {}) };
}

export default {
  platform: "x",
  hosts: [
    "x.com",
    "www.x.com",
    "mobile.x.com",
    "twitter.com",
    "www.twitter.com",
    "mobile.twitter.com",
  ],
  matches: [
    "https://x.com/*",
    "https://www.x.com/*",
    "https://mobile.x.com/*",
    "https://twitter.com/*",
    "https://www.twitter.com/*",
    "https://mobile.twitter.com/*",
  ],

  /**
   * Profiles (and their tabs) and posts carry the screen name.
   * @param {URL} url
   */
  fromUrl(url) {
    const page = parsePage(url);
    return page ? { handle: page.handle } : null;
  },

  fromDocument,
};
