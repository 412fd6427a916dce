// @ts-check
// The two nudges that belong in the page rather than in a notification (NUDGES.md):
// - R4's wind-down card: at the first video end after bedtime (the sleep window's start),
//   when the user turned it on (settings rules.R4.wind_down_card), once a night;
// - R7's note on a checkout page: when the page is a creator's pay flow and R7 is on, a
//   small dismissible "Taking a moment before paying?", once per page.
// Both live in a shadow root (the page's styles can't reach them, nor theirs the page),
// are reachable from the keyboard (buttons; Escape closes), follow the light/dark scheme,
// and take their words from _locales (messages.nudges.json). Nothing here leaves the page.

import { adapterFor } from "../platforms/registry.js";

/** storage.local key: the night (local date it began) the wind-down card was last shown. */
export const WIND_DOWN_NIGHT_KEY = "nudges.wind_down_night";
/** The host's default sleep window (NUDGES.md), until the settings say otherwise. */
export const DEFAULT_SLEEP_WINDOW = Object.freeze({ start: "00:30", end: "05:30" });
export const CARD_ATTRIBUTE = "data-parasol-card";

/** @param {string} hhmm @returns {number | null} minutes after midnight */
function minutesOf(hhmm) {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(String(hhmm));
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** @param {Date} d */
function dateKey(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The night `now` falls in, if it is inside the sleep window (local time; the window may
 * wrap midnight): the local date the window began on, else null.
 * @param {number} now
 * @param {{start: string, end: string}} window
 * @returns {string | null}
 */
export function nightOf(now, window) {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === null || end === null || start === end) return null;
  const d = new Date(now);
  const m = d.getHours() * 60 + d.getMinutes();
  if (start < end) return m >= start && m < end ? dateKey(d) : null;
  if (m >= start) return dateKey(d); // before midnight: the night began today
  if (m < end) return dateKey(new Date(d.getFullYear(), d.getMonth(), d.getDate() - 1));
  return null;
}

/**
 * @typedef {{title: string, message: string, actions: string[]}} CardText
 *
 * @typedef {object} NudgeCardsDeps
 * @property {Document} doc
 * @property {() => number} now
 * @property {(keys: string[]) => Promise<Record<string, any>>} readLocal  storage.local.get
 * @property {(items: Record<string, any>) => Promise<void>} writeLocal  storage.local.set
 * @property {(key: string) => string} t  i18n.getMessage
 * @property {() => boolean} isSpendFlow  the page is a creator's pay flow now
 * @property {(what: string, error: unknown) => void} [onError]
 */

/** @param {NudgeCardsDeps} deps */
export function createNudgeCards(deps) {
  const { doc } = deps;
  const onError = deps.onError ?? (() => {});
  /** Pages (URL without fragment) whose checkout note has been shown. */
  const spendShown = new Set();
  let windDownBusy = false;

  /** @returns {Promise<any>} the cached settings document (or {}) */
  async function settings() {
    const got = await deps.readLocal(["settings"]);
    return got.settings ?? {};
  }

  /**
   * A card: fixed in the page's corner, in a shadow root, with equal buttons; any button,
   * the × and Escape close it.
   * @param {string} kind "wind-down" | "spend"
   * @param {CardText} text
   * @returns {HTMLElement} the host element
   */
  function show(kind, text) {
    doc.querySelector(`[${CARD_ATTRIBUTE}="${kind}"]`)?.remove();
    const host = doc.createElement("div");
    host.setAttribute(CARD_ATTRIBUTE, kind);
    const root = host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = CARD_CSS;
    const card = doc.createElement("div");
    card.className = "card";
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-modal", "false");
    card.setAttribute("aria-labelledby", "title");
    card.setAttribute("aria-describedby", "message");
    const title = doc.createElement("p");
    title.id = "title";
    title.className = "title";
    title.textContent = text.title;
    const message = doc.createElement("p");
    message.id = "message";
    message.textContent = text.message;
    const actions = doc.createElement("div");
    actions.className = "actions";
    const close = () => host.remove();
    for (const label of text.actions) {
      const b = doc.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.addEventListener("click", close);
      actions.append(b);
    }
    const x = doc.createElement("button");
    x.type = "button";
    x.className = "close";
    x.setAttribute("aria-label", deps.t("cardClose") || "Close");
    x.textContent = "×";
    x.addEventListener("click", close);
    card.addEventListener("keydown", (/** @type {any} */ ev) => {
      if (ev.key === "Escape") close();
    });
    card.append(x, title, message, actions);
    root.append(style, card);
    (doc.body ?? doc.documentElement).append(host);
    return host;
  }

  return {
    /**
     * A media element ended: the wind-down card, if it is on, a video ended, it is after
     * bedtime and the card has not been shown this night.
     * @param {EventTarget | null} target the element that ended
     * @returns {Promise<HTMLElement | null>} the card shown, if any
     */
    async onMediaEnded(target) {
      const el = /** @type {any} */ (target);
      if (!el || String(el.tagName).toUpperCase() !== "VIDEO" || windDownBusy) return null;
      windDownBusy = true;
      try {
        const s = await settings();
        if (s.nudges?.enabled === false || s.rules?.R4?.wind_down_card !== true) return null;
        const night = nightOf(deps.now(), s.nudges?.sleep_window ?? DEFAULT_SLEEP_WINDOW);
        if (!night) return null;
        const got = await deps.readLocal([WIND_DOWN_NIGHT_KEY]);
        if (got[WIND_DOWN_NIGHT_KEY] === night) return null;
        await deps.writeLocal({ [WIND_DOWN_NIGHT_KEY]: night });
        return show("wind-down", {
          title: deps.t("windDownTitle"),
          message: deps.t("windDownMessage"),
          actions: [deps.t("windDownGoodNight"), deps.t("windDownOneMore")],
        });
      } catch (e) {
        onError("wind-down card", e);
        return null;
      } finally {
        windDownBusy = false;
      }
    },

    /**
     * The page may have become a pay flow (load, navigation, a click opening a dialog): the
     * checkout note, if R7 is on and it has not been shown on this page.
     * @param {string} pageKey the page's address without fragment
     * @returns {Promise<HTMLElement | null>}
     */
    async checkSpend(pageKey) {
      if (spendShown.has(pageKey)) return null;
      let spend = false;
      try {
        spend = deps.isSpendFlow();
      } catch (e) {
        onError("spendFlow", e);
      }
      if (!spend) return null;
      spendShown.add(pageKey);
      try {
        const s = await settings();
        if (s.nudges?.enabled === false || s.rules?.R7?.enabled === false) return null;
        return show("spend", {
          title: deps.t("spendNoteTitle"),
          message: deps.t("spendNoteMessage"),
          actions: [deps.t("spendNoteContinue")],
        });
      } catch (e) {
        onError("checkout note", e);
        return null;
      }
    },
  };
}

/** While the page is visible, how often it is checked for a pay flow (dialogs open late). */
export const SPEND_CHECK_MS = 2000;

/**
 * The cards wired to a real page (content/main.js): media "ended" (capture: media events
 * don't bubble), navigations, clicks (a pay dialog opens after one) and a slow check while
 * the page is visible.
 * @param {{win: any, api: any, isSpendFlow?: () => boolean,
 *   onError?: (what: string, error: unknown) => void}} p  isSpendFlow: by default the
 *   platform adapter's spendFlow for the page's address
 */
export function startNudgeCards({ win, api, isSpendFlow, onError }) {
  const doc = /** @type {Document} */ (win.document);
  const spendFlow =
    isSpendFlow ??
    (() => {
      const url = new URL(win.location.href);
      const adapter = adapterFor(url);
      return Boolean(adapter?.spendFlow?.call(adapter, url, doc));
    });
  const local = api.storage?.local;
  const cards = createNudgeCards({
    doc,
    now: () => Date.now(),
    readLocal: (keys) => (local ? local.get(keys) : Promise.resolve({})),
    writeLocal: (items) => (local ? local.set(items) : Promise.resolve()),
    t: (key) => api.i18n?.getMessage?.(key) ?? "",
    isSpendFlow: spendFlow,
    onError,
  });
  const pageKey = () => String(win.location.href).split("#")[0];
  const check = () => {
    if (doc.visibilityState === "visible") cards.checkSpend(pageKey());
  };
  doc.addEventListener("ended", (ev) => cards.onMediaEnded(ev.target), true);
  doc.addEventListener("click", () => win.setTimeout(check, 800), true);
  doc.addEventListener("yt-navigate-finish", check);
  win.addEventListener("popstate", check);
  win.setInterval(check, SPEND_CHECK_MS);
  check();
  return cards;
}

const CARD_CSS = `
:host { all: initial; }
.card {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
  box-sizing: border-box; width: min(360px, calc(100vw - 32px));
  padding: 16px 40px 14px 16px; border-radius: 12px;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: #1f2a27; background: #f7faf8; border: 1px solid #c9d8d2;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
}
.title { margin: 0 0 6px; font-weight: 600; font-size: 15px; }
p { margin: 0 0 12px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
button {
  font: inherit; cursor: pointer; border-radius: 8px; padding: 6px 12px;
  border: 1px solid #2f7d6d; background: transparent; color: inherit;
}
button:hover { background: rgba(47, 125, 109, 0.12); }
button:focus-visible { outline: 3px solid #2f7d6d; outline-offset: 2px; }
.close {
  position: absolute; top: 8px; right: 8px; border: none; padding: 2px 8px;
  font-size: 18px; line-height: 1;
}
@media (prefers-color-scheme: dark) {
  .card { color: #e6efeb; background: #1d2623; border-color: #3c4d47; }
  button { border-color: #6fc1ad; }
  button:focus-visible { outline-color: #6fc1ad; }
}
@media (prefers-reduced-motion: no-preference) {
  .card { animation: in 200ms ease-out; }
  @keyframes in { from { opacity: 0; transform: translateY(8px); } }
}
`;
