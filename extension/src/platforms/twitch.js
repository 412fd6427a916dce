// @ts-check
// Twitch. The canonical key is the channel's login (the lowercase name in twitch.tv/<login>):
// every channel page, VOD and clip of a channel leads to it, and it is what the URL carries.
// (The numeric user id survives renames but appears only in data fetched by the page's own
// scripts, never in its markup.)

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { isShown, resolveHref } from "./page_data.js";

const LOGIN = /^[a-z0-9_]{2,25}$/;

// First path segments that are Twitch's own pages, not channels.
export const RESERVED = new Set([
  "activate",
  "annual-recap",
  "bits",
  "bits-checkout",
  "broadcast",
  "checkout",
  "clips",
  "collections",
  "creatorcamp",
  "dashboard",
  "directory",
  "downloads",
  "drops",
  "embed",
  "event",
  "friends",
  "inventory",
  "jobs",
  "legal",
  "login",
  "logout",
  "manager",
  "messages",
  "moderator",
  "p",
  "partners",
  "passport-callback",
  "payments",
  "popout",
  "prime",
  "privacy",
  "products",
  "redeem",
  "search",
  "security",
  "settings",
  "signup",
  "store",
  "subs",
  "subscriptions",
  "team",
  "turbo",
  "u",
  "user",
  "videos",
  "wallet",
]);

/**
 * A login, if `s` can be one.
 * @param {string | undefined} s
 * @returns {string | null}
 */
export function login(s) {
  const h = canonicalHandle(s);
  return h && LOGIN.test(h) ? h : null;
}

/**
 * What a Twitch URL shows.
 * @param {URL} url
 * @returns {{login: string, kind: "channel" | "chat" | "subs"} | {kind: "vod" | "clip"} | null}
 */
export function parsePage(url) {
  const host = url.hostname.toLowerCase();
  const seg = pathSegments(url);
  if (host === "clips.twitch.tv") {
    if (seg.length !== 1 || seg[0].toLowerCase() === "embed") return null;
    return { kind: "clip" };
  }
  if (seg.length === 0) return null;
  const first = seg[0].toLowerCase();
  if (first === "videos") return seg.length >= 2 && /^\d+$/.test(seg[1]) ? { kind: "vod" } : null;
  if (first === "subs") {
    const l = login(seg[1]);
    return l ? { login: l, kind: "subs" } : null;
  }
  // Chat on its own page (popout, mod view, embeds) is the channel's chat.
  if (first === "popout" || first === "moderator" || first === "embed") {
    const l = login(seg[1]);
    return l ? { login: l, kind: "chat" } : null;
  }
  if (RESERVED.has(first)) return null;
  const l = login(seg[0]);
  return l ? { login: l, kind: "channel" } : null;
}

/**
 * The channel shown by the page: the channel-info link holding the channel's name (channel
 * pages, VODs), else the first link to a channel in the main column (clips).
 * @param {Document} doc
 * @param {URL} url
 * @returns {{handle: string, label?: string} | null}
 */
function fromDocument(doc, url) {
  for (const a of doc.querySelectorAll(".channel-info-content a[href]")) {
    const l = channelLink(a.getAttribute("href"), url);
    const name = a.querySelector("h1, h2");
    if (l && name) return withLabel(l, name.textContent);
  }
  for (const a of doc.querySelectorAll("main a[href]")) {
    const l = channelLink(a.getAttribute("href"), url);
    if (l) return withLabel(l, a.textContent);
  }
  return null;
}

/**
 * @param {string | null} href
 * @param {URL} base
 */
function channelLink(href, base) {
  const u = resolveHref(href, base);
  if (!u || !/^(www\.|m\.)?twitch\.tv$/i.test(u.hostname)) return null;
  const page = parsePage(u);
  return page && "login" in page && page.kind === "channel" && pathSegments(u).length === 1
    ? page.login
    : null;
}

/**
 * @param {string} handle
 * @param {string | null} text
 */
function withLabel(handle, text) {
  const label = cleanLabel(text);
  return { handle, ...(label ? { label } : {}) };
}

export default {
  platform: "twitch",
  hosts: ["www.twitch.tv", "twitch.tv", "m.twitch.tv", "clips.twitch.tv"],
  matches: [
    "https://www.twitch.tv/*",
    "https://twitch.tv/*",
    "https://m.twitch.tv/*",
    "https://clips.twitch.tv/*",
  ],

  /**
   * Channel pages (and their tabs, clips under /<login>/clip/...), popout and mod-view chat,
   * and the sub checkout carry the login; VODs and clips.twitch.tv need the page.
   * @param {URL} url
   * @returns {{handle: string} | {needsPage: true} | null}
   */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    return "login" in page ? { handle: page.login } : { needsPage: true };
  },

  fromDocument,

  /**
   * A channel page streaming now: its live status indicator or live viewer count.
   * @param {Document} doc
   * @param {URL} url
   */
  isLive(doc, url) {
    const page = parsePage(url);
    if (!page || page.kind !== "channel" || pathSegments(url).length !== 1) return false;
    return (
      doc.querySelector(
        ".channel-info-content .tw-channel-status-text-indicator, " +
          '[data-a-target="animated-channel-viewers-count"]',
      ) !== null
    );
  },

  /**
   * Subs: the /subs/<login> checkout. Bits and gift subs: the Bits purchase popover or
   * the gift-sub modal on screen.
   * @param {URL} url
   * @param {Document} [doc]
   */
  spendFlow(url, doc) {
    if (parsePage(url)?.kind === "subs") return true;
    if (!doc) return false;
    const dialogs = doc.querySelectorAll(
      '[data-a-target^="bits-purchase-button"], [data-a-target="gift-sub-modal"], ' +
        'div[aria-label="Bits"][role="dialog"]',
    );
    for (const el of dialogs) if (isShown(el)) return true;
    return false;
  },

  /** @param {Document} doc */
  chatInput(doc) {
    return doc.querySelector('[data-a-target="chat-input"]');
  },

  /** @param {Document} doc */
  chatSendButton(doc) {
    return doc.querySelector('[data-a-target="chat-send-button"]');
  },
};
