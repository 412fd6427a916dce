// @ts-check
// The page-state message (EXTENSION.md): who the page belongs to, whether media plays,
// whether the page is visible. Only the creator's identity leaves the page: no URL, no
// title, no text.

/** @typedef {import("../platforms/registry.js").Creator} Creator */

/**
 * @typedef {{type: "creator", platform: string, handle: string, label?: string, live: boolean}
 *   | {type: "none", reason: "not-a-creator-page" | "unknown-creator"}} Page
 * @typedef {{playing: boolean, video: boolean}} Media
 * @typedef {{kind: "page-state", at: number, page: Page, media: Media, visible: boolean}} PageState
 */

/**
 * The `page` part of a page-state from a registry resolution.
 * @param {Creator | {needsPage: true} | null} resolution
 * @param {boolean} live
 * @returns {Page}
 */
export function pageOf(resolution, live) {
  if (resolution === null) return { type: "none", reason: "not-a-creator-page" };
  if ("needsPage" in resolution) return { type: "none", reason: "unknown-creator" };
  return {
    type: "creator",
    platform: resolution.platform,
    handle: resolution.handle,
    ...(resolution.label ? { label: resolution.label } : {}),
    live,
  };
}

/**
 * @param {{at: number, resolution: Creator | {needsPage: true} | null, live: boolean,
 *   media: Media, visible: boolean}} input
 * @returns {PageState}
 */
export function buildPageState({ at, resolution, live, media, visible }) {
  return {
    kind: "page-state",
    at,
    page: pageOf(resolution, live),
    media: { playing: media.playing, video: media.video },
    visible,
  };
}

/**
 * What makes two page-states the same report (everything but the time), so a repeat of
 * the same state is not sent again.
 * @param {PageState} state
 * @returns {string}
 */
export function stateKey(state) {
  return JSON.stringify([state.page, state.media, state.visible]);
}

/**
 * What makes a URL change a navigation: origin, path and query; a fragment change
 * (#comments) is not one.
 * @param {string} href
 * @returns {string}
 */
export function navigationKey(href) {
  const hash = href.indexOf("#");
  return hash < 0 ? href : href.slice(0, hash);
}
