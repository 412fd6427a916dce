// @ts-check
// YouTube. The canonical key is the channel id ("UC" + 22 characters): the one name every
// channel has, which all its addresses (/@handle, /c/Name, /user/Name, /channel/UC...) and
// all its videos lead to. The id is case-sensitive, so it is kept as YouTube writes it.
//
// Where the id comes from, best first:
//  1. the page bridge (youtube_bridge.js, run in the page's own JS world): the live player
//     response or navigation data, stamped with the page it describes;
//  2. data embedded in the page that proves it is about the current page: the player
//     response or watch microformat whose video id is the URL's, or, while the document is
//     still at the URL it was loaded at, the channel page's canonical link and metadata;
//  3. the live DOM: the owner link of a watch/Shorts page when it is /channel/UC..., or its
//     /@handle mapped to an id through the handle/id pairs YouTube embeds in its data
//     (every video card carries its channel's browseId and canonicalBaseUrl) or through
//     pairs learned earlier in the tab (hints.aliases).
// With none of these the page is an unknown creator: a handle is never used as a key, as
// it would split one channel's history between two keys.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import {
  assignedJson,
  attrOf,
  frameDocument,
  isLanded,
  isShown,
  metaContent,
  resolveHref,
  textOf,
} from "./page_data.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;

/** Attribute on <html> where the page bridge publishes what it knows (JSON). */
export const BRIDGE_ATTRIBUTE = "data-parasol-youtube";
/** Event the content script dispatches on `document` to have the bridge publish now. */
export const BRIDGE_QUERY_EVENT = "parasol-youtube-query";

// First path segments that are YouTube's own pages, not a legacy channel name
// (youtube.com/SomeName still serves some old custom URLs).
const RESERVED = new Set([
  "about",
  "account",
  "account_advanced",
  "account_notifications",
  "account_privacy",
  "account_sharing",
  "ads",
  "api",
  "attribution_link",
  "c",
  "channel",
  "copyright",
  "creators",
  "embed",
  "error",
  "feed",
  "gaming",
  "getpremium",
  "hashtag",
  "howyoutubeworks",
  "index",
  "kids",
  "live",
  "live_chat",
  "live_chat_replay",
  "logout",
  "movies",
  "music",
  "new",
  "oops",
  "paid_memberships",
  "playables",
  "playlist",
  "podcasts",
  "post",
  "premium",
  "purchases",
  "redirect",
  "reporthistory",
  "results",
  "s",
  "shorts",
  "signin",
  "signin_prompt",
  "source",
  "storefront",
  "supported_browsers",
  "t",
  "trends",
  "upload",
  "user",
  "verify",
  "watch",
  "youtubei",
  "yt",
]);

/**
 * What a YouTube URL shows.
 * @typedef {{kind: "channel", id: string, rest: string[]}
 *   | {kind: "alias", alias: string, rest: string[]}
 *   | {kind: "video", videoId: string, form: "watch" | "shorts" | "live"}} YouTubePage
 */

/**
 * @param {URL} url
 * @returns {YouTubePage | null} null: not a channel's page or video
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0) return null;
  const first = seg[0];
  const lower = first.toLowerCase();
  if (lower === "watch" && seg.length === 1) {
    const v = url.searchParams.get("v");
    return v && VIDEO_ID.test(v) ? { kind: "video", videoId: v, form: "watch" } : null;
  }
  if ((lower === "shorts" || lower === "live") && seg.length >= 2) {
    return VIDEO_ID.test(seg[1]) ? { kind: "video", videoId: seg[1], form: lower } : null;
  }
  if (lower === "channel") {
    return seg.length >= 2 && CHANNEL_ID.test(seg[1])
      ? { kind: "channel", id: seg[1], rest: seg.slice(2) }
      : null;
  }
  if (first.startsWith("@")) {
    const h = canonicalHandle(first);
    return h ? { kind: "alias", alias: `@${h}`, rest: seg.slice(1) } : null;
  }
  if (lower === "c" || lower === "user") {
    const name = seg.length >= 2 ? canonicalHandle(seg[1]) : null;
    return name ? { kind: "alias", alias: `${lower}/${name}`, rest: seg.slice(2) } : null;
  }
  if (RESERVED.has(lower) || seg.length > 2) return null;
  const legacy = canonicalHandle(first);
  return legacy ? { kind: "alias", alias: `legacy/${legacy}`, rest: seg.slice(1) } : null;
}

/**
 * What identifies a page for staleness checks: the same key means the same content.
 * @param {URL} url
 * @returns {string}
 */
