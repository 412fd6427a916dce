// @ts-check
// Messages between the extension's own pages (pop-up) and the background, and how a
// connection problem is explained to the user (keys of _locales/<lang>/messages.json).

/** Pop-up -> background: `{kind: STATUS}` -> BackgroundStatus. */
export const STATUS = "status";

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
