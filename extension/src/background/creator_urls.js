// @ts-check
// The platform adapters' URL-only attribution, in the tracker's terms: a creator, "page"
// (only the page can tell, e.g. a watch page), or null (not a creator page).

import { resolve } from "../platforms/registry.js";

/** @typedef {import("./tracker.js").UrlIdentity} UrlIdentity */

/**
 * @param {URL} url
 * @returns {{platform: string, handle: string, label?: string} | "page" | null}
 */
export function creatorFromUrl(url) {
  return fromRegistryResult(resolve(url));
}

/**
 * @param {any} r what registry.resolve(url) returned
 * @returns {{platform: string, handle: string, label?: string} | "page" | null}
 */
export function fromRegistryResult(r) {
  if (!r || typeof r !== "object") return null;
  if (r.needsPage) return "page";
  if (typeof r.platform !== "string" || typeof r.handle !== "string" || r.handle === "")
    return null;
  return typeof r.label === "string" && r.label
    ? { platform: r.platform, handle: r.handle, label: r.label }
    : { platform: r.platform, handle: r.handle };
}
