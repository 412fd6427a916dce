// @ts-check
// Reddit. Only user pages count as a creator's (/user/<name>, /u/<name>, on www., old.,
// new., sh. and m.reddit.com); the key is the username, lowercased (Reddit usernames are
// case-insensitive). Subreddits are communities, and a post page belongs to a thread more
// than to its poster, so neither is attributed.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { textOf } from "./page_data.js";

const USERNAME = /^[a-z0-9_-]{3,20}$/;

/**
 * @param {URL} url
 * @returns {string | null}
 */
export function userOf(url) {
  const seg = pathSegments(url);
  const first = seg[0]?.toLowerCase();
  if ((first !== "user" && first !== "u") || seg.length < 2) return null;
  const h = canonicalHandle(seg[1]);
  return h && USERNAME.test(h) ? h : null;
}

export default {
  platform: "reddit",
  hosts: [
    "www.reddit.com",
    "reddit.com",
    "old.reddit.com",
    "new.reddit.com",
    "sh.reddit.com",
    "m.reddit.com",
  ],
  matches: [
    "https://www.reddit.com/*",
    "https://reddit.com/*",
    "https://old.reddit.com/*",
    "https://new.reddit.com/*",
    "https://sh.reddit.com/*",
    "https://m.reddit.com/*",
  ],

  /** @param {URL} url */
  fromUrl(url) {
    const user = userOf(url);
    return user ? { handle: user } : null;
  },

  /**
   * The profile's display name: the header's h1 (new Reddit shows the display name there,
   * old Reddit the username in the side box).
   * @param {Document} doc
   * @param {URL} url
   */
  fromDocument(doc, url) {
    const user = userOf(url);
    if (!user) return null;
    const label = cleanLabel(textOf(doc, "main h1, .titlebox h1, h1"));
    return { handle: user, ...(label ? { label } : {}) };
  },
};