export function pageKey(url) {
  const page = parsePage(url);
  if (!page) return `path:${url.pathname}`;
  if (page.kind === "video") return `video:${page.videoId}`;
  if (page.kind === "channel") return `channel:${page.id}${isLiveTab(page) ? "/live" : ""}`;
  return `alias:${page.alias}${isLiveTab(page) ? "/live" : ""}`;
}

/**
 * A channel address ("/@Foo", "https://www.youtube.com/c/Foo", "/channel/UC...") as the
 * alias key used in `parsePage` ("@foo", "c/foo"), or the channel id itself.
 * @param {string | null | undefined} href
 * @returns {{id: string} | {alias: string} | null}
 */
export function channelRef(href) {
  if (!href) return null;
  const url = resolveHref(href, new URL("https://www.youtube.com/"));
  if (!url || !/(^|\.)youtube\.com$/i.test(url.hostname)) return null;
  const page = parsePage(url);
  if (!page || page.kind === "video") return null;
  if (page.kind === "channel") return { id: page.id };
  return { alias: page.alias };
}

/**
 * What the page bridge publishes for one page.
 * @typedef {{page: string, channelId: string, name?: string, live?: boolean}} BridgeRecord
 */

/**
 * A bridge record from a player response (`videoDetails`), if it describes `url`'s video.
 * @param {unknown} playerResponse
 * @param {URL} url
 * @returns {BridgeRecord | null}
 */
export function recordFromPlayerResponse(playerResponse, url) {
  const vd = /** @type {any} */ (playerResponse)?.videoDetails;
  if (!vd || typeof vd.channelId !== "string" || !CHANNEL_ID.test(vd.channelId)) return null;
  const page = parsePage(url);
  if (!page) return null;
  // A video page names its video; a channel's /live tab does not, so there the caller
  // vouches that the data is current (bridge: live player; page data: document landed).
  const matches =
    page.kind === "video"
      ? vd.videoId === page.videoId
      : isLiveTab(page) && (page.kind === "alias" || vd.channelId === page.id);
  if (!matches) return null;
  return {
    page: pageKey(url),
    channelId: vd.channelId,
    ...(typeof vd.author === "string" ? { name: vd.author } : {}),
    live: vd.isLive === true,
  };
}

/**
 * A bridge record from a channel page's data (`metadata.channelMetadataRenderer`).
 * @param {unknown} browseResponse
 * @param {URL} url the page that data was loaded for
 * @returns {BridgeRecord | null}
 */
export function recordFromBrowseResponse(browseResponse, url) {
  const cmr = channelMetadataOf(browseResponse);
  const page = parsePage(url);
  if (!cmr || !page || page.kind === "video") return null;
  if (page.kind === "channel" && page.id !== cmr.externalId) return null;
  return {
    page: pageKey(url),
    channelId: cmr.externalId,
    ...(cmr.title ? { name: cmr.title } : {}),
  };
}

/**
 * `metadata.channelMetadataRenderer` of a browse response (ytInitialData of a channel page).
 * @param {unknown} data
 * @returns {{externalId: string, title?: string} | null}
 */
function channelMetadataOf(data) {
  const cmr = /** @type {any} */ (data)?.metadata?.channelMetadataRenderer;
  if (!cmr || typeof cmr.externalId !== "string" || !CHANNEL_ID.test(cmr.externalId)) return null;
  return {
    externalId: cmr.externalId,
    ...(typeof cmr.title === "string" ? { title: cmr.title } : {}),
  };
}

