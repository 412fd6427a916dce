// @ts-check
// Kick. The canonical key is the channel slug (kick.com/<slug>), which channel pages, their
// VODs (/<slug>/videos/<id>) and clips (/<slug>/clips/<id>) carry. A bare VOD address
// (/video/<id>) is attributed through the page's channel link.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { resolveHref, textOf } from "./page_data.js";

const SLUG = /^[a-z0-9_-]{2,25}$/;

// First path segments that are Kick's own pages, not channels.
export const RESERVED = new Set([
  "about",
  "affiliate",
  "api",
  "auth",
  "browse",
  "careers",
  "categories",
  "category",
  "community-guidelines",
  "contact",
  "cookie-policy",
  "copyright-policy",
  "dashboard",
  "dmca-policy",
  "drops",
  "faq",
  "following",
  "legal",
  "login",
  "messages",
  "notifications",
  "popout",
  "privacy-policy",
  "search",
  "settings",
  "signup",
  "subscriptions",
  "terms-of-service",
  "transactions",
  "video",
  "wallet",
]);

/**
 * @param {string | undefined} s
 * @returns {string | null}
 */
export function slug(s) {
  const h = canonicalHandle(s);
  return h && SLUG.test(h) && !RESERVED.has(h) ? h : null;
}

/**
 * @param {URL} url
 * @returns {{handle: string} | {vod: true} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const first = seg[0].toLowerCase();
  if (first === "video") return seg.length >= 2 ? { vod: true } : null;
  if (first === "popout") {
    const h = slug(seg[1]);
    return h ? { handle: h } : null;
  }
  const h = slug(seg[0]);
  return h ? { handle: h } : null;
}

export default {
  platform: "kick",
  hosts: ["kick.com", "www.kick.com"],
  matches: ["https://kick.com/*", "https://www.kick.com/*"],

  /** @param {URL} url */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    return "handle" in page ? { handle: page.handle } : { needsPage: true };
  },

  /**
   * The channel's name as shown (`#channel-username`), or for a bare VOD the first link
   * to a channel in the main column.
   * @param {Document} doc
   * @param {URL} url
   */
  fromDocument(doc, url) {
    const page = parsePage(url);
    if (!page) return null;
    if ("handle" in page) {
      const label = cleanLabel(textOf(doc, "#channel-username"));
      return { handle: page.handle, ...(label ? { label } : {}) };
    }
    for (const a of doc.querySelectorAll("main a[href]")) {
      const u = resolveHref(a.getAttribute("href"), url);
      if (!u || !/^(www\.)?kick\.com$/i.test(u.hostname)) continue;
      const seg = pathSegments(u);
      const h = seg.length === 1 ? slug(seg[0]) : null;
      const label = cleanLabel(a.textContent);
      if (h) return { handle: h, ...(label ? { label } : {}) };
    }
    return null;
  },
};
