// @ts-check
// What the pop-up says, worked out from the background's answers: pure functions, tested
// without a browser. popup_view.js turns them into DOM.

import { fixMessageKey } from "../../shared/runtime_messages.js";
import { creatorName, platformName } from "../../shared/platform_names.js";

/**
 * @typedef {import("../../shared/duration_format.js").Translate} Translate
 * @typedef {import("../../shared/runtime_messages.js").BackgroundStatus} BackgroundStatus
 * @typedef {import("../../shared/page_client.js").CurrentTab} CurrentTab
 */

/** Connection states in which nothing reaches the host. */
export const HOST_DOWN = new Set(["not_installed", "forbidden", "crashed", "incompatible"]);

const REASON_KEYS = /** @type {Record<string, string>} */ ({
  "no-tab": "liveNothing",
  "not-web": "liveNotWeb",
  "private-window": "livePrivate",
  "not-a-creator-page": "liveNotCreator",
  "unknown-creator": "liveUnknownCreator",
  "waiting-for-page": "liveWaitingForPage",
  "connection-off": "liveConnectionOff",
  idle: "liveIdle",
  locked: "liveLocked",
  "not-focused": "liveNotFocused",
  "not-visible": "liveNotVisible",
});

/**
 * The live line: what is being counted right now, or why nothing is.
 * @param {BackgroundStatus | null} status
 * @param {CurrentTab | null} tab
 * @param {Translate} t
 * @returns {{state: "counting" | "quiet", text: string, sub: string | null}}
 */
export function liveLine(status, tab, t) {
  const hostDown = status ? HOST_DOWN.has(status.connection.status) : false;
  const sub = hostDown ? t("liveKeptLocally") : null;
  /** @type {Array<{kind: string, platform: string, handle: string, label: string, state: string}>} */
  const all = [];
  if (tab?.counting) all.push(tab.counting);
  for (const c of status?.counting ?? []) {
    if (!all.some((a) => a.platform === c.platform && a.handle === c.handle && a.kind === c.kind))
      all.push(c);
  }
  if (all.length) {
    const texts = all.map((c) => {
      if (c.kind === "connection") return t("livePeople", [platformName(c.platform)]);
      const key =
        c.state === "watching"
          ? "liveWatching"
          : c.state === "listening"
            ? "liveListening"
            : "liveReading";
      return t(key, [creatorName(c), platformName(c.platform)]);
    });
    return { state: "counting", text: texts.join(" · "), sub };
  }
  if (!status && !tab) return { state: "quiet", text: t("liveUnknown"), sub: null };
  const reason = tab?.reason ?? "no-tab";
  return { state: "quiet", text: t(REASON_KEYS[reason] ?? "liveNothing"), sub };
}

/**
 * The host's state in one line, and the problem card when it is away.
 * @param {BackgroundStatus} status
 * @param {Translate} t
 */
export function hostState(status, t) {
  const c = status.connection;
  const keys = /** @type {Record<string, string>} */ ({
    connecting: "statusConnecting",
    connected: "statusConnected",
    not_installed: "statusNotInstalled",
    forbidden: "statusForbidden",
    crashed: "statusCrashed",
    incompatible: "statusIncompatible",
  });
  const line = t(keys[c.status] ?? "statusConnecting", [c.hostVersion ?? ""]).trim();
  const pending = status.outbox.pending;
  const queue = pending ? t("queueWaiting", [pending]) : t("queueEmpty");
  const fixKey = fixMessageKey(c.status);
  const problem = fixKey
    ? {
        title: line,
        fix: t(fixKey, [status.extensionId]),
        retry: c.retryAt ? t("retryAt", [new Date(c.retryAt).toLocaleTimeString()]) : null,
        kept: pending ? t("problemKept", [pending]) : null,
        error: c.error,
      }
    : null;
  return { status: c.status, line, queue, problem };
}

/**
 * Which empty state the pop-up shows, if any.
 * @param {{status: BackgroundStatus | null, week: any | null, welcomeSeen: boolean}} s
 * @returns {"host-missing" | "first-run" | "no-data" | null}
 */
export function emptyState({ status, week, welcomeSeen }) {
  const down = status ? HOST_DOWN.has(status.connection.status) : false;
  const hasData =
    week !== null &&
    (week.totals.creator_s > 0 || week.totals.connection_s > 0 || week.totals.social_min > 0);
  if (!welcomeSeen && !hasData) return "first-run";
  if (down && week === null) return "host-missing";
  if (week !== null && !hasData) return "no-data";
  return null;
}

/**
 * The creators the pop-up lists: today's, or this week's when today has none yet.
 * @param {any | null} today summary.get for today
 * @param {any | null} week summary.get for 7 days
 * @param {Set<string>} followed "platform/handle" keys
 * @param {number} [limit]
 */
export function topCreators(today, week, followed, limit = 4) {
  const source = (today && today.creators.length) || !week?.creators.length ? today : week;
  const scope = source === today ? "today" : "week";
  const list = (source?.creators ?? []).slice(0, limit).map((/** @type {any} */ c) => ({
    platform: c.platform,
    handle: c.handle,
    label: c.label,
    seconds: c.seconds,
    share: c.share,
    followed: followed.has(creatorKey(c)) || Boolean(c.followed),
  }));
  return { scope, list };
}

/** @param {{platform: string, handle: string}} c */
export function creatorKey(c) {
  return `${c.platform}/${c.handle}`;
}

/** The loneliness item of the week (the UCLA 3-item scale, rotated). @param {string} day */
export function lonelyQuestionKey(day) {
  const [y, m, d] = day.split("-").map(Number);
  const week = Math.floor(Date.UTC(y, m - 1, d) / (7 * 86_400_000));
  return ["lonelyCompanionship", "lonelyLeftOut", "lonelyIsolated"][week % 3];
}
