// @ts-check
// How a nudge reaches the user and how their answer reaches the host (NUDGE_CONTRACT.md).
// Each nudge the host hands out becomes a notification: in Chromium with its first two
// choices as buttons, in Firefox (no buttons) one that opens the pop-up page where every
// choice is shown. The latest unanswered nudge is kept in storage.local for the pages
// (`nudges.current`); an answer goes to the host through a durable queue (the host may be
// away), and the chosen choice's follow-up runs here (close the tab, a reminder, the R5
// pause, the R4 wind-down card, one of the extension's pages).

import { activityOf } from "./nudge_poller.js";
import { NOTIFICATION_ICON } from "./notification_icon.js";
import { SETTINGS_KEY } from "./settings_cache.js";

export const CURRENT_KEY = "nudges.current";
export const SHOWN_KEY = "nudges.shown";
export const REMINDERS_KEY = "nudges.reminders";
/** Notification ids: a nudge's, a reminder's. */
export const NUDGE_PREFIX = "parasol-nudge:";
export const REMINDER_PREFIX = "parasol-remind:";
/** How many shown nudges are remembered (to answer a late click on an old notification). */
export const MAX_SHOWN = 20;

export const POPUP_PAGE = "pages/popup/popup.html";
export const OPTIONS_PAGE = "pages/options/options.html";
export const REFLECTION_PAGE = "pages/reflection/reflection.html";
export const SUPPORT_PAGE = "pages/support/support.html";
/**
 * `nudges.choose`'s choice for "Don't show this kind" (offered by the pop-up on R1-R11):
 * answers `unhelpful` and turns the rule off.
 */
export const DONT_SHOW = "dont_show";

const HOUR = 60 * 60 * 1000;
const RULE_RE = /^R(?:[1-9]|1[01])$/;

/**
 * @typedef {{label: string, action: "helpful" | "snoozed" | "dismissed" | "unhelpful",
 *   snooze_min?: number, follow_up?: string}} Choice
 * @typedef {{id: string, rule: string, title: string, message: string,
 *   creator: {platform: string, handle: string, label: string} | null, created_at: number,
 *   choices?: Choice[]}} Nudge
 * @typedef {{nudge: Nudge, tabId: number | null, at: number, answered: string | null}} Shown
 * @typedef {{ok: true} & Record<string, any> | {ok: false, error: {code: string,
 *   message: string, path?: string}}} Reply
 */

/**
 * When a reminder follow-up fires (local time): "later today" in 3 h; "this evening" at
 * 19:00 (in an hour if that has passed, tomorrow's 19:00 after 21:00); "this weekend" the
 * next Saturday 11:00 (Sunday 11:00 when chosen on Saturday after 11:00); R3's "5 more
 * minutes" in 5 minutes.
 * @param {string} followUp remind_later_today | remind_this_evening | remind_weekend |
 *   remind_in_5_min
 * @param {number} now
 * @returns {number | null} null for anything else
 */
export function reminderAt(followUp, now) {
  const d = new Date(now);
  const at = (/** @type {number} */ dayOffset, /** @type {number} */ hour) =>
    new Date(d.getFullYear(), d.getMonth(), d.getDate() + dayOffset, hour, 0, 0, 0).getTime();
  switch (followUp) {
    case "remind_in_5_min":
      return now + 5 * 60_000;
    case "remind_later_today":
      return now + 3 * HOUR;
    case "remind_this_evening": {
      if (now < at(0, 19)) return at(0, 19);
      if (now < at(0, 21)) return now + HOUR;
      return at(1, 19);
    }
    case "remind_weekend": {
      const day = d.getDay(); // 0 = Sunday, 6 = Saturday
      if (day === 6 && now < at(0, 11)) return at(0, 11);
      if (day === 6) return at(1, 11);
      if (day === 0 && now < at(0, 11)) return at(0, 11);
      return at(6 - day, 11);
    }
    default:
      return null;
  }
}

/**
 * The page (and anchor) a follow-up opens, or null for follow-ups that open nothing.
 * @param {string} followUp
 * @param {string} rule
 */
export function pageFor(followUp, rule) {
  switch (followUp) {
    case "open_budget":
      return `${OPTIONS_PAGE}#rule-R7`;
    case "open_options":
      return RULE_RE.test(rule) ? `${OPTIONS_PAGE}#rule-${rule}` : OPTIONS_PAGE;
    case "open_reflection":
      return REFLECTION_PAGE;
    case "open_checkin":
      return `${POPUP_PAGE}?checkin=1`;
    case "open_support":
      return SUPPORT_PAGE;
    default:
      return null;
  }
}

