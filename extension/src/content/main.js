// @ts-check
// Content script entry (bundled to an IIFE). Wiring only: the logic is in reporter.js.
// Runs in the top frame of creator sites; sub-frames would report their own page over the
// tab's, so they do nothing (a YouTube chat frame is reached from the top frame instead).

import { mediaState } from "./media_state.js";
import { startNudgeCards } from "./nudge_cards.js";
import { createReporter } from "./reporter.js";

const MEDIA_EVENTS = ["play", "playing", "pause", "ended", "emptied", "volumechange"];
/** URL check while the page is visible, for navigations the page doesn't announce. */
const POLL_MS = 500;

const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;

/** @returns {URL} the address this document was loaded at, before any in-page navigation */
function landedUrl() {
  try {
    const nav = /** @type {PerformanceNavigationTiming | undefined} */ (
      performance.getEntriesByType("navigation")[0]
    );
    if (nav && nav.name) return new URL(nav.name);
  } catch {
    // No navigation timing entry (some embedded contexts): the current address will do.
  }
  return new URL(location.href);
}

/** @type {Set<string>} */
const reported = new Set();
/**
 * Logged once per kind: a content script that logs on every event floods the page console.
 * @param {string} what
 * @param {unknown} error
 */
function logOnce(what, error) {
  if (reported.has(what)) return;
  reported.add(what);
  console.debug(`parasol: ${what} failed:`, error instanceof Error ? error.message : error);
}

/** @param {object} message */
function send(message) {
  try {
    const p = api.runtime.sendMessage(message);
    if (p && typeof p.catch === "function")
      p.catch((/** @type {unknown} */ e) => logOnce("send", e));
  } catch (e) {
    // Thrown when the extension was reloaded under this page: nothing can reach it now.
    logOnce("send", e);
  }
}

function start() {
  /** @param {Event} ev */
  const onInput = (ev) => reporter.onInput(/** @type {any} */ (ev));

  /** @param {Document} d */
  function listen(d) {
    d.addEventListener("keydown", onInput, true);
    d.addEventListener("click", onInput, true);
  }

  const reporter = createReporter({
    doc: document,
    getHref: () => location.href,
    now: () => Date.now(),
    landedUrl: landedUrl(),
    send,
    schedule: (fn, ms) => void setTimeout(fn, ms),
    readMedia: () =>
      mediaState(
        /** @type {Iterable<HTMLMediaElement>} */ (document.querySelectorAll("video, audio")),
      ),
    isVisible: () => document.visibilityState === "visible",
    listen,
    onError: logOnce,
  });

  const now = () => Date.now();
  listen(document);
  // Media elements come and go with in-page navigation: listen on the document, in the
  // capture phase (media events don't bubble).
  for (const type of MEDIA_EVENTS)
    document.addEventListener(type, () => reporter.report(now()), true);
  document.addEventListener("yt-navigate-finish", () => reporter.report(now(), true));
  window.addEventListener("popstate", () => reporter.report(now()));
  window.addEventListener("pageshow", () => {
    reporter.onPageShow();
    reporter.report(now());
  });
  window.addEventListener("pagehide", () => reporter.onPageHide());

  /** @type {ReturnType<typeof setInterval> | null} */
  let poll = null;
  const syncPolling = () => {
    const visible = document.visibilityState === "visible";
    if (visible && poll === null) poll = setInterval(() => reporter.tick(), POLL_MS);
    if (!visible && poll !== null) {
      clearInterval(poll);
      poll = null;
    }
  };
  document.addEventListener("visibilitychange", () => {
    reporter.report(now());
    syncPolling();
  });

  // The background may ask again (it restarted, or a tab was adopted): answer with the
  // page-state as it is now.
  api.runtime.onMessage?.addListener(
    (
      /** @type {any} */ message,
      /** @type {unknown} */ _sender,
      /** @type {(r: unknown) => void} */ reply,
    ) => {
      if (message?.kind !== "page-state-request") return undefined;
      reply(reporter.state(now(), true));
      return undefined;
    },
  );

  reporter.report(now());
  syncPolling();
  startNudgeCards({ win: window, api, onError: logOnce });
}

if (window.top === window && api?.runtime?.sendMessage) start();
