// @ts-check
// Messages between the extension's own pages (pop-up) and the background, and how a
// connection problem is explained to the user (keys of _locales/<lang>/messages.json).

/** Pop-up -> background: `{kind: STATUS}` -> BackgroundStatus. */
export const STATUS = "status";

/** Page -> background (extension pages only; background/page_requests.js):
 * `{kind: HOST, type, body}` -> `{ok: true, body}` | `{ok: false, error: {code, message, path?}}`,
 * an allowlisted request relayed to the host;
 * `{kind: CURRENT_TAB}` -> `{ok: true, ...CurrentTab}`, the active tab as the tracker sees it;
 * `{kind: DIAGNOSTICS}` -> `{ok: true, delivery: {sent, lastError, lastAck?}}`. */
export const HOST = "host";
export const CURRENT_TAB = "current-tab";
export const DIAGNOSTICS = "diagnostics";

/** Page -> background (extension pages only; background/nudges.js, NUDGE_CONTRACT.md):
 * `{kind: NUDGES_CURRENT, id?}` -> `{ok: true, nudge: Nudge | null}`, the latest nudge handed
 * out and not answered (with `id`: that nudge, if shown and not answered);
 * `{kind: NUDGES_CHOOSE, id, choice}` -> `{ok: true}` | `{ok: false, error: {code, message,
 * path?}}`, answers with choices[choice] (queued for the host) and runs its follow-up;
 * choice "dont_show" (R1-R11 only) answers `unhelpful` and turns that rule off. */
export const NUDGES_CURRENT = "nudges.current";
export const NUDGES_CHOOSE = "nudges.choose";
/**
 * `{kind: NUDGES_REMIND, text, when}` -> `{ok: true}` | `{ok: false, error}`: the reflection's
 * if-then plan as a local reminder at `when` (ms, in the future); a new plan replaces it.
 */
export const NUDGES_REMIND = "nudges.remind";

/**
 * @typedef {object} BackgroundStatus
 * @property {import("../background/native_port.js").PortState} connection
 * @property {string} extensionId
 * @property {string} browser
 * @property {{pending: number, total: number, overflow: number, expired: number,
 *   rejected: number, last: {at: number, reason: string, count: number} | null}} outbox
 * @property {Array<{kind: string, platform: string, handle: string, label: string,
 *   state: "watching" | "reading" | "listening", start: number}>} counting
 * @property {{at: number, code: string, message: string} | null} lastError
 */

/**
 * The message key of the fix for a connection status, or null when there is nothing to fix.
 * Each message takes the extension id as $1.
 * @param {string} status
 * @returns {string | null}
 */
export function fixMessageKey(status) {
  switch (status) {
    case "not_installed":
      return "fixNotInstalled";
    case "forbidden":
      return "fixForbidden";
    case "crashed":
      return "fixCrashed";
    case "incompatible":
      return "fixIncompatible";
    default:
      return null;
  }
}