/**
 * A nudge from nudges.poll, checked enough to show it safely (the host validated it).
 * @param {any} n
 * @returns {n is Nudge}
 */
export function isNudge(n) {
  return (
    n !== null &&
    typeof n === "object" &&
    typeof n.id === "string" &&
    /^[A-Za-z0-9_-]{1,64}$/.test(n.id) &&
    typeof n.rule === "string" &&
    typeof n.title === "string" &&
    typeof n.message === "string" &&
    (n.choices === undefined || Array.isArray(n.choices))
  );
}

/** Deep merge of plain objects (a settings.set patch onto the cached settings). */
/** @param {any} base @param {any} patch @returns {any} */
function merged(base, patch) {
  if (!base || typeof base !== "object" || Array.isArray(base)) return patch;
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merged(base[k], v);
  return out;
}

/**
 * @typedef {object} NudgeNotificationsDeps
 * @property {any} api  the browser namespace (notifications, tabs, alarms, runtime, i18n)
 * @property {import("./outbox.js").StorageArea} local
 * @property {import("./pending_requests.js").PendingRequests} pending
 * @property {{turnOn: () => Promise<void>}} pause  R5's pause gate
 * @property {number} maxButtons  notification buttons the browser shows (Chromium 2, Firefox 0)
 * @property {() => import("./tracker.js").TrackerState | null} trackerState
 * @property {() => number} now
 * @property {(key: string, subs?: string[]) => string} [t]  i18n.getMessage
 * @property {(...args: any[]) => void} [log]
 */

export class NudgeNotifications {
  #d;
  /** Storage read-modify-writes one after another. */
  /** @type {Promise<unknown>} */
  #io = Promise.resolve();
  /** The user's actions one after another: a button press and the close that may follow it
   * must not both see the nudge unanswered. */
  /** @type {Promise<unknown>} */
  #actions = Promise.resolve();

