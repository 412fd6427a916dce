// @ts-check
// Content script -> background messages (EXTENSION.md): checked field by field and turned
// into tracker events and protocol marks. A malformed message is refused with an error that
// names the field, never half-applied. Lengths count code points, as the protocol does.

import { codePointLength, truncateCodePoints } from "./code_points.js";

/**
 * @typedef {import("./tracker.js").Identity} Identity
 * @typedef {{id: string, what: "spend" | "chat", platform: string, handle: string, at: number,
 *   utc_offset_min: number, count: number}} Mark
 * @typedef {{type: "page-state", identity: Identity | null, unknown: boolean, playing: boolean,
 *   visible: boolean, at: number}} PageState  unknown: a creator's page whose creator the page
 *   could not (yet) read
 * @typedef {{ok: true, value: PageState} | {ok: false, error: string}} PageStateResult
 * @typedef {{ok: true, value: Mark} | {ok: false, error: string}} MarkResult
 */

const PLATFORM_RE = /^[a-z0-9.-]{1,32}$/;
const HANDLE_MAX = 128;
const LABEL_MAX = 200;
const COUNT_MAX = 10_000;

class FieldError extends Error {}

/** @param {string} field @param {string} rule @returns {never} */
function fail(field, rule) {
  throw new FieldError(`${field}: ${rule}`);
}

/** @param {any} msg */
function atOf(msg) {
  if (!Number.isSafeInteger(msg.at) || msg.at < 0) fail("at", "must be a non-negative integer");
  return /** @type {number} */ (msg.at);
}

/** @param {any} v @param {string} field */
function platformOf(v, field) {
  if (typeof v !== "string" || !PLATFORM_RE.test(v)) fail(field, "must match [a-z0-9.-]{1,32}");
  return /** @type {string} */ (v);
}

/** @param {any} v @param {string} field */
function handleOf(v, field) {
  if (typeof v !== "string" || v.length < 1 || codePointLength(v) > HANDLE_MAX) {
    fail(field, `must be a string of 1-${HANDLE_MAX} characters`);
  }
  // A handle is an identity: replacing a lone surrogate would silently make another one.
  if (!v.isWellFormed()) fail(field, "must be well-formed Unicode (no lone surrogates)");
  return /** @type {string} */ (v);
}

/**
 * @param {unknown} raw a runtime message with kind "page-state"
 * @returns {PageStateResult}
 */
export function parsePageState(raw) {
  try {
    const msg = /** @type {any} */ (raw);
    const at = atOf(msg);
    const page = msg.page;
    if (!page || typeof page !== "object") fail("page", "must be an object");
    /** @type {Identity | null} */
    let identity = null;
    if (page.type === "creator") {
      const label = page.label ?? "";
      if (typeof label !== "string") fail("page.label", "must be a string");
      identity = {
        kind: "creator",
        platform: platformOf(page.platform, "page.platform"),
        handle: handleOf(page.handle, "page.handle"),
        label: truncateCodePoints(label, LABEL_MAX),
      };
    } else if (page.type !== "none") {
      fail("page.type", 'must be "creator" or "none"');
    }
    const unknown = page.type === "none" && page.reason === "unknown-creator";
    const media = msg.media;
    if (!media || typeof media !== "object" || typeof media.playing !== "boolean") {
      fail("media.playing", "must be a boolean");
    }
    if (typeof msg.visible !== "boolean") fail("visible", "must be a boolean");
    return {
      ok: true,
      value: {
        type: "page-state",
        identity,
        unknown,
        playing: media.playing,
        visible: msg.visible,
        at,
      },
    };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, error: err.message };
    throw err;
  }
}

/**
 * A content script's mark as a protocol Mark. Its moment is the page's `at`, but never later
 * than `now` (the host refuses instants too far in the future).
 * @param {unknown} raw a runtime message with kind "mark"
 * @param {{now: number, newId: () => string, offsetAt: (instant: number) => number}} deps
 * @returns {MarkResult}
 */
export function parseMark(raw, { now, newId, offsetAt }) {
  try {
    const msg = /** @type {any} */ (raw);
    const at = Math.min(atOf(msg), now);
    if (msg.what !== "spend" && msg.what !== "chat") fail("what", 'must be "spend" or "chat"');
    const count = msg.count ?? 1;
    if (!Number.isInteger(count) || count < 1 || count > COUNT_MAX) {
      fail("count", `must be an integer 1..${COUNT_MAX}`);
    }
    return {
      ok: true,
      value: {
        id: newId(),
        what: msg.what,
        platform: platformOf(msg.platform, "platform"),
        handle: handleOf(msg.handle, "handle"),
        at,
        utc_offset_min: offsetAt(at),
        count,
      },
    };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, error: err.message };
    throw err;
  }
}
