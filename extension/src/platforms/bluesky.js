// @ts-check
// Bluesky (bsky.app). The canonical key is the handle (alice.bsky.social, or a domain such
// as alice.com), lowercased: it is what bsky.app addresses use and what the page shows.
// A DID (did:plc:...) is more stable, since handles can move to a custom domain, but the
// web app's markup never shows it for the profile being viewed, so a key taken from it
// would disagree with the one taken from the handle address of the same person. An address
// by DID (/profile/did:plc:...) is resolved to the handle through the page.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { isLanded, metaContent, textOf } from "./page_data.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

// A domain name (at least two labels); handles are domains.
const HANDLE = /^(?=.{3,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * @param {string | undefined} s
 * @returns {string | null}
 */
export function blueskyHandle(s) {
  const h = canonicalHandle(s);
  return h && HANDLE.test(h) && !h.endsWith(".invalid") ? h : null;
}

/**
 * @param {URL} url
 * @returns {{handle: string} | {did: string} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg[0]?.toLowerCase() !== "profile" || seg.length < 2) return null;
  if (/^did:[a-z]+:[A-Za-z0-9._:%-]+$/.test(seg[1])) return { did: seg[1] };
  const h = blueskyHandle(seg[1]);
  return h ? { handle: h } : null;
}

/** @param {URL} url */
function pageKey(url) {
  const page = parsePage(url);
  if (!page) return url.pathname;
  return "did" in page ? `did:${page.did}` : `handle:${page.handle}`;
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
  // Profile header (rendered DOM): testIDs profileHeaderHandle / profileHeaderDisplayName.
  const shown = blueskyHandle(textOf(doc, '[data-testid="profileHeaderHandle"]') ?? undefined);
  const name = textOf(doc, '[data-testid="profileHeaderDisplayName"]');
  if (shown && ("did" in page || shown === page.handle)) return result(shown, name);
  if (isLanded(url, hints, pageKey)) {
    // The server's preview tags: og:title "Display Name (@handle)".
    const m = /^(.*?)\s*\(@([^)\s]+)\)\s*$/.exec(metaContent(doc, "og:title") ?? "");
    const h = m ? blueskyHandle(m[2]) : null;
    if (h && ("did" in page || h === page.handle)) return result(h, m?.[1]);
  }
  return "handle" in page ? { handle: page.handle } : null;
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
  platform: "bluesky",
  hosts: ["bsky.app"],
  matches: ["https://bsky.app/*"],

  /**
   * /profile/<handle> and everything under it (posts, feeds, lists); a DID address needs
   * the page.
   * @param {URL} url
   */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    return "handle" in page ? { handle: page.handle } : { needsPage: true };
  },

  fromDocument,
};
