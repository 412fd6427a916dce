// @ts-check
// Runs in YouTube's own JavaScript world (manifest content script with "world": "MAIN";
// registry.js mainWorldScripts()). YouTube navigates in place and leaves the page's
// embedded data describing the first page, and the isolated content script cannot see the
// page's objects; this script can. It reads the live player's response and the latest
// navigation's data and publishes the current channel id on <html> (attribute
// BRIDGE_ATTRIBUTE), stamped with the page it describes. It sends nothing anywhere.

import {
  BRIDGE_ATTRIBUTE,
  BRIDGE_QUERY_EVENT,
  pageKey,
  parsePage,
  recordFromBrowseResponse,
  recordFromPlayerResponse,
} from "../platforms/youtube.js";

/** @typedef {import("../platforms/youtube.js").BridgeRecord} BridgeRecord */

const landed = new URL(location.href);
/** @type {{key: string, detail: any} | null} */
let lastNavigation = null;

/**
 * @template T
 * @param {() => T} fn
 * @returns {T | null}
 */
function attempt(fn) {
  try {
    return fn();
  } catch {
    // YouTube's internals change without notice; a missing method is just no data here.
    return null;
  }
}

/** @returns {BridgeRecord | null} */
function currentRecord() {
  const url = new URL(location.href);
  const page = parsePage(url);
  if (!page) return null;
  const key = pageKey(url);
  const w = /** @type {any} */ (window);

  const playerId =
    page.kind === "video" && page.form === "shorts" ? "shorts-player" : "movie_player";
  const player = /** @type {any} */ (document.getElementById(playerId));
  const fromPlayer = attempt(() => recordFromPlayerResponse(player?.getPlayerResponse?.(), url));
  if (fromPlayer) return fromPlayer;

  if (lastNavigation && lastNavigation.key === key) {
    const response = lastNavigation.detail?.response;
    const rec = attempt(
      () =>
        recordFromPlayerResponse(response?.playerResponse, url) ??
        recordFromBrowseResponse(response?.response, url) ??
        recordFromBrowseResponse(response, url),
    );
    if (rec) return rec;
  }

  if (pageKey(landed) === key) {
    const rec = attempt(
      () =>
        recordFromPlayerResponse(w.ytInitialPlayerResponse, url) ??
        recordFromBrowseResponse(w.ytInitialData, url),
    );
    if (rec) return rec;
  }
  return null;
}

function publish() {
  const rec = attempt(currentRecord);
  const root = document.documentElement;
  if (rec) root.setAttribute(BRIDGE_ATTRIBUTE, JSON.stringify(rec));
  else root.removeAttribute(BRIDGE_ATTRIBUTE);
}

document.addEventListener("yt-navigate-finish", (ev) => {
  lastNavigation = {
    key: pageKey(new URL(location.href)),
    detail: /** @type {CustomEvent} */ (ev).detail,
  };
  publish();
});
document.addEventListener("yt-page-data-updated", publish);
document.addEventListener(BRIDGE_QUERY_EVENT, publish);
publish();
