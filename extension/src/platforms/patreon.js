// @ts-check
// Patreon. The canonical key is the creator's vanity name (patreon.com/<name>, also reached
// as /c/<name> and /cw/<name>). Checkout (/checkout/<name>) and the older join page
// (/join/<name>) are spend flows for that creator. A post (/posts/<slug>) names its creator
// only in the page's data, read while the document is still the one loaded for that post.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { isLanded, jsonScript, metaContent, resolveHref, textOf } from "./page_data.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

const VANITY = /^[a-z0-9_.-]{1,64}$/;
const CREATOR_PREFIXES = new Set(["c", "cw"]);
const SPEND_PREFIXES = new Set(["checkout", "join"]);

// First path segments that are Patreon's own pages, not creators.
export const RESERVED = new Set([
  "about",
  "api",
  "apps",
  "bepatron",
  "blog",
  "brand",
  "careers",
  "collection",
  "create",
  "dashboard",
  "edit",
  "explore",
  "home",
  "join",
  "legal",
  "library",
  "login",
  "logout",
  "messages",
  "notifications",
  "policy",
  "portal",
  "posts",
  "pricing",
  "privacy",
  "product",
  "search",
  "settings",
  "signup",
  "terms",
  "user",
]);

/**
 * @param {string | undefined} s
 * @returns {string | null}
 */
export function vanity(s) {
  const h = canonicalHandle(s);
  return h && VANITY.test(h) && !RESERVED.has(h) ? h : null;
}

/**
 * @param {URL} url
 * @returns {{handle: string, spend: boolean} | {post: string} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const first = seg[0].toLowerCase();
  if (SPEND_PREFIXES.has(first) || CREATOR_PREFIXES.has(first)) {
    const h = vanity(seg[1]);
    return h ? { handle: h, spend: SPEND_PREFIXES.has(first) } : null;
  }
  if (first === "posts") return seg.length >= 2 ? { post: seg[1] } : null;
  const h = vanity(seg[0]);
  return h ? { handle: h, spend: false } : null;
}

/** @param {URL} url */
function pageKey(url) {
  const page = parsePage(url);
  if (!page) return url.pathname;
  return "post" in page ? `post:${page.post}` : `creator:${page.handle}`;
}

/**
 * Campaigns in the page's embedded data (`__NEXT_DATA__`): JSON:API resources of type
 * "campaign" with `attributes.url` (https://www.patreon.com/<vanity>) and `attributes.name`.
 * @param {unknown} data
 * @returns {{handle: string, name?: string}[]}
 */
export function campaignsIn(data) {
  /** @type {{handle: string, name?: string}[]} */
  const out = [];
  /** @type {unknown[]} */
  const stack = [data];
  let budget = 200000; // embedded data can be large; stop walking long before it hurts
  while (stack.length > 0 && budget-- > 0) {
    const v = stack.pop();
    if (!v || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    const o = /** @type {Record<string, any>} */ (v);
    if (o.type === "campaign" && o.attributes && typeof o.attributes.url === "string") {
      const u = resolveHref(o.attributes.url, new URL("https://www.patreon.com/"));
      const page = u && /(^|\.)patreon\.com$/i.test(u.hostname) ? parsePage(u) : null;
      if (page && "handle" in page) {
        out.push({
          handle: page.handle,
          ...(o.attributes.name ? { name: String(o.attributes.name) } : {}),
        });
      }
    }
    stack.push(...Object.values(o));
  }
  return out;
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
  const landed = isLanded(url, hints, pageKey);
  const campaigns = landed ? campaignsIn(jsonScript(doc, "script#__NEXT_DATA__")) : [];
  if ("handle" in page) {
    const own = campaigns.find((c) => c.handle === page.handle);
    if (own) return result(page.handle, own.name);
    // Checkout pages title themselves ("Checkout | Patreon", "Join <name>"): no name there.
    if (page.spend) return { handle: page.handle };
    const title = landed ? metaContent(doc, "og:title") : null;
    return result(page.handle, title?.split(/\s+\|\s+/)[0] ?? textOf(doc, "main h1"));
  }
  // A post: its creator's campaign, when it is the only one the data mentions (a page
  // that also lists other creators is ambiguous, so it stays unattributed).
  const distinct = new Set(campaigns.map((c) => c.handle));
  if (distinct.size === 1) return result(campaigns[0].handle, campaigns[0].name);
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
  platform: "patreon",
  hosts: ["www.patreon.com", "patreon.com"],
  matches: ["https://www.patreon.com/*", "https://patreon.com/*"],

  /**
   * Creator pages (/<name>, /c/<name>, /cw/<name> and their tabs) and checkout carry the
   * vanity name; posts need the page.
   * @param {URL} url
   */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    return "handle" in page ? { handle: page.handle } : { needsPage: true };
  },

  fromDocument,

  /**
   * /checkout/<name> and /join/<name>.
   * @param {URL} url
   */
  spendFlow(url) {
    const page = parsePage(url);
    return page !== null && "spend" in page && page.spend;
  },
};
