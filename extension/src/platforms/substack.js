// @ts-check
// Substack. The canonical key is the publication's subdomain (<name>.substack.com); every
// page of a publication (home, posts, archive, about) is time with that creator, and so is
// a post opened through open.substack.com/pub/<name>/... Publications on their own domains
// are out of scope: a content script can't run on every domain, and such a domain says
// nothing about being Substack until the page is read.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { attrOf, metaContent } from "./page_data.js";

const SUBDOMAIN = /^[a-z0-9-]{1,63}$/;

// Subdomains that are Substack's own services, not publications.
export const RESERVED = new Set([
  "api",
  "cdn",
  "email",
  "help",
  "news",
  "on",
  "open",
  "reader",
  "status",
  "substackcdn",
  "support",
  "www",
]);

/**
 * @param {URL} url
 * @returns {string | null} the publication's name
 */
export function publication(url) {
  const host = url.hostname.toLowerCase();
  if (!host.endsWith(".substack.com")) return null;
  const sub = host.slice(0, -".substack.com".length);
  if (sub === "open") {
    const seg = pathSegments(url);
    const name = seg[0]?.toLowerCase() === "pub" ? canonicalHandle(seg[1]) : null;
    return name && SUBDOMAIN.test(name) && !RESERVED.has(name) ? name : null;
  }
  return SUBDOMAIN.test(sub) && !RESERVED.has(sub) ? sub : null;
}

export default {
  platform: "substack",
  hosts: [],
  hostSuffixes: [".substack.com"],
  matches: ["https://*.substack.com/*"],

  /** @param {URL} url */
  fromUrl(url) {
    const name = publication(url);
    return name ? { handle: name } : null;
  },

  /**
   * The publication's name: og:site_name, else the title of its RSS feed link. Both stay
   * right across in-page navigation, which never leaves the publication.
   * @param {Document} doc
   * @param {URL} url
   */
  fromDocument(doc, url) {
    const name = publication(url);
    if (!name) return null;
    const label = cleanLabel(
      metaContent(doc, "og:site_name") ??
        attrOf(doc, 'link[rel="alternate"][type="application/rss+xml"]', "title"),
    );
    return { handle: name, ...(label ? { label } : {}) };
  },
};
