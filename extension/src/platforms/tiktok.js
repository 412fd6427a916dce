// @ts-check
// TikTok. The canonical key is the username (tiktok.com/@<username>), which every profile,
// video, photo post and live page URL carries. The numeric user id is in the page's
// embedded data only as loaded, so it cannot name the creator after in-page navigation.

import { canonicalHandle, cleanLabel, pathSegments } from "./canonical.js";
import { jsonScript, textOf } from "./page_data.js";

const USERNAME = /^[a-z0-9._]{1,24}$/;

/**
 * @param {URL} url
 * @returns {{handle: string, videoId?: string, live: boolean} | null}
 */
export function parsePage(url) {
  const seg = pathSegments(url);
  if (seg.length === 0 || !seg[0].startsWith("@")) return null;
  const handle = canonicalHandle(seg[0]);
  if (!handle || !USERNAME.test(handle)) return null;
  const kind = seg[1]?.toLowerCase();
  const videoId =
    (kind === "video" || kind === "photo") && /^\d+$/.test(seg[2] ?? "") ? seg[2] : undefined;
  return { handle, ...(videoId ? { videoId } : {}), live: kind === "live" };
}

/**
 * The creator's nickname, from the profile header or the video's author block (rendered
 * DOM, checked against the username shown beside it), else from the page's embedded data
 * when that data is about this very profile or video.
 * @param {Document} doc
 * @param {URL} url
 * @returns {{handle: string, label?: string} | null}
 */
function fromDocument(doc, url) {
  const page = parsePage(url);
  if (!page) return null;

  const shownUser = canonicalHandle(
    textOf(doc, page.videoId ? '[data-e2e="browse-username"]' : '[data-e2e="user-title"]'),
  );
  if (shownUser === page.handle) {
    const nick = page.videoId
      ? (textOf(doc, '[data-e2e="browser-nickname"] > span:first-child') ??
        textOf(doc, '[data-e2e="browser-nickname"]'))
      : textOf(doc, '[data-e2e="user-subtitle"]');
    return result(page.handle, nick);
  }

  const scope = /** @type {any} */ (jsonScript(doc, "script#__UNIVERSAL_DATA_FOR_REHYDRATION__"))
    ?.__DEFAULT_SCOPE__;
  const user = scope?.["webapp.user-detail"]?.userInfo?.user;
  if (!page.videoId && canonicalHandle(user?.uniqueId) === page.handle) {
    return result(page.handle, user.nickname);
  }
  const item = scope?.["webapp.video-detail"]?.itemInfo?.itemStruct;
  if (page.videoId && item?.id === page.videoId) {
    const author = canonicalHandle(item.author?.uniqueId);
    if (author) return result(author, item.author?.nickname);
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
  platform: "tiktok",
  hosts: ["www.tiktok.com", "tiktok.com", "m.tiktok.com"],
  matches: ["https://www.tiktok.com/*", "https://tiktok.com/*", "https://m.tiktok.com/*"],

  /**
   * /@user, /@user/video/<id>, /@user/photo/<id>, /@user/live. The For You feed and other
   * pages are not one creator's.
   * @param {URL} url
   */
  fromUrl(url) {
    const page = parsePage(url);
    return page ? { handle: page.handle } : null;
  },

  fromDocument,

  /**
   * @param {Document} _doc
   * @param {URL} url
   */
  isLive(_doc, url) {
    return parsePage(url)?.live === true;
  },
};