  /** @param {NudgeNotificationsDeps} deps */
  constructor(deps) {
    this.#d = {
      log: () => {},
      t: (/** @type {string} */ key, /** @type {string[]} */ subs = []) =>
        deps.api.i18n?.getMessage?.(key, subs) || "",
      ...deps,
    };
  }

  // --- showing ---------------------------------------------------------------------------

  /**
   * Shows what nudges.poll handed out, one notification each; the last becomes the current.
   * @param {any[]} nudges
   */
  async show(nudges) {
    for (const n of nudges) {
      if (!isNudge(n)) {
        this.#d.log("parasol: a nudge from the host was malformed, not shown:", n);
        continue;
      }
      const tabId = this.#tabAbout(n);
      await this.#edit(async () => {
        const shown = await this.#shown();
        shown[n.id] = { nudge: n, tabId, at: this.#d.now(), answered: null };
        const keep = Object.entries(shown)
          .sort((a, b) => b[1].at - a[1].at)
          .slice(0, MAX_SHOWN);
        await this.#d.local.set({ [SHOWN_KEY]: Object.fromEntries(keep), [CURRENT_KEY]: n });
      });
      await this.#notify(n);
    }
  }

  /** @param {Nudge} n */
  async #notify(n) {
    const api = this.#d.api;
    if (!api.notifications) return; // no permission: the pop-up still shows the current one
    const choices = n.choices ?? [];
    const buttons = choices.slice(0, this.#d.maxButtons).map((c) => ({ title: c.label }));
    const more = choices.length > buttons.length && n.rule !== "reflection";
    const hint = more ? this.#d.t("nudgeNotificationMore") : "";
    /** @type {Record<string, any>} */
    const options = {
      type: "basic",
      iconUrl: NOTIFICATION_ICON,
      title: n.title,
      message: hint ? `${n.message}\n${hint}` : n.message,
    };
    if (buttons.length) options.buttons = buttons;
    try {
      await api.notifications.create(NUDGE_PREFIX + n.id, options);
    } catch (err) {
      this.#d.log("parasol: notifications.create failed:", err);
    }
  }

  /**
   * The tab a nudge is about: one showing its creator (the focused one first), else the
   * focused tab if it shows a creator. Used by the close_tab follow-up.
   * @param {Nudge} n
   * @returns {number | null}
   */
  #tabAbout(n) {
    const s = this.#d.trackerState();
    if (!s) return null;
    const a = activityOf(s);
    const ids = Object.keys(a.tabs).map(Number);
    ids.sort((x, y) => (y === a.focusedTab ? 1 : 0) - (x === a.focusedTab ? 1 : 0));
    const c = n.creator;
    const match = c
      ? ids.find((id) => {
          const who = a.tabs[id].creator;
          return who && who.platform === c.platform && who.handle === c.handle;
        })
      : undefined;
    if (match !== undefined) return match;
    return a.tabs[a.focusedTab]?.creator ? a.focusedTab : null;
  }

  // --- answers ---------------------------------------------------------------------------

  /**
   * `nudges.current`: the latest nudge handed out and not answered; with `id`, that nudge
   * if it was shown and is not answered (the Firefox pop-up opened from its notification).
   * @param {unknown} [id]
   * @returns {Promise<Nudge | null>}
   */
  async current(id) {
    if (typeof id === "string") {
      const entry = (await this.#shown())[id];
      return entry && !entry.answered ? entry.nudge : null;
    }
    const got = await this.#d.local.get(CURRENT_KEY);
    return got[CURRENT_KEY] ?? null;
  }

  /**
   * `nudges.choose`: the answer goes to the host (queued durably), then the follow-up runs.
   * @param {unknown} id
   * @param {unknown} index into the nudge's choices, or DONT_SHOW
   * @returns {Promise<Reply>}
   */
  choose(id, index) {
    return this.#serial(() => this.#choose(id, index));
  }

  /** @param {unknown} id @param {unknown} index @returns {Promise<Reply>} */
  async #choose(id, index) {
    if (typeof id !== "string") return invalid("/id", "nudges.choose: id must be a string");
    const entry = (await this.#shown())[id];
    if (!entry) {
      return {
        ok: false,
        error: { code: "not_found", message: `nudges.choose: no nudge ${id} was shown` },
      };
    }
    const choices = entry.nudge.choices ?? [];
    if (index === DONT_SHOW) {
      if (!RULE_RE.test(entry.nudge.rule)) {
        return invalid(
          "/choice",
          `nudges.choose: a ${entry.nudge.rule} card has no kind to turn off`,
        );
      }
      return this.#answerChoice(id, entry, { label: "", action: "unhelpful" });
    }
    if (!Number.isInteger(index) || /** @type {number} */ (index) < 0) {
      return invalid("/choice", "nudges.choose: choice must be a non-negative integer");
    }
    const choice = choices[/** @type {number} */ (index)];
    if (!choice) {
      return invalid(
        "/choice",
        `nudges.choose: choice ${index} is out of range (the nudge has ${choices.length})`,
      );
    }
    return this.#answerChoice(id, entry, choice);
  }

  /** @param {string} id @param {Shown} entry @param {Choice} choice @returns {Promise<Reply>} */
  async #answerChoice(id, entry, choice) {
    /** @type {Record<string, any>} */
    const body = { id, action: choice.action };
    if (choice.action === "snoozed" && Number.isInteger(choice.snooze_min))
      body.snooze_min = choice.snooze_min;
    await this.#answer(entry, body);
    // "Don't show this kind": the host records it; turning the rule off is the extension's.
    if (choice.action === "unhelpful" && RULE_RE.test(entry.nudge.rule)) {
      await this.#setSettings({ rules: { [entry.nudge.rule]: { enabled: false } } });
    }
    if (choice.follow_up) {
      try {
        await this.#followUp(choice, entry);
      } catch (err) {
        this.#d.log(`parasol: follow-up ${choice.follow_up} failed:`, err);
      }
    }
    return { ok: true };
  }

  /**
   * Records the answer (shown entry, current cleared) and queues nudges.respond.
   * @param {Shown} entry @param {{id: string, action: string, snooze_min?: number}} body
   */
  async #answer(entry, body) {
    const id = entry.nudge.id;
    await this.#edit(async () => {
      const shown = await this.#shown();
      if (shown[id]) shown[id].answered = body.action;
      const { [CURRENT_KEY]: cur } = await this.#d.local.get(CURRENT_KEY);
      /** @type {Record<string, any>} */
      const writes = { [SHOWN_KEY]: shown };
      if (cur?.id === id) writes[CURRENT_KEY] = null;
      await this.#d.local.set(writes);
    });
    await this.#d.pending.put(`respond:${id}`, "nudges.respond", body);
    await this.#d.api.notifications?.clear(NUDGE_PREFIX + id).catch(() => {});
  }

  /** @param {Choice} choice @param {Shown} entry */
  async #followUp(choice, entry) {
    const f = /** @type {string} */ (choice.follow_up);
    const { api } = this.#d;
    const page = pageFor(f, entry.nudge.rule);
    if (page) {
      await api.tabs.create({ url: api.runtime.getURL(page) });
      return;
    }
    const when = reminderAt(f, this.#d.now());
    if (when !== null) {
      await this.#remind(choice, entry.nudge, when);
      return;
    }
    switch (f) {
      case "close_tab":
        await this.#closeTab(entry);
        return;
      case "pause_page_24h":
        await this.#d.pause.turnOn();
        return;
      case "wind_down_card":
        await this.#setSettings({ rules: { R4: { wind_down_card: true } } });
        return;
      default:
        this.#d.log(`parasol: unknown follow-up ${JSON.stringify(f)}, nothing done`);
    }
  }

  /** Closes the tab the nudge was about, if it still shows a creator. @param {Shown} entry */
  async #closeTab(entry) {
    const s = this.#d.trackerState();
    const a = s ? activityOf(s) : null;
    const stillCreator = (/** @type {number | null} */ id) =>
      id !== null && a !== null && Boolean(a.tabs[id]?.creator);
    let target = stillCreator(entry.tabId) ? entry.tabId : this.#tabAbout(entry.nudge);
    if (!stillCreator(target)) target = null;
    if (target === null) {
      this.#d.log("parasol: close_tab: no creator tab to close");
      return;
    }
    await this.#d.api.tabs.remove(target);
  }

  /**
   * A local reminder: an alarm now, a plain notification when it fires.
   * @param {Choice} choice @param {Nudge} nudge @param {number} when
   */
  async #remind(choice, nudge, when) {
    await this.#keepReminder(`${REMINDER_PREFIX}${nudge.id}`, {
      label: choice.label,
      title: nudge.title,
      when,
    });
  }

  /**
   * `nudges.remind` from the reflection page: the user's if-then plan, as a reminder at the
   * time they picked (NUDGES.md: the plan "becomes a reminder"). One plan reminder at a time.
   * @param {unknown} text @param {unknown} when
   * @returns {Promise<Reply>}
   */
  async remindPlan(text, when) {
    if (typeof text !== "string" || !text.trim() || text.length > 500) {
      return invalid("/text", "nudges.remind: text must be 1-500 characters");
    }
    if (!Number.isInteger(when) || /** @type {number} */ (when) <= this.#d.now()) {
      return invalid("/when", "nudges.remind: when must be a future instant (ms)");
    }
    await this.#keepReminder(`${REMINDER_PREFIX}plan`, {
      label: text.trim(),
      title: "",
      when: /** @type {number} */ (when),
    });
    return { ok: true };
  }

  /**
   * Stores a reminder (shown by onReminder) and sets its alarm.
   * @param {string} name @param {{label: string, title: string, when: number}} reminder
   */
  async #keepReminder(name, reminder) {
    await this.#edit(async () => {
      const got = await this.#d.local.get(REMINDERS_KEY);
      const all = { ...(got[REMINDERS_KEY] ?? {}) };
      all[name] = reminder;
      await this.#d.local.set({ [REMINDERS_KEY]: all });
    });
    await this.#d.api.alarms.create(name, { when: reminder.when });
  }

  /**
   * A reminder's alarm fired: show it (plain, no buttons) and forget it.
   * @param {string} name
   */
  async onReminder(name) {
    let entry = null;
    await this.#edit(async () => {
      const got = await this.#d.local.get(REMINDERS_KEY);
      const all = { ...(got[REMINDERS_KEY] ?? {}) };
      entry = all[name] ?? null;
      delete all[name];
      await this.#d.local.set({ [REMINDERS_KEY]: all });
    });
    const r = /** @type {{label: string, title: string} | null} */ (entry);
    if (!r || !this.#d.api.notifications) return;
    await this.#d.api.notifications
      .create(name, {
        type: "basic",
        iconUrl: NOTIFICATION_ICON,
        title: this.#d.t("nudgeReminderTitle") || r.title,
        message: this.#d.t("nudgeReminderMessage", [r.label]) || r.label,
      })
      .catch((/** @type {unknown} */ err) =>
        this.#d.log("parasol: reminder notification failed:", err),
      );
  }

  /**
   * A settings change a choice asks for: queued for the host, and into the cached settings
   * at once (content scripts read the cache, e.g. for the wind-down card).
   * @param {object} patch a partial settings document
   */
  async #setSettings(patch) {
    await this.#edit(async () => {
      const got = await this.#d.local.get(SETTINGS_KEY);
      if (got[SETTINGS_KEY]) {
        await this.#d.local.set({ [SETTINGS_KEY]: merged(got[SETTINGS_KEY], patch) });
      }
    });
    await this.#d.pending.put(`settings:${JSON.stringify(patch)}`, "settings.set", {
      settings: patch,
    });
  }

  // --- notification events ---------------------------------------------------------------

  /**
   * A notification's button: the same as choosing that choice in the pop-up.
   * @param {string} notificationId @param {number} buttonIndex
   */
  async onButtonClicked(notificationId, buttonIndex) {
    if (!notificationId.startsWith(NUDGE_PREFIX)) return;
    const r = await this.#serial(() =>
      this.#choose(notificationId.slice(NUDGE_PREFIX.length), buttonIndex),
    );
    if (!r.ok) this.#d.log("parasol: notification button:", r.error.message);
  }

  /**
   * The notification's body: the reflection opens its page (as its "open" choice); any
   * other nudge opens the pop-up page with all its choices.
   * @param {string} notificationId
   */
  onClicked(notificationId) {
    return this.#serial(() => this.#onClicked(notificationId));
  }

  /** @param {string} notificationId */
  async #onClicked(notificationId) {
    const { api } = this.#d;
    if (notificationId.startsWith(REMINDER_PREFIX)) {
      await api.notifications.clear(notificationId).catch(() => {});
      return;
    }
    if (!notificationId.startsWith(NUDGE_PREFIX)) return;
    const id = notificationId.slice(NUDGE_PREFIX.length);
    const entry = (await this.#shown())[id];
    await api.notifications.clear(notificationId).catch(() => {});
    if (entry?.nudge.rule === "reflection") {
      const choices = entry.nudge.choices ?? [];
      const open = choices.findIndex((c) => c.follow_up === "open_reflection");
      if (open >= 0 && !entry.answered) await this.#choose(id, open);
      else await api.tabs.create({ url: api.runtime.getURL(REFLECTION_PAGE) });
      return;
    }
    const q = new URLSearchParams({ nudge: id });
    await api.tabs.create({ url: `${api.runtime.getURL(POPUP_PAGE)}?${q}` });
  }

  /**
   * Closed by the user without choosing: dismissed. Closed by the browser (a timeout, our
   * own clear() after a choice; Firefox never says who): nothing.
   * @param {string} notificationId @param {boolean | undefined} byUser
   */
  onClosed(notificationId, byUser) {
    if (!notificationId.startsWith(NUDGE_PREFIX) || byUser !== true) return Promise.resolve();
    const id = notificationId.slice(NUDGE_PREFIX.length);
    return this.#serial(async () => {
      const entry = (await this.#shown())[id];
      if (!entry || entry.answered) return;
      await this.#answer(entry, { id, action: "dismissed" });
    });
  }

  // --- runtime messages ------------------------------------------------------------------

  /**
   * `nudges.current` and `nudges.choose` from the extension's own pages.
   * @param {any} msg
   * @returns {Promise<Reply>}
   */
  async onMessage(msg) {
    if (msg.kind === "nudges.current") return { ok: true, nudge: await this.current(msg.id) };
    if (msg.kind === "nudges.choose") return this.choose(msg.id, msg.choice);
    if (msg.kind === "nudges.remind") return this.remindPlan(msg.text, msg.when);
    return invalid("/kind", `unknown message kind ${JSON.stringify(msg.kind)}`);
  }

  // --- storage ---------------------------------------------------------------------------

  /** @returns {Promise<Record<string, Shown>>} */
  async #shown() {
    const got = await this.#d.local.get(SHOWN_KEY);
    return { ...(got[SHOWN_KEY] ?? {}) };
  }

  /** @template T @param {() => Promise<T>} op @returns {Promise<T>} */
  #serial(op) {
    const next = this.#actions.then(op);
    this.#actions = next.catch(() => {});
    return next;
  }

  /** @param {() => Promise<void>} op */
  #edit(op) {
    const next = this.#io.then(op);
    this.#io = next.catch(() => {});
    return next;
  }
}

/** @param {string} path @param {string} message @returns {Reply} */
function invalid(path, message) {
  return { ok: false, error: { code: "invalid", message, path } };
}
