// @ts-check
// The weekly reflection (NUDGES.md): a positive headline, the four-week trend of the
// balance, the top three creators shown neutrally, one insight, an if-then plan the user
// writes, the goal review and thumbs on the week's nudges. Data from reflection.get.

import { balanceSentence } from "../../shared/balance_sentence.js";
import { dateOfDay } from "../../shared/chart_scale.js";
import { builder } from "../../shared/dom_builder.js";
import { formatDuration, formatMinutes } from "../../shared/duration_format.js";
import { asHostError } from "../../shared/page_client.js";
import { localDate, localize } from "../../shared/page_i18n.js";
import { creatorName, platformName } from "../../shared/platform_names.js";
import { trendFigure } from "../../shared/svg_trend.js";

/**
 * @typedef {import("../../shared/duration_format.js").Translate} Translate
 * @typedef {import("../../shared/page_client.js").PageClient} PageClient
 */

/** How much "loosen" and "tighten" move the daily goal. */
export const GOAL_STEP_MIN = 15;
const DAY_MS = 86_400_000;

/**
 * The goal after a review choice; null: no change to send.
 * @param {number | null} goal minutes a day, or none
 * @param {"keep" | "loosen" | "tighten"} choice
 */
export function reviewedGoal(goal, choice) {
  if (goal === null || choice === "keep") return null;
  const next = choice === "loosen" ? goal + GOAL_STEP_MIN : goal - GOAL_STEP_MIN;
  return Math.min(1440, Math.max(GOAL_STEP_MIN, next));
}

/**
 * The instant a datetime-local value ("2026-11-27T19:30") names in local time, or null when
 * it is empty or not a time.
 * @param {string} value
 * @returns {number | null}
 */
export function reminderInstant(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, hh, mm] = m.slice(1).map(Number);
  const at = new Date(y, mo - 1, d, hh, mm);
  return at.getMonth() === mo - 1 && at.getDate() === d ? at.getTime() : null;
}

/**
 * "If it's Wednesday after dinner, then I'll call Sam": the two halves as one plan.
 * @param {string} when @param {string} what @param {Translate} t
 */
export function planText(when, what, t) {
  const w = when.trim().replace(/^if\s+/i, "");
  const d = what.trim().replace(/^then\s+/i, "");
  if (!w || !d) return null;
  return t("planSentence", [w, d]).slice(0, 500);
}

/**
 * @param {Document} doc
 * @param {{client: PageClient, t: Translate, locale?: string, now?: () => number,
 *   until?: string}} deps
 */