/**
 * The bridge's record, if it is about the current page.
 * @param {Document} doc
 * @param {URL} url
 * @returns {BridgeRecord | null}
 */
export function readBridge(doc, url) {
  const raw = doc.documentElement?.getAttribute(BRIDGE_ATTRIBUTE);
  if (!raw) return null;
  try {
    const rec = JSON.parse(raw);
    if (rec && rec.page === pageKey(url) && CHANNEL_ID.test(rec.channelId)) return rec;
  } catch {
    // A malformed attribute is ignored like an absent one: the other sources still apply.
  }
  return null;
}

/** @type {WeakMap<Element, {length: number, pairs: Map<string, string>}>} */
const pairCache = new WeakMap();

/**
 * Alias -> channel id pairs embedded in the page's data: every channel link in YouTube's
 * JSON is a browseEndpoint holding both `browseId` and `canonicalBaseUrl`. A pair stays
 * true after in-page navigation, so stale data still maps a fresh owner link.
 * @param {Document} doc
 * @returns {Map<string, string>}
 */
export function embeddedChannelPairs(doc) {
  /** @type {Map<string, string>} */
  const all = new Map();
  for (const el of doc.querySelectorAll("script:not([src])")) {
    const text = el.textContent ?? "";
    if (!text.includes("canonicalBaseUrl")) continue;
    let hit = pairCache.get(el);
    if (!hit || hit.length !== text.length) {
      hit = { length: text.length, pairs: pairsIn(text) };
      pairCache.set(el, hit);
    }
    for (const [k, v] of hit.pairs) all.set(k, v);
  }
  return all;
}

