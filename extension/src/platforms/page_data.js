// @ts-check
// What a page says about itself: meta tags, JSON in script elements, link targets, whether
// an element is on screen. Shared by the adapters so each reads markup the same way.
//
// Staleness: head metadata and embedded JSON describe the page as the server sent it. Sites
// that navigate in place (YouTube, Instagram, X, ...) leave them untouched, so after an
// in-page navigation only the live DOM describes the current page. Adapters therefore
// trust head/JSON data only when it proves it belongs to the current URL (a matching video
// id) or when the document is still at the URL it was loaded at (`isLanded`).

/**
 * Hints the content script passes to `fromDocument`.
 * @typedef {object} PageHints
 * @property {URL} [landedUrl] the URL the document was loaded at (before any in-page
 *   navigation); absent means the document is taken to be at its loaded URL (saved pages)
 */

/**
 * @param {URL} url
 * @param {PageHints | undefined} hints
 * @param {(u: URL) => string} pageKey what identifies a page on this platform
 * @returns {boolean} whether the document still shows the page it was loaded with
 */
export function isLanded(url, hints, pageKey) {
  if (!hints || !hints.landedUrl) return true;
  return pageKey(hints.landedUrl) === pageKey(url);
}

/**
 * The `content` of the first <meta> whose property, name or itemprop is `key`.
 * @param {ParentNode} root
 * @param {string} key
 * @returns {string | null}
 */
export function metaContent(root, key) {
  const k = cssString(key);
  const el = root.querySelector(`meta[property=${k}], meta[name=${k}], meta[itemprop=${k}]`);
  const v = el ? el.getAttribute("content") : null;
  return v && v.trim() ? v.trim() : null;
}

/**
 * An attribute of the first element matching `selector`, trimmed; null when absent or empty.
 * @param {ParentNode} root
 * @param {string} selector
 * @param {string} name
 * @returns {string | null}
 */
export function attrOf(root, selector, name) {
  const el = root.querySelector(selector);
  const v = el ? el.getAttribute(name) : null;
  return v && v.trim() ? v.trim() : null;
}

/**
 * The text of the first element matching `selector`, whitespace collapsed; null when empty.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {string | null}
 */
export function textOf(root, selector) {
  const el = root.querySelector(selector);
  const t = el ? (el.textContent ?? "").replace(/\s+/g, " ").trim() : "";
  return t || null;
}

/**
 * Resolves an href against the page (relative links), or null when it isn't a URL.
 * @param {string | null} href
 * @param {URL} base
 * @returns {URL | null}
 */
export function resolveHref(href, base) {
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/** @type {WeakMap<Element, Map<string, {length: number, value: unknown}>>} */
const parsed = new WeakMap();

/**
 * Parses a script element's JSON once per content (embedded JSON can be megabytes).
 * @param {Element} el
 * @param {string} key what is extracted (one script may be read for several names)
 * @param {(text: string) => unknown} parse
 * @returns {unknown}
 */
function parseCached(el, key, parse) {
  const text = el.textContent ?? "";
  let byKey = parsed.get(el);
  if (!byKey) parsed.set(el, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit && hit.length === text.length) return hit.value;
  let value;
  try {
    value = parse(text);
  } catch {
    // Not JSON (a site's markup changed, a script cut short): this source says nothing,
    // and the adapter falls back to its other sources.
    value = null;
  }
  byKey.set(key, { length: text.length, value });
  return value;
}

/**
 * The JSON held by the first script element matching `selector` (e.g.
 * `script#__UNIVERSAL_DATA_FOR_REHYDRATION__`), or null.
 * @param {ParentNode} root
 * @param {string} selector
 * @returns {unknown}
 */
export function jsonScript(root, selector) {
  const el = root.querySelector(selector);
  return el ? parseCached(el, "json", (t) => JSON.parse(t)) : null;
}

/**
 * Every JSON-LD block of the page, flattened (a block may hold an array or an @graph).
 * @param {ParentNode} root
 * @returns {Record<string, unknown>[]}
 */
export function jsonLd(root) {
  /** @type {Record<string, unknown>[]} */
  const out = [];
  for (const el of root.querySelectorAll('script[type="application/ld+json"]')) {
    const v = parseCached(el, "json", (t) => JSON.parse(t));
    const items = Array.isArray(v) ? v : [v];
    for (const item of items) {
      if (item && typeof item === "object") {
        out.push(/** @type {Record<string, unknown>} */ (item));
        const graph = /** @type {Record<string, unknown>} */ (item)["@graph"];
        if (Array.isArray(graph)) out.push(...graph.filter((g) => g && typeof g === "object"));
      }
    }
  }
  return out;
}

/**
 * The object literal assigned to `name` in an inline script, as in
 * `var ytInitialPlayerResponse = {...};var meta = ...` or `window["ytInitialData"] = {...};`.
 * @param {ParentNode} root
 * @param {string} name
 * @returns {unknown}
 */
export function assignedJson(root, name) {
  for (const el of root.querySelectorAll("script:not([src])")) {
    const text = el.textContent ?? "";
    if (!text.includes(name)) continue;
    const value = parseCached(el, `=${name}`, (t) => extractAssignedObject(t, name));
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/**
 * Finds `name = {` (or `name"] = {`) in `text` and parses the balanced object literal that
 * follows. Returns null when there is none or it is not JSON.
 * @param {string} text
 * @param {string} name
 * @returns {unknown}
 */
export function extractAssignedObject(text, name) {
  const re = new RegExp(`${escapeRegExp(name)}["'\\]]*\\s*=\\s*\\{`, "g");
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length - 1;
    const end = objectEnd(text, start);
    if (end < 0) continue;
    try {
      return JSON.parse(text.slice(start, end + 1));
    } catch {
      continue;
    }
  }
  return null;
}

/**
 * Index of the "}" closing the object that opens at `start`, skipping strings; -1 if the
 * text ends first.
 * @param {string} text
 * @param {number} start index of "{"
 * @returns {number}
 */
export function objectEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Whether an element is on screen: the browser's own answer where it has one, else no
 * `hidden`, `aria-hidden="true"` or inline `display: none` on it or an ancestor.
 * @param {Element | null} el
 * @returns {boolean}
 */
export function isShown(el) {
  if (!el) return false;
  const check = /** @type {{checkVisibility?: () => boolean}} */ (el).checkVisibility;
  if (typeof check === "function") return check.call(el);
  for (let e = /** @type {Element | null} */ (el); e; e = e.parentElement) {
    if (e.hasAttribute("hidden") || e.getAttribute("aria-hidden") === "true") return false;
    const style = (e.getAttribute("style") ?? "").replace(/\s+/g, "");
    if (/display:none/i.test(style)) return false;
  }
  return true;
}

/**
 * The document of a same-origin frame, or null (cross-origin, not loaded, or blocked).
 * @param {Element | null} frame
 * @returns {Document | null}
 */
export function frameDocument(frame) {
  if (!frame) return null;
  try {
    return /** @type {HTMLIFrameElement} */ (frame).contentDocument ?? null;
  } catch {
    return null;
  }
}

/** @param {string} s */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** @param {string} s a CSS string literal for attribute selectors */
function cssString(s) {
  return `"${s.replace(/["\\]/g, "\\$&")}"`;
}
