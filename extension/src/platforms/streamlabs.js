// @ts-check
// Streamlabs tip pages (streamlabs.com/<name>/tip): a donation flow to a streamer. The key
// is the Streamlabs name under platform "streamlabs"; the page gives no link to the
// streamer's Twitch or YouTube identity, so the mark cannot be joined to that channel.
// Every other Streamlabs page (dashboard, store, ...) is not a creator's.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { metaContent } from "./page_data.js";

const NAME = /^[a-z0-9_.-]{1,64}$/;

// First path segments that are Streamlabs' own pages, not streamers.
export const RESERVED = new Set([
  "about",
  "api",
  "content-hub",
  "dashboard",
  "desktop",
  "login",
  "logout",
  "pricing",
  "prime",
  "settings",
  "signup",
  "slobs",
  "ultra",
]);

/**
 * @param {URL} url
 * @returns {string | null}
 */
export function tipPageOf(url) {
  const seg = pathSegments(url);
  if (seg.length !== 2 || seg[1].toLowerCase() !== "tip") return null;
  const h = canonicalHandle(seg[0]);
  return h && NAME.test(h) && !RESERVED.has(h) ? h : null;
}

export default {
  platform: "streamlabs",
  hosts: ["streamlabs.com", "www.streamlabs.com"],
  matches: ["https://streamlabs.com/*", "https://www.streamlabs.com/*"],

  /** @param {URL} url */
  fromUrl(url) {
    const name = tipPageOf(url);
    return name ? { handle: name } : null;
  },

  /**
   * @param {Document} doc
   * @param {URL} url
   */
  fromDocument(doc, url) {
    const name = tipPageOf(url);
    if (!name) return null;
    // og:title: "Support <Name>" / "<Name> - Streamlabs": take the name part either way.
    const title = metaContent(doc, "og:title") ?? "";
    const label = cleanLabel(title.replace(/^Support\s+/i, "").split(/\s+[-|]\s+/)[0]);
    return { handle: name, ...(label ? { label } : {}) };
  },

  /** @param {URL} url */
  spendFlow(url) {
    return tipPageOf(url) !== null;
  },
};
