// @ts-check
// Every platform adapter, and the one way to ask "whose page is this?".
//
// An adapter (one module per platform) exports by default:
//   platform        the protocol's platform name ([a-z0-9.-]{1,32})
//   hosts           exact hosts it owns; hostSuffixes? for wildcard subdomains (".substack.com")
//   matches         content-script match patterns
//   fromUrl(url)    {handle, label?} | {needsPage: true} | null (null: not a creator page)
//   fromDocument(doc, url, hints?)  {handle, label?, aliases?} | null
//   isLive?(doc, url, hints?), spendFlow?(url, doc?), chatInput?(doc), chatSendButton?(doc)
//   bridgeQueryEvent?  event to dispatch on `document` before reading (see youtube.js)

import bluesky from "./bluesky.js";
import instagram from "./instagram.js";
import kick from "./kick.js";
import kofi from "./kofi.js";
import patreon from "./patreon.js";
import reddit from "./reddit.js";
import streamlabs from "./streamlabs.js";
import substack from "./substack.js";
import tiktok from "./tiktok.js";
import twitch from "./twitch.js";
import x from "./x.js";
import youtube from "./youtube.js";

/** @typedef {import("./page_data.js").PageHints} PageHints */

/**
 * @typedef {object} Adapter
 * @property {string} platform
 * @property {string[]} hosts
 * @property {string[]} [hostSuffixes]
 * @property {string[]} matches
 * @property {(url: URL) => ({handle: string, label?: string} | {needsPage: true} | null)} fromUrl
 * @property {(doc: Document, url: URL, hints?: PageHints & {aliases?: ReadonlyMap<string, string>}) =>
 *   ({handle: string, label?: string, aliases?: string[]} | null)} fromDocument
 * @property {(doc: Document, url: URL, hints?: PageHints) => boolean} [isLive]
 * @property {(url: URL, doc?: Document) => boolean} [spendFlow]
 * @property {(doc: Document) => Element | null} [chatInput]
 * @property {(doc: Document) => Element | null} [chatSendButton]
 * @property {string} [bridgeQueryEvent]
 */

/**
 * A creator page resolved: `label` only when the page showed it; `aliases` (other keys the
 * platform uses for this creator, e.g. YouTube's "@handle") only for the content script.
 * @typedef {{platform: string, handle: string, label?: string, aliases?: string[]}} Creator
 */

/** @type {ReadonlyArray<Adapter>} */
export const adapters = Object.freeze([
  youtube,
  twitch,
  tiktok,
  instagram,
  x,
  patreon,
  substack,
  bluesky,
  reddit,
  kick,
  kofi,
  streamlabs,
]);

/**
 * @param {string | URL} url
 * @returns {URL | null} an http(s) URL, or null
 */
function asUrl(url) {
  let u;
  try {
    u = typeof url === "string" ? new URL(url) : url;
  } catch {
    return null;
  }
  return u.protocol === "https:" || u.protocol === "http:" ? u : null;
}

/**
 * The adapter owning a URL's host, or null.
 * @param {string | URL} url
 * @returns {Adapter | null}
 */
export function adapterFor(url) {
  const u = asUrl(url);
  if (!u) return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, "");
  for (const a of adapters) {
    if (a.hosts.includes(host)) return a;
    if (a.hostSuffixes?.some((s) => host.endsWith(s) && host.length > s.length)) return a;
  }
  return null;
}

/**
 * Whose page `url` is. Without a document (the background, before the content script has
 * spoken): the creator when the URL names them, `{needsPage: true}` when only the page can
 * say, null for pages that are no creator's. With the document: the URL's creator wins
 * over the page's (the page may be mid-navigation) but the page supplies the label when
 * it agrees; a page that needs reading and can't be read yields `{needsPage: true}`.
 * @param {string | URL} url
 * @param {Document} [doc]
 * @param {PageHints & {aliases?: ReadonlyMap<string, string>}} [hints]
 * @returns {Creator | {needsPage: true} | null}
 */
export function resolve(url, doc, hints) {
  const u = asUrl(url);
  const adapter = u ? adapterFor(u) : null;
  if (!u || !adapter) return null;
  const byUrl = adapter.fromUrl(u);
  if (!byUrl) return null;
  const platform = adapter.platform;
  if (!doc) return "handle" in byUrl ? creator(platform, byUrl) : { needsPage: true };

  const byPage = adapter.fromDocument(doc, u, hints);
  if ("handle" in byUrl) {
    const agrees = byPage !== null && byPage.handle === byUrl.handle;
    return creator(platform, {
      handle: byUrl.handle,
      label: agrees ? (byPage.label ?? byUrl.label) : byUrl.label,
      aliases: agrees ? byPage.aliases : undefined,
    });
  }
  return byPage ? creator(platform, byPage) : { needsPage: true };
}

/**
 * @param {string} platform
 * @param {{handle: string, label?: string, aliases?: string[]}} found
 * @returns {Creator}
 */
function creator(platform, found) {
  return {
    platform,
    handle: found.handle,
    ...(found.label ? { label: found.label } : {}),
    ...(found.aliases && found.aliases.length ? { aliases: found.aliases } : {}),
  };
}

/**
 * Every content-script match pattern (for the manifest's content_scripts), sorted.
 * @returns {string[]}
 */
export function contentScriptMatches() {
  return [...new Set(adapters.flatMap((a) => a.matches))].sort();
}

/**
 * Host permissions the background needs to read these tabs' URLs (the same hosts).
 * @returns {string[]}
 */
export function hostPermissions() {
  return contentScriptMatches();
}

/**
 * Scripts that must run in the page's own JavaScript world (manifest content_scripts entry
 * with "world": "MAIN", Chrome 111+, Firefox 128+), with the pages they run on. The
 * YouTube bridge publishes the live player's channel id where the isolated content script
 * can read it (see youtube.js); without it YouTube still works, from page data and links.
 * @returns {{entry: string, matches: string[], runAt: "document_start"}[]}
 */
export function mainWorldScripts() {
  return [
    {
      entry: "extension/src/content/youtube_bridge.js",
      matches: [...youtube.matches],
      runAt: "document_start",
    },
  ];
}
