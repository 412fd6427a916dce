// @ts-check
// The content script's logic, with the browser handed in (document, location, clock,
// messaging, timers) so it runs in tests without one. main.js wires it to real events.
//
// It reports the page-state whenever asked (load, navigation, media events, visibility)
// and it changed; re-reads the page shortly after a navigation, when the new page's markup
// has arrived; marks a pay flow once per navigation; counts chat messages sent.

import { adapterFor, resolve } from "../platforms/registry.js";
import { createAliasMemory } from "./alias_memory.js";
import { createChatCounter } from "./chat_counter.js";
import { isChatSend } from "./chat_send.js";
import { buildPageState, navigationKey, stateKey } from "./page_state.js";
import { createSpendOnce } from "./spend_once.js";

/** @typedef {import("../platforms/registry.js").Adapter} Adapter */
/** @typedef {import("../platforms/registry.js").Creator} Creator */
/** @typedef {import("./page_state.js").PageState} PageState */

/** After a navigation the page is read again at these delays (ms): its markup lags the URL. */
export const SETTLE_DELAYS_MS = [700, 2500];
/** A page that could not be attributed yet is read again at most this often on events. */
export const RETRY_MS = 1000;
/** After a click, pay-flow dialogs are looked for this much later. */
export const SPEND_CHECK_DELAY_MS = 800;

/**
 * @typedef {object} ReporterDeps
 * @property {Document} doc
 * @property {() => string} getHref the page's current address
 * @property {() => number} now
 * @property {URL} landedUrl the address the document was loaded at
 * @property {(message: object) => void} send to the background
 * @property {(fn: () => void, delayMs: number) => void} schedule
 * @property {() => {playing: boolean, video: boolean}} readMedia
 * @property {() => boolean} isVisible
 * @property {(doc: Document) => void} listen start passing this document's keydown and
 *   click events (capture) to `onInput` (chat frames)
 * @property {(what: string, error: unknown) => void} [onError]
 */

/**
 * @param {ReporterDeps} deps
 */
