// @ts-check
// Instagram. The canonical key is the username (instagram.com/<username>/). Profiles,
// stories and the newer /<username>/p/<code>/ addresses carry it; a bare post or reel
// (/p/<code>/, /reel/<code>/) is attributed to its author through the page. The numeric
// user id only appears in data the page's scripts fetch, so it cannot be the key.
// Direct messages (/direct/) are time with people, not a creator: the background's
// connection sites classify them.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { attrOf, isLanded, metaContent, resolveHref } from "./page_data.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

const USERNAME = /^[a-z0-9._]{1,30}$/;
const POST_KINDS = new Set(["p", "reel", "reels", "tv"]);

// First path segments that are Instagram's own pages, not profiles.
export const RESERVED = new Set([
  "about",
  "accounts",
  "ads",
  "api",
  "ar",
  "archive",
  "auth_platform",
  "blog",
  "business",
  "challenge",
  "create",
  "developer",
  "direct",
  "directory",
  "download",
  "emails",
  "explore",
  "graphql",
  "help",
  "invites",
  "legal",
  "lite",
  "locations",
  "meta-verified",
  "nametag",
  "notifications",
  "oauth",
  "p",
  "press",
  "privacy",
  "qr",
  "reel",
  "reels",
  "session",
  "static",
  "stories",
  "terms",
  "topics",
  "tv",
  "web",
  "your_activity",
]);

/**
 * @param {string | undefined} s
 * @returns {string | null}
 */
export function username(s) {
  const h = canonicalHandle(s);
  return h && USERNAME.test(h) && !RESERVED.has(h) ? h : null;
}

/**
 * @param {URL} url
 * @returns {{handle: string, live: boolean} | {code: string} | {highlight: true} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const first = seg[0].toLowerCase();
  if (POST_KINDS.has(first)) return seg.length >= 2 ? { code: seg[1] } : null;
  if (first === "stories") {
    if (seg[1]?.toLowerCase() === "highlights") return seg.length >= 3 ? { highlight: true } : null;
    const h = username(seg[1]);
    return h ? { handle: h, live: false } : null;
  }
  const h = username(seg[0]);
  return h ? { handle: h, live: seg[1]?.toLowerCase() === "live" } : null;
}

/** @param {URL} url */
function pageKey(url) {
  const page = parsePage(url);
  if (!page) return url.pathname;
  if ("code" in page) return `post:${page.code}`;
  if ("handle" in page) return `user:${page.handle}`;
  return url.pathname;
}

// Where the author of an open post or reel is linked: the post's header, on its own page
// or in the dialog it opens in over a profile or the feed.
const AUTHOR_LINKS = [
  'div[role="dialog"] article header a[href]',
  'div[role="dialog"] header a[href]',
  "main article header a[href]",
  "main header a[href]",
  "article header a[href]",
].join(", ");

/**
 * @param {Document} doc
 * @param {URL} url
 * @param {PageHints} [hints]
 * @returns {{handle: string, label?: string} | null}
 */
function fromDocument(doc, url, hints) {
  const page = parsePage(url);
  if (!page) return null;
  const landed = isLanded(url, hints, pageKey);

  if ("handle" in page) {
    // og:title on a profile: "Full Name (@username) • Instagram photos and videos".
    const title = landed ? metaContent(doc, "og:title") : null;
    const m = title ? /^(.*?)\s*\(@([^)]+)\)/.exec(title) : null;
    if (m && username(m[2]) === page.handle) return result(page.handle, m[1]);
    return { handle: page.handle };
  }
  // The first link to a profile is the author's (avatar, then name: the name is the one
  // with text).
  /** @type {string | null} */
  let author = null;
  for (const a of doc.querySelectorAll(AUTHOR_LINKS)) {
    const u = resolveHref(a.getAttribute("href"), url);
    if (!u || !/(^|\.)instagram\.com$/i.test(u.hostname)) continue;
    const seg = pathSegments(u);
    const h = seg.length === 1 ? username(seg[0]) : null;
    if (!h || (author !== null && h !== author)) continue;
    author = h;
    const label = cleanLabel(a.textContent);
    if (label) return result(h, label);
  }
  if (author) return { handle: author };
  if (landed && "code" in page) {
    // og:description on a post: "12 likes, 3 comments - username on March 3, 2024: ...".
    const ogUrl = resolveHref(metaContent(doc, "og:url"), url);
    const samePost = ogUrl !== null && pageKey(ogUrl) === pageKey(url);
    const m = /\s-\s([A-Za-z0-9._]{1,30}) on /.exec(metaContent(doc, "og:description") ?? "");
    const h = samePost && m ? username(m[1]) : null;
    if (h)
      return result(
        h,
        attrOf(doc, 'meta[property="og:title"]', "content")?.split(" on Instagram")[0],
      );
  }
  return null;
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
  platform: "instagram",
  hosts: ["www.instagram.com", "instagram.com"],
  matches: ["https://www.instagram.com/*", "https://instagram.com/*"],

  /**
   * Profiles (and their tabs), /<username>/p|reel/<code>/, stories and live carry the
   * username; bare posts, reels and story highlights need the page.
   * @param {URL} url
   */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    return "handle" in page ? { handle: page.handle } : { needsPage: true };
  },

  fromDocument,

  /**
   * @param {Document} _doc
   * @param {URL} url
   */
  isLive(_doc, url) {
    const page = parsePage(url);
    return page !== null && "live" in page && page.live;
  },
};
