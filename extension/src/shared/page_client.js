// @ts-check
// The pages' side of the runtime messages: every page (pop-up, options, reflection) talks to
// the background only, never to the host; host requests are relayed by the background.

import {
  CURRENT_TAB,
  DIAGNOSTICS,
  HOST,
  NUDGES_CHOOSE,
  NUDGES_CURRENT,
  NUDGES_REMIND,
  STATUS,
} from "./runtime_messages.js";

/**
 * @typedef {{code: string, message: string, path?: string}} HostError
 * @typedef {{platform: string, handle: string, label: string}} CreatorRef
 * @typedef {{kind: string, platform: string, handle: string, label: string,
 *   state: "watching" | "reading" | "listening", start: number}} Counting
 * @typedef {object} CurrentTab
 * @property {CreatorRef | null} creator  the creator of the active tab, if it shows one
 * @property {string | null} connection   the connection-site platform of the tab, if any
 * @property {Counting | null} counting   what that tab is counting now
 * @property {string | null} reason       why nothing is counted there, when nothing is:
 *   no-tab, not-web, private-window, not-a-creator-page, unknown-creator, connection-off,
 *   idle, locked, not-visible, not-focused, waiting-for-page
 *
 * @typedef {object} PageClient
 * @property {() => Promise<import("./runtime_messages.js").BackgroundStatus>} status
 * @property {() => Promise<CurrentTab>} currentTab
 * @property {() => Promise<{delivery: {sent: number, lastError: any, lastAck?: any}}>} diagnostics
 * @property {(type: string, body?: object) => Promise<any>} host  resolves with the reply
 *   body; rejects with a HostError
 * @property {(id?: string) => Promise<any | null>} currentNudge  the nudge on show (with
 *   `id`: that nudge, if still unanswered), or null
 * @property {(id: string, choice: number | "dont_show") => Promise<void>} chooseNudge
 * @property {(text: string, when: number) => Promise<void>} remindPlan  the if-then plan as
 *   a local reminder at `when`
 */

/** @param {unknown} err @returns {HostError} */
export function asHostError(err) {
  const e = /** @type {any} */ (err);
  if (e && typeof e.code === "string" && typeof e.message === "string") return e;
  return { code: "no_background", message: String(e?.message ?? e) };
}

/**
 * @param {(msg: any) => Promise<any>} sendMessage runtime.sendMessage
 * @returns {PageClient}
 */
export function makePageClient(sendMessage) {
  /** @param {any} msg */
  const ask = async (msg) => {
    let reply;
    try {
      reply = await sendMessage(msg);
    } catch (err) {
      throw asHostError(err);
    }
    if (!reply || reply.ok === false) {
      const e = reply?.error;
      throw typeof e === "object" && e
        ? asHostError(e)
        : { code: "background", message: String(e ?? "no reply from the background") };
    }
    return reply;
  };
  return {
    status: async () => {
      // STATUS answers the BackgroundStatus itself (no ok field) or {ok: false, error}.
      let reply;
      try {
        reply = await sendMessage({ kind: STATUS });
      } catch (err) {
        throw asHostError(err);
      }
      if (!reply || reply.ok === false) throw asHostError(reply?.error ?? "no status");
      return reply;
    },
    currentTab: () => ask({ kind: CURRENT_TAB }),
    diagnostics: () => ask({ kind: DIAGNOSTICS }),
    host: async (type, body = {}) => (await ask({ kind: HOST, type, body })).body,
    currentNudge: async (id) =>
      (await ask(id ? { kind: NUDGES_CURRENT, id } : { kind: NUDGES_CURRENT })).nudge ?? null,
    chooseNudge: async (id, choice) => {
      await ask({ kind: NUDGES_CHOOSE, id, choice });
    },
    remindPlan: async (text, when) => {
      await ask({ kind: NUDGES_REMIND, text, when });
    },
  };
}

/** The browser's extension API in a page (Firefox: browser, Chromium: chrome). */
export function pageApi() {
  return /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
}