export function mountReflection(doc, deps) {
  const { client, t } = deps;
  const { h, s } = builder(doc);
  const now = deps.now ?? Date.now;
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (doc.getElementById(id));
  const dur = (/** @type {number} */ s) => formatDuration(s, t);
  /** @type {any} */
  let r = null;

  localize(doc, t);
  doc.title = t("reflectionTitle");

  /** @type {any} */
  let toastTimer = null;
  /** @param {string} text @param {boolean} [error] */
  function toast(text, error = false) {
    const el = $("toast");
    el.textContent = text;
    el.classList.toggle("error", error);
    el.classList.add("show");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => el.classList.remove("show"), error ? 6000 : 1800);
  }

  /** @param {string} type @param {object} body @param {string} ok */
  async function send(type, body, ok) {
    try {
      const reply = await client.host(type, body);
      toast(ok);
      return reply ?? {};
    } catch (err) {
      toast(t("notSaved", [asHostError(err).message]), true);
      return null;
    }
  }

  function renderHead() {
    const short = new Intl.DateTimeFormat(deps.locale, { day: "numeric", month: "short" });
    $("range").textContent =
      ` · ${short.format(dateOfDay(r.from))} – ${short.format(dateOfDay(r.to))}`;
    const head = $("headline");
    const sentence = balanceSentence(
      { peopleS: r.headline.connection_min * 60, creatorS: r.headline.creator_s },
      t,
    );
    head.textContent = sentence.text;
    head.dataset.connectionMin = String(r.headline.connection_min);
    head.dataset.creatorSeconds = String(r.headline.creator_s);
  }

  function renderTrend() {
    $("trend-chart").replaceChildren(
      trendFigure(doc, { weeks: r.weeks, t, locale: deps.locale, idPrefix: "tr" }),
    );
  }

  function renderCreators() {
    const list = $("creators-list");
    if (!r.top_creators.length) {
      list.replaceChildren(h("li", { class: "muted" }, t("noCreatorsThisWeek")));
      return;
    }
    list.replaceChildren(
      ...r.top_creators.map((/** @type {any} */ c) =>
        h(
          "li",
          { "data-handle": c.handle, "data-seconds": c.seconds },
          h(
            "span",
            {},
            h("span", { class: "top-name" }, creatorName(c)),
            h("span", { class: "top-platform" }, platformName(c.platform)),
          ),
          h("span", { class: "top-time" }, dur(c.seconds)),
        ),
      ),
    );
  }

  function renderInsight() {
    const box = $("insight-body");
    const tuning = (r.tuning ?? []).map((/** @type {any} */ x) =>
      h("p", { class: "tuning" }, t("tuningNote", [x.why, x.until])),
    );
    box.replaceChildren(
      r.insight
        ? h("p", { class: "insight-text", "data-rule": r.insight.rule }, r.insight.text)
        : h("p", { class: "insight-text" }, t("insightNone")),
      ...tuning,
    );
  }

  function renderPlan() {
    const box = $("plan-body");
    const today = localDate(new Date(now()));
    const existing = r.checkin && r.checkin.plan ? r.checkin.plan : null;
    const sameDay = r.checkin && r.checkin.date === today ? r.checkin : null;
    const when = h("input", {
      type: "text",
      id: "plan-when",
      maxlength: 200,
      placeholder: t("planWhenPlaceholder"),
    });
    const what = h("input", {
      type: "text",
      id: "plan-what",
      maxlength: 250,
      placeholder: t("planWhatPlaceholder"),
    });
    const minutes = sameDay
      ? null
      : h("input", {
          type: "number",
          id: "plan-minutes",
          min: 0,
          max: 1440,
          step: 5,
          required: true,
        });
    // Optional: when to be reminded of the plan (a local notification; NUDGES.md: the plan
    // "becomes a reminder").
    const remind = h("input", { type: "datetime-local", id: "plan-remind" });
    const status = h("span", { class: "form-status", role: "status" });
    box.replaceChildren(
      existing ? h("p", { class: "plan-saved", id: "plan-current" }, existing) : "",
      h(
        "form",
        {
          class: "plan-form",
          onsubmit: async (/** @type {Event} */ ev) => {
            ev.preventDefault();
            const plan = planText(
              /** @type {HTMLInputElement} */ (when).value,
              /** @type {HTMLInputElement} */ (what).value,
              t,
            );
            if (!plan) {
              status.textContent = t("planBothHalves");
              return;
            }
            /** @type {Record<string, any>} */
            let body;
            if (sameDay) {
              // One check-in a date, a second replaces it: keep today's answers.
              body = { ...sameDay, plan };
            } else {
              const m = Number(/** @type {HTMLInputElement} */ (minutes).value);
              if (!Number.isInteger(m) || m < 0 || m > 1440) {
                status.textContent = t("checkinMinutesInvalid");
                minutes?.focus();
                return;
              }
              body = { date: today, social_min: m, plan };
            }
            const remindAt = reminderInstant(/** @type {HTMLInputElement} */ (remind).value);
            if (remindAt !== null && remindAt <= now()) {
              status.textContent = t("planRemindPast");
              remind.focus();
              return;
            }
            if (await send("checkin.record", body, t("planSaved"))) {
              r.checkin = body;
              if (remindAt !== null) {
                try {
                  await client.remindPlan(plan, remindAt);
                } catch (err) {
                  renderPlan();
                  $("plan-body").querySelector(".form-status").textContent = t("planRemindFailed", [
                    asHostError(err).message,
                  ]);
                  return;
                }
              }
              renderPlan();
              if (remindAt !== null) {
                $("plan-body").querySelector(".form-status").textContent = t("planRemindSet", [
                  new Date(remindAt).toLocaleString(),
                ]);
              }
            }
          },
        },
        h("label", { for: "plan-when" }, t("planIf")),
        when,
        h("label", { for: "plan-what" }, t("planThen")),
        what,
        minutes ? h("label", { for: "plan-minutes" }, t("planMinutes")) : "",
        minutes ?? "",
        h("label", { for: "plan-remind" }, t("planRemind")),
        remind,
        h(
          "div",
          { class: "actions" },
          h(
            "button",
            { type: "submit", class: "primary" },
            existing ? t("planReplace") : t("planSave"),
          ),
          status,
        ),
      ),
    );
  }

  function renderGoal() {
    const box = $("goal-body");
    const goal = r.goal.daily_goal_min;
    /** @param {"keep" | "loosen" | "tighten"} choice */
    const review = async (choice) => {
      const next = reviewedGoal(goal, choice);
      if (next === null) {
        toast(t("goalKept"));
        return;
      }
      if (
        await send(
          "settings.set",
          { settings: { rules: { R3: { daily_goal_min: next } } } },
          t("goalSaved", [formatMinutes(next, t)]),
        )
      ) {
        r.goal.daily_goal_min = next;
        renderGoal();
      }
    };
    const pause = async () => {
      const until = now() + 7 * DAY_MS;
      if (
        await send(
          "settings.set",
          { settings: { nudges: { paused_until: until } } },
          t("goalPaused"),
        )
      ) {
        renderGoal();
      }
    };
    const goalInput = h("input", { type: "number", id: "goal-set", min: 15, max: 1440, step: 15 });
    box.replaceChildren(
      h(
        "p",
        { class: "goal-line", id: "goal-line" },
        goal === null ? t("goalNone") : t("goalCurrent", [formatMinutes(goal, t)]),
      ),
      goal === null
        ? h(
            "form",
            {
              class: "button-row",
              onsubmit: async (/** @type {Event} */ ev) => {
                ev.preventDefault();
                const v = Number(/** @type {HTMLInputElement} */ (goalInput).value);
                if (!Number.isInteger(v) || v < 1 || v > 1440) return;
                if (
                  await send(
                    "settings.set",
                    { settings: { rules: { R3: { daily_goal_min: v } } } },
                    t("goalSaved", [formatMinutes(v, t)]),
                  )
                ) {
                  r.goal.daily_goal_min = v;
                  renderGoal();
                }
              },
            },
            h("label", { for: "goal-set", class: "sr-only" }, t("goalSetLabel")),
            goalInput,
            h("span", { class: "unit muted" }, t("minutesUnit")),
            h("button", { type: "submit" }, t("goalSet")),
          )
        : h(
            "div",
            { class: "button-row", role: "group", "aria-label": t("goalTitle") },
            h("button", { type: "button", onclick: () => review("keep") }, t("goalKeep")),
            h(
              "button",
              { type: "button", onclick: () => review("loosen") },
              t("goalLoosen", [GOAL_STEP_MIN]),
            ),
            h(
              "button",
              { type: "button", onclick: () => review("tighten") },
              t("goalTighten", [GOAL_STEP_MIN]),
            ),
          ),
      h(
        "div",
        { class: "button-row", style: "margin-top: 10px" },
        h("button", { type: "button", class: "quiet", onclick: pause }, t("goalPause")),
      ),
    );
  }

  /** A thumb drawn in SVG (no emoji font needed); down is up turned over. @param {boolean} down */
  function thumbIcon(down) {
    return s(
      "svg",
      { class: "thumb-icon", viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" },
      s("path", {
        d: "M2 21h4V9H2v12zm20-11c0-1.1-.9-2-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L13.2 1 6.6 7.6C6.2 8 6 8.4 6 9v10c0 1.1.9 2 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7c.1-.2.2-.5.2-.8v-2z",
        transform: down ? "rotate(180 12 12)" : null,
      }),
    );
  }

  function renderNudges() {
    const list = $("nudges-list");
    if (!r.nudges.length) {
      list.replaceChildren(h("li", { class: "row muted" }, t("noNudgesThisWeek")));
      return;
    }
    const day = new Intl.DateTimeFormat(deps.locale, { weekday: "long" });
    list.replaceChildren(
      ...r.nudges.map((/** @type {any} */ n) => {
        /** @param {"helpful" | "unhelpful"} action @param {string} label */
        const thumb = (action, label) =>
          h(
            "button",
            {
              type: "button",
              class: "thumb",
              "aria-pressed": n.response === action ? "true" : "false",
              "aria-label": t(label, [n.title]),
              "data-action": action,
              onclick: async () => {
                if (await send("nudges.respond", { id: n.id, action }, t("thanksFeedback"))) {
                  n.response = action;
                  renderNudges();
                }
              },
            },
            thumbIcon(action === "unhelpful"),
          );
        return h(
          "li",
          { class: "row", "data-id": n.id },
          h(
            "div",
            { class: "grow" },
            h("div", {}, n.title),
            h("div", { class: "row-sub" }, day.format(new Date(n.created_at))),
          ),
          thumb("helpful", "thumbUpLabel"),
          thumb("unhelpful", "thumbDownLabel"),
        );
      }),
    );
  }

  const ready = (async () => {
    try {
      const body = deps.until ? { until: deps.until } : {};
      r = await client.host("reflection.get", body);
      renderHead();
      renderTrend();
      renderCreators();
      renderInsight();
      renderPlan();
      renderGoal();
      renderNudges();
    } catch (err) {
      const box = $("load-error");
      box.hidden = false;
      box.textContent = t("reflectionLoadError", [asHostError(err).message]);
      $("headline").textContent = t("reflectionTitle");
      for (const id of ["trend", "creators", "insight", "plan", "goal", "nudges"])
        $(id).hidden = true;
    }
    doc.body.dataset.ready = "true";
  })();
  return { ready };
}