export function createReporter(deps) {
  const { doc, getHref, now, landedUrl, send, schedule } = deps;
  const onError = deps.onError ?? (() => {});
  const aliases = createAliasMemory();
  const chat = createChatCounter();
  const spend = createSpendOnce();
  /** @type {WeakSet<Document>} */
  const listened = new WeakSet([doc]);

  let navKey = navigationKey(getHref());
  let navigation = 0;
  /** @type {{url: URL, adapter: Adapter | null, resolution: Creator | {needsPage: true} | null, at: number} | null} */
  let cached = null;
  /** @type {string | null} */
  let lastSent = null;
  let chatTimer = false;
  let ticks = 0;
  /** Between pagehide and pageshow: the tab no longer shows this document. */
  let leaving = false;

  /**
   * @template T
   * @param {string} what
   * @param {() => T} fn
   * @param {T} fallback
   * @returns {T}
   */
  function guarded(what, fn, fallback) {
    try {
      return fn();
    } catch (e) {
      onError(what, e);
      return fallback;
    }
  }

  /** Notices a navigation; starts the re-reads that follow one. */
  function checkNavigation() {
    const key = navigationKey(getHref());
    if (key === navKey) return;
    navKey = key;
    navigation++;
    cached = null;
    lastSent = null; // every navigation is reported, even to a page of the same creator
    for (const delay of SETTLE_DELAYS_MS) {
      const n = navigation;
      schedule(() => {
        if (n === navigation) report(now(), true);
      }, delay);
    }
  }

  /**
   * The page's creator, read again when forced, on a new page, or (rate-limited) while it
   * is still unknown.
   * @param {boolean} force
   */
  function current(force) {
    checkNavigation();
    const t = now();
    const unknown =
      cached !== null && cached.resolution !== null && "needsPage" in cached.resolution;
    if (cached && !force && !(unknown && t - cached.at >= RETRY_MS)) return cached;
    const url = new URL(getHref());
    const adapter = adapterFor(url);
    if (adapter?.bridgeQueryEvent) {
      const name = adapter.bridgeQueryEvent;
      guarded("bridge", () => doc.dispatchEvent(new CustomEvent(name)), false);
    }
    const hints = { landedUrl, aliases: adapter ? aliases.of(adapter.platform) : undefined };
    /** @type {Creator | {needsPage: true} | null} */
    const fallback = adapter ? { needsPage: true } : null;
    const resolution = guarded("resolve", () => resolve(url, doc, hints), fallback);
    if (adapter && resolution && "handle" in resolution) {
      aliases.learn(adapter.platform, resolution.aliases, resolution.handle);
    }
    cached = { url, adapter, resolution, at: t };
    return cached;
  }

  /** @returns {Creator | null} */
  function creatorOf(/** @type {ReturnType<typeof current>} */ c) {
    return c.resolution && "handle" in c.resolution ? c.resolution : null;
  }

  /**
   * The page-state now, without sending it.
   * @param {number} at
   * @param {boolean} [force] read the page again even if nothing seems to have changed
   * @returns {PageState}
   */
  function state(at, force = false) {
    const c = current(force);
    const who = creatorOf(c);
    const isLive = c.adapter?.isLive;
    const live =
      who !== null && isLive
        ? guarded("isLive", () => isLive.call(c.adapter, doc, c.url, { landedUrl }), false)
        : false;
    return buildPageState({
      at,
      resolution: c.resolution,
      live,
      media: guarded("media", deps.readMedia, { playing: false, video: false }),
      visible: deps.isVisible(),
    });
  }

  /**
   * Sends the page-state if it differs from the last one sent; then the pay-flow and chat
   * checks that depend on the creator.
   * @param {number} [at] when the triggering event happened
   * @param {boolean} [force]
   */
  function report(at = now(), force = false) {
    const s = state(at, force);
    // A document on its way out (unloading, or into the back-forward cache) fires
    // visibilitychange "hidden" and media events after pagehide: they say nothing about
    // the tab, whose URL may already be the next page's, so they are not sent.
    if (leaving) return s;
    const key = stateKey(s);
    if (key !== lastSent) {
      lastSent = key;
      send(s);
    }
    checkSpend(at);
    watchChat();
    return s;
  }

  /** @param {number} at */
  function checkSpend(at) {
    const c = cached;
    const who = c ? creatorOf(c) : null;
    const spendFlow = c?.adapter?.spendFlow;
    if (!c || !who || !spendFlow) return;
    if (!guarded("spendFlow", () => spendFlow.call(c.adapter, c.url, doc), false)) return;
    if (!spend.claim(navigation, who)) return;
    send({ kind: "mark", at, what: "spend", platform: who.platform, handle: who.handle, count: 1 });
  }

  /** Listens in the chat's own document when the chat lives in a frame. */
  function watchChat() {
    const chatInput = cached?.adapter?.chatInput;
    if (!cached || !chatInput) return;
    const adapter = cached.adapter;
    const input = guarded("chatInput", () => chatInput.call(adapter, doc), null);
    const owner = input?.ownerDocument;
    if (owner && !listened.has(owner)) {
      listened.add(owner);
      deps.listen(owner);
    }
  }

  function flushChat(force = false) {
    for (const mark of chat.take(now(), force)) send(mark);
    const due = chat.dueAt();
    if (due !== null && !chatTimer) {
      chatTimer = true;
      schedule(
        () => {
          chatTimer = false;
          flushChat();
        },
        Math.max(0, due - now()),
      );
    }
  }

  return {
    report,
    state,

    /**
     * A keydown or click in the page or a chat frame: counts a chat send, and after a
     * click looks for a pay-flow dialog.
     * @param {import("./chat_send.js").EventLike} ev
     */
    onInput(ev) {
      if (ev.type === "click") {
        const n = navigation;
        schedule(() => {
          if (n !== navigation) return;
          current(true);
          checkSpend(now());
        }, SPEND_CHECK_DELAY_MS);
      }
      const c = current(false);
      const adapter = c.adapter;
      const who = creatorOf(c);
      if (!adapter || !who || (!adapter.chatInput && !adapter.chatSendButton)) return;
      const input = adapter.chatInput
        ? guarded("chatInput", () => adapter.chatInput?.(doc) ?? null, null)
        : null;
      const button = adapter.chatSendButton
        ? guarded("chatSendButton", () => adapter.chatSendButton?.(doc) ?? null, null)
        : null;
      if (!isChatSend(ev, input, button)) return;
      chat.add(who, now());
      flushChat();
    },

    /** The page is going away: every pending chat count leaves now; nothing after it. */
    onPageHide() {
      flushChat(true);
      leaving = true;
    },

    /** Shown again (back-forward cache): the next report goes out even if unchanged. */
    onPageShow() {
      if (!leaving) return;
      leaving = false;
      lastSent = null;
    },

    /** Periodic check while visible: a URL change the page's own events didn't announce. */
    tick() {
      ticks++;
      if (navigationKey(getHref()) !== navKey) report();
      else if (ticks % 4 === 0) watchChat();
    },

    /** For tests and diagnostics. */
    get navigation() {
      return navigation;
    },
  };
}