/** @param {string} text */
function pairsIn(text) {
  /** @type {Map<string, string>} */
  const pairs = new Map();
  const re =
    /"browseId":"(UC[A-Za-z0-9_-]{22})","canonicalBaseUrl":"((?:[^"\\]|\\.)*)"|"canonicalBaseUrl":"((?:[^"\\]|\\.)*)","browseId":"(UC[A-Za-z0-9_-]{22})"/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const id = m[1] ?? m[4];
    let path;
    try {
      path = JSON.parse(`"${m[2] ?? m[3]}"`);
    } catch {
      continue;
    }
    const ref = channelRef(path);
    if (ref && "alias" in ref) pairs.set(ref.alias, id);
  }
  return pairs;
}

// The owner of the video on a watch, live or Shorts page (rendered DOM, kept current by
// YouTube on in-page navigation): desktop watch, desktop Shorts (active reel), mobile.
// Best first: the channel-name link carries the name as its text, the avatar link none.
const OWNER_LINKS = [
  "ytd-watch-metadata #owner ytd-channel-name a[href]",
  "ytd-video-owner-renderer ytd-channel-name a[href]",
  "ytd-video-owner-renderer a[href]",
  "ytd-reel-video-renderer[is-active] ytd-channel-name a[href]",
  "ytd-reel-video-renderer[is-active] a[href^='/@']",
  "ytd-reel-video-renderer[is-active] a[href^='/channel/']",
  "ytm-slim-owner-renderer a[href]",
];

// The channel name in a channel page's header (rendered DOM).
const CHANNEL_HEADER_NAME = [
  "yt-page-header-renderer h1",
  "#page-header h1",
  "ytd-c4-tabbed-header-renderer #channel-name #text",
].join(", ");

/**
 * @param {Document} doc
 * @param {URL} url
 * @param {PageHints & {aliases?: ReadonlyMap<string, string>}} [hints]
 * @returns {{handle: string, label?: string, aliases?: string[]} | null}
 */
function fromDocument(doc, url, hints) {
  const page = parsePage(url);
  if (!page) return null;
  const landed = isLanded(url, hints, pageKey);
  const bridge = readBridge(doc, url);
  const aliases = page.kind === "alias" ? [page.alias] : [];

  if (page.kind === "channel") {
    return result(page.id, channelLabel(doc, page.id, landed, bridge), []);
  }
  if (bridge) return result(bridge.channelId, bridge.name, aliases);

  const videoLike = page.kind === "video" || isLiveTab(page);
  if (videoLike) {
    const rec = recordFromPlayerResponse(assignedJson(doc, "ytInitialPlayerResponse"), url);
    if (rec && (page.kind === "video" || landed)) return result(rec.channelId, rec.name, aliases);
    const micro = watchMicroformat(doc, page, landed);
    if (micro) return result(micro.id, micro.name, aliases);
  }
  if (page.kind === "alias" && landed) {
    const id = landedChannelId(doc);
    if (id) return result(id, channelLabel(doc, id, landed, null), aliases);
  }

  // Live DOM, with handles mapped through pairs the page or the tab already showed.
  const pairs = embeddedChannelPairs(doc);
  const lookup = (/** @type {string} */ alias) => hints?.aliases?.get(alias) ?? pairs.get(alias);
  if (videoLike) {
    // The watch page element names the video it shows; until it names this one, its owner
    // section may still be the previous video's.
    const shown = attrOf(doc, "ytd-watch-flexy", "video-id");
    if (page.kind === "video" && page.form !== "shorts" && shown && shown !== page.videoId) {
      return null;
    }
    const link = ownerLink(doc);
    const ref = channelRef(link?.getAttribute("href"));
    const name = cleanLabel(link?.textContent) ?? undefined;
    if (ref && "id" in ref) return result(ref.id, name, aliases);
    if (ref && "alias" in ref) {
      const id = lookup(ref.alias);
      if (id) return result(id, name, [...aliases, ref.alias]);
    }
    return null;
  }
  if (page.kind === "alias") {
    const id = lookup(page.alias);
    if (id) return result(id, textOf(doc, CHANNEL_HEADER_NAME) ?? undefined, aliases);
  }
  return null;
}

/**
 * @param {string} id
 * @param {string | null | undefined} label
 * @param {string[]} aliases
 */
function result(id, label, aliases) {
  const l = cleanLabel(label);
  return { handle: id, ...(l ? { label: l } : {}), ...(aliases.length ? { aliases } : {}) };
}

/** @param {YouTubePage} page */
function isLiveTab(page) {
  return page.kind !== "video" && page.rest.length >= 1 && page.rest[0].toLowerCase() === "live";
}

/** @param {Document} doc */
function ownerLink(doc) {
  for (const selector of OWNER_LINKS) {
    for (const a of doc.querySelectorAll(selector)) {
      if (channelRef(a.getAttribute("href"))) return a;
    }
  }
  return null;
}

/**
 * The watch microformat (`itemtype=.../VideoObject`: itemprop videoId, channelId, author)
 * when it is about this page's video.
 * @param {Document} doc
 * @param {YouTubePage} page
 * @param {boolean} landed
 * @returns {{id: string, name?: string} | null}
 */
function watchMicroformat(doc, page, landed) {
  const scope = doc.querySelector('[itemtype$="schema.org/VideoObject"]') ?? doc;
  const videoId = metaContent(scope, "videoId");
  const id = metaContent(scope, "channelId");
  if (!id || !CHANNEL_ID.test(id)) return null;
  const ok = page.kind === "video" ? videoId === page.videoId : landed;
  if (!ok) return null;
  const name =
    attrOf(scope, '[itemprop="author"] link[itemprop="name"]', "content") ??
    attrOf(scope, '[itemprop="author"] [itemprop="name"]', "content");
  return { id, ...(name ? { name } : {}) };
}

/**
 * A channel page's own id, from data that describes the page as loaded.
 * @param {Document} doc
 * @returns {string | null}
 */
function landedChannelId(doc) {
  const candidates = [
    channelRef(attrOf(doc, 'link[rel="canonical"]', "href")),
    channelRef(metaContent(doc, "og:url")),
  ];
  for (const c of candidates) if (c && "id" in c) return c.id;
  for (const key of ["channelId", "identifier"]) {
    const v = metaContent(doc, key);
    if (v && CHANNEL_ID.test(v)) return v;
  }
  return channelMetadataOf(assignedJson(doc, "ytInitialData"))?.externalId ?? null;
}

/**
 * The display name of channel `id` on its own page.
 * @param {Document} doc
 * @param {string} id
 * @param {boolean} landed
 * @param {BridgeRecord | null} bridge
 */
function channelLabel(doc, id, landed, bridge) {
  if (bridge && bridge.channelId === id && bridge.name) return bridge.name;
  if (landed) {
    const cmr = channelMetadataOf(assignedJson(doc, "ytInitialData"));
    if (cmr?.externalId === id && cmr.title) return cmr.title;
    const named = metaContent(doc, "og:title") ?? metaContent(doc, "name");
    if (named) return named;
  }
  return textOf(doc, CHANNEL_HEADER_NAME);
}

/** @param {Document} doc */
function chatDocument(doc) {
  return frameDocument(doc.querySelector("iframe#chatframe, ytd-live-chat-frame iframe")) ?? doc;
}

export default {
  platform: "youtube",
  hosts: ["www.youtube.com", "youtube.com", "m.youtube.com"],
  matches: ["https://www.youtube.com/*", "https://youtube.com/*", "https://m.youtube.com/*"],
  bridgeQueryEvent: BRIDGE_QUERY_EVENT,

  /**
   * A /channel/UC... address carries the key; every other channel address and every video
   * needs the page.
   * @param {URL} url
   * @returns {{handle: string} | {needsPage: true} | null}
   */
  fromUrl(url) {
    const page = parsePage(url);
    if (!page) return null;
    if (page.kind === "channel") return { handle: page.id };
    return { needsPage: true };
  },

  fromDocument,

  /**
   * Live: the bridge's player data, the player's `ytp-live` class, or the player response /
   * microformat of this video saying it is broadcasting now.
   * @param {Document} doc
   * @param {URL} url
   * @param {PageHints} [hints]
   */
  isLive(doc, url, hints) {
    const page = parsePage(url);
    if (!page || (page.kind !== "video" && !isLiveTab(page))) return false;
    const bridge = readBridge(doc, url);
    if (bridge && typeof bridge.live === "boolean") return bridge.live;
    if (doc.querySelector("#movie_player.ytp-live, .html5-video-player.ytp-live")) return true;
    const pr = /** @type {any} */ (assignedJson(doc, "ytInitialPlayerResponse"));
    const rec = recordFromPlayerResponse(pr, url);
    if (rec && (page.kind === "video" || isLanded(url, hints, pageKey))) return rec.live === true;
    const videoId = metaContent(doc, "videoId");
    if (page.kind === "video" && videoId === page.videoId) {
      return metaContent(doc, "isLiveBroadcast") === "True" && !metaContent(doc, "endDate");
    }
    return false;
  },

  /**
   * Memberships: a channel's /join page, or the join dialog (`ytd-sponsorships-offer-renderer`)
   * on screen. Super Chat / Super Sticker: the live chat's buy flow
   * (`yt-live-chat-message-buy-flow-renderer`) on screen, in the page or its chat frame.
   * @param {URL} url
   * @param {Document} [doc]
   */
  spendFlow(url, doc) {
    const page = parsePage(url);
    if (page && page.kind !== "video" && page.rest[0]?.toLowerCase() === "join") return true;
    if (!doc) return false;
    for (const el of doc.querySelectorAll("ytd-sponsorships-offer-renderer")) {
      if (isShown(el)) return true;
    }
    for (const d of new Set([doc, chatDocument(doc)])) {
      for (const el of d.querySelectorAll("yt-live-chat-message-buy-flow-renderer")) {
        if (isShown(el)) return true;
      }
    }
    return false;
  },

  /**
   * The live chat's message field, in the watch page's chat frame (same origin) or in a
   * chat page itself.
   * @param {Document} doc
   */
  chatInput(doc) {
    return chatDocument(doc).querySelector("yt-live-chat-text-input-field-renderer #input");
  },

  /** @param {Document} doc */
  chatSendButton(doc) {
    return chatDocument(doc).querySelector(
      "yt-live-chat-message-input-renderer #send-button button, #send-button button",
    );
  },
};
