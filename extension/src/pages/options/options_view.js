// @ts-check
// The options page: followed creators, connection sites, quiet hours, each nudge rule,
// snooze and pause, tracking switches, the digest (its own module), export and erase.
// Every change is saved at once with settings.set (or the creators.* type it concerns) and
// the host's answer is what the page shows afterwards: the host is the source of truth.

import { builder } from "../../shared/dom_builder.js";
import { formatDuration } from "../../shared/duration_format.js";
import { asHostError } from "../../shared/page_client.js";
import { localDate, localize } from "../../shared/page_i18n.js";
import { creatorName, platformName } from "../../shared/platform_names.js";
import { mountDigestSection } from "./digest_section.js";
import { RULES, fromInput, toInput } from "./rule_catalog.js";

/**
 * @typedef {import("../../shared/duration_format.js").Translate} Translate
 * @typedef {import("../../shared/page_client.js").PageClient} PageClient
 * @typedef {import("../../shared/page_client.js").HostError} HostError
 *
 * @typedef {object} OptionsDeps
 * @property {PageClient} client
 * @property {Translate} t
 * @property {string} [locale]
 * @property {() => number} [now]
 * @property {string} [hash]  location.hash, e.g. "#rule-R3"
 * @property {(blob: Blob) => string} [objectUrl]  URL.createObjectURL
 */

const PLATFORM_RE = /^[a-z0-9.-]{1,32}$/;
const MATCH_RE = /^\S{1,200}$/;
const DAY_MS = 86_400_000;

/**
 * @param {Document} doc
 * @param {OptionsDeps} deps
 */
export function mountOptions(doc, deps) {
  const { client, t } = deps;
  const { h } = builder(doc);
  const now = deps.now ?? Date.now;
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (doc.getElementById(id));
  /** @type {any} */
  let settings = null;
  /** @type {any[]} */
  let creators = [];

  localize(doc, t);
  doc.title = t("optionsTitle");

  // --- feedback --------------------------------------------------------------------------

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

  /**
   * Marks a control as wrong (or right again) with its message next to it.
   * @param {HTMLElement} input @param {string | null} message
   */
  function fieldError(input, message) {
    const id = `${input.id || input.getAttribute("name")}-error`;
    doc.getElementById(id)?.remove();
    if (!message) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      return;
    }
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    input.after(h("span", { id, class: "field-error" }, message));
  }

  /**
   * Saves a partial settings document; the page then shows the host's copy.
   * @param {object} partial @param {HTMLElement | null} [input] the control that changed
   */
  async function saveSettings(partial, input = null) {
    try {
      const body = await client.host("settings.set", { settings: partial });
      settings = body.settings;
      if (input) fieldError(input, null);
      toast(t("saved"));
      return true;
    } catch (err) {
      const e = asHostError(err);
      if (input) fieldError(input, e.message);
      toast(t("notSaved", [e.message]), true);
      return false;
    }
  }

  /** @param {string} type @param {object} body @param {string} okText */
  async function hostAction(type, body, okText) {
    try {
      const reply = await client.host(type, body);
      toast(okText);
      return reply;
    } catch (err) {
      toast(t("notSaved", [asHostError(err).message]), true);
      return null;
    }
  }

  // --- creators --------------------------------------------------------------------------

  async function loadCreators() {
    const body = await client.host("creators.list", { limit: 200 });
    creators = body.creators;
  }

  function renderCreators() {
    const box = $("creators-body");
    const followed = creators.filter((c) => c.followed);
    const others = creators.filter((c) => !c.followed && c.week_s > 0).slice(0, 8);
    const list = followed.length
      ? h("ul", { class: "rows", id: "followed-list" }, followed.map(creatorRow))
      : h("p", { class: "muted", id: "followed-list" }, t("noFollowed"));
    box.replaceChildren(
      list,
      others.length ? h("h3", { class: "subhead" }, t("seenThisWeek")) : "",
      others.length
        ? h(
            "ul",
            { class: "rows" },
            others.map((c) =>
              h(
                "li",
                { class: "row" },
                h(
                  "div",
                  { class: "grow" },
                  h("div", { class: "row-title" }, creatorName(c)),
                  h(
                    "div",
                    { class: "row-sub" },
                    `${platformName(c.platform)} · ${t("thisWeekTime", [formatDuration(c.week_s, t)])}`,
                  ),
                ),
                h(
                  "button",
                  {
                    type: "button",
                    onclick: async () => {
                      const body = { platform: c.platform, handle: c.handle };
                      if (c.label) Object.assign(body, { label: c.label });
                      if (
                        await hostAction(
                          "creators.follow",
                          body,
                          t("followedToast", [creatorName(c)]),
                        )
                      ) {
                        await loadCreators();
                        renderCreators();
                      }
                    },
                  },
                  t("follow"),
                ),
              ),
            ),
          )
        : "",
    );
  }

  /** @param {any} c */
  function creatorRow(c) {
    const key = `${c.platform}-${c.handle}`.replace(/[^A-Za-z0-9_-]/g, "_");
    const labelInput = h("input", {
      type: "text",
      id: `label-${key}`,
      value: c.label ?? "",
      maxlength: 200,
      onchange: async () => {
        const label = /** @type {HTMLInputElement} */ (labelInput).value.trim();
        if (
          await hostAction(
            "creators.update",
            { platform: c.platform, handle: c.handle, label },
            t("saved"),
          )
        )
          c.label = label;
      },
    });
    const budget = h("input", {
      type: "number",
      id: `budget-${key}`,
      min: 1,
      max: 1440,
      step: 5,
      value: c.daily_budget_min ?? "",
      placeholder: t("noBudget"),
      onchange: async () => {
        const text = /** @type {HTMLInputElement} */ (budget).value.trim();
        const n = text === "" ? null : Number(text);
        if (n !== null && (!Number.isInteger(n) || n < 1 || n > 1440)) {
          fieldError(budget, t("budgetRange"));
          return;
        }
        fieldError(budget, null);
        await hostAction(
          "creators.update",
          { platform: c.platform, handle: c.handle, daily_budget_min: n },
          t("saved"),
        );
      },
    });
    const row = h(
      "li",
      { class: "row", "data-platform": c.platform, "data-handle": c.handle },
      h(
        "div",
        { class: "grow field" },
        h("label", { for: `label-${key}` }, t("creatorLabel", [platformName(c.platform)])),
        labelInput,
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: `budget-${key}` }, t("dailyBudget")),
        h("div", { class: "input-unit" }, budget, h("span", { class: "unit" }, t("minutesUnit"))),
      ),
      h(
        "div",
        { class: "button-row" },
        h(
          "button",
          {
            type: "button",
            onclick: async () => {
              if (
                await hostAction(
                  "creators.unfollow",
                  { platform: c.platform, handle: c.handle },
                  t("unfollowedToast", [creatorName(c)]),
                )
              ) {
                await loadCreators();
                renderCreators();
              }
            },
          },
          t("unfollow"),
        ),
        h(
          "button",
          {
            type: "button",
            class: "danger",
            "aria-expanded": "false",
            onclick: (/** @type {Event} */ ev) => {
              const button = /** @type {HTMLElement} */ (ev.currentTarget);
              if (row.querySelector(".confirm")) return;
              button.setAttribute("aria-expanded", "true");
              const cancel = h(
                "button",
                {
                  type: "button",
                  onclick: () => {
                    confirm.remove();
                    button.setAttribute("aria-expanded", "false");
                    button.focus();
                  },
                },
                t("cancel"),
              );
              const confirm = h(
                "div",
                { class: "confirm", role: "group", "aria-label": t("forgetConfirmLabel") },
                h("span", { class: "grow" }, t("forgetConfirm", [creatorName(c)])),
                h(
                  "button",
                  {
                    type: "button",
                    class: "danger primary",
                    onclick: async () => {
                      const r = await hostAction(
                        "creators.forget",
                        { platform: c.platform, handle: c.handle },
                        t("forgottenToast", [creatorName(c)]),
                      );
                      if (r) {
                        await loadCreators();
                        renderCreators();
                      }
                    },
                  },
                  t("forgetYes"),
                ),
                cancel,
              );
              row.append(confirm);
              cancel.focus();
            },
          },
          t("forget"),
        ),
      ),
    );
    return row;
  }

  // --- connection sites ------------------------------------------------------------------

  function renderSites() {
    const box = $("sites-body");
    const sites = /** @type {any[]} */ (settings.connection_sites);
    /** @param {any[]} list @param {HTMLElement | null} input */
    const saveList = async (list, input) => {
      if (await saveSettings({ connection_sites: list }, input)) renderSites();
    };
    const kindSelect = (/** @type {string} */ value, /** @type {Record<string, any>} */ attrs) =>
      h(
        "select",
        attrs,
        h("option", { value: "messaging", selected: value === "messaging" }, t("kindMessaging")),
        h("option", { value: "call", selected: value === "call" }, t("kindCall")),
      );
    const rows = sites.map((site, i) => {
      const select = kindSelect(site.kind, {
        "aria-label": t("siteKindLabel", [site.match]),
        onchange: () =>
          saveList(
            sites.map((s, j) =>
              j === i ? { ...s, kind: /** @type {HTMLSelectElement} */ (select).value } : s,
            ),
            select,
          ),
      });
      return h(
        "li",
        { class: "row", "data-match": site.match },
        h(
          "div",
          { class: "grow" },
          h("div", { class: "row-title" }, platformName(site.platform)),
          h("div", { class: "row-sub" }, h("code", {}, site.match)),
        ),
        select,
        h(
          "button",
          {
            type: "button",
            "aria-label": t("removeSiteLabel", [site.match]),
            onclick: () =>
              saveList(
                sites.filter((_, j) => j !== i),
                null,
              ),
          },
          t("remove"),
        ),
      );
    });
    const platform = h("input", {
      type: "text",
      id: "site-platform",
      placeholder: "signal",
      maxlength: 32,
      autocomplete: "off",
    });
    const match = h("input", {
      type: "text",
      id: "site-match",
      placeholder: "app.example.com/chat",
      maxlength: 200,
      autocomplete: "off",
    });
    const kind = kindSelect("messaging", { id: "site-kind" });
    const add = h(
      "form",
      {
        class: "inline",
        id: "site-add",
        onsubmit: async (/** @type {Event} */ ev) => {
          ev.preventDefault();
          const p = /** @type {HTMLInputElement} */ (platform).value.trim().toLowerCase();
          const m = /** @type {HTMLInputElement} */ (match).value
            .trim()
            .replace(/^https?:\/\//, "");
          fieldError(platform, PLATFORM_RE.test(p) ? null : t("platformRule"));
          fieldError(match, MATCH_RE.test(m) ? null : t("matchRule"));
          if (!PLATFORM_RE.test(p) || !MATCH_RE.test(m)) return;
          await saveList(
            [
              ...sites,
              { platform: p, match: m, kind: /** @type {HTMLSelectElement} */ (kind).value },
            ],
            match,
          );
        },
      },
      h(
        "div",
        { class: "field" },
        h("label", { for: "site-platform" }, t("sitePlatform")),
        platform,
      ),
      h("div", { class: "field grow" }, h("label", { for: "site-match" }, t("siteMatch")), match),
      h("div", { class: "field" }, h("label", { for: "site-kind" }, t("siteKind")), kind),
      h("button", { type: "submit", class: "primary" }, t("addSite")),
    );
    box.replaceChildren(
      sites.length
        ? h("ul", { class: "rows", id: "sites-list" }, rows)
        : h("p", { class: "muted" }, t("noSites")),
      h("h3", { class: "subhead" }, t("addSiteHeading")),
      add,
    );
  }

  // --- quiet hours, sleep window, reflection, budget ------------------------------------

  function renderTiming() {
    const n = settings.nudges;
    /** @param {string} id @param {string} label @param {string} value @param {(v: string) => object} partial */
    const time = (id, label, value, partial) => {
      const input = h("input", {
        type: "time",
        id,
        value,
        required: true,
        onchange: () => {
          const v = /** @type {HTMLInputElement} */ (input).value;
          if (/^\d\d:\d\d$/.test(v)) saveSettings({ nudges: partial(v) }, input);
        },
      });
      return h("div", { class: "field" }, h("label", { for: id }, label), input);
    };
    /** @param {string} id @param {string} label @param {number} min @param {number} max @param {number} value @param {(v: number) => object} partial */
    const count = (id, label, min, max, value, partial) => {
      const input = h("input", {
        type: "number",
        id,
        min,
        max,
        value,
        onchange: () => {
          const v = Number(/** @type {HTMLInputElement} */ (input).value);
          if (!Number.isInteger(v) || v < min || v > max) {
            fieldError(input, t("rangeError", [min, max]));
            return;
          }
          saveSettings({ nudges: partial(v) }, input);
        },
      });
      return h("div", { class: "field" }, h("label", { for: id }, label), input);
    };
    const weekdays = new Intl.DateTimeFormat(deps.locale, { weekday: "long" });
    const weekday = h(
      "select",
      {
        id: "reflection-day",
        onchange: () =>
          saveSettings(
            {
              nudges: {
                reflection: { weekday: Number(/** @type {HTMLSelectElement} */ (weekday).value) },
              },
            },
            weekday,
          ),
      },
      [0, 1, 2, 3, 4, 5, 6].map((d) =>
        h(
          "option",
          { value: d, selected: n.reflection.weekday === d },
          // 2023-01-01 was a Sunday.
          weekdays.format(new Date(2023, 0, 1 + d, 12)),
        ),
      ),
    );
    const enabled = switchRow(
      "nudges-enabled",
      t("nudgesEnabled"),
      t("nudgesEnabledWhy"),
      n.enabled,
      (on, input) => saveSettings({ nudges: { enabled: on } }, input),
    );
    $("timing-body").replaceChildren(
      enabled,
      h("h3", { class: "subhead" }, t("quietHours")),
      h(
        "div",
        { class: "inline" },
        time("quiet-start", t("from"), n.quiet_hours.start, (v) => ({ quiet_hours: { start: v } })),
        time("quiet-end", t("to"), n.quiet_hours.end, (v) => ({ quiet_hours: { end: v } })),
      ),
      h("p", { class: "row-sub" }, t("quietHoursWhy")),
      h("h3", { class: "subhead" }, t("sleepWindow")),
      h(
        "div",
        { class: "inline" },
        time("sleep-start", t("from"), n.sleep_window.start, (v) => ({
          sleep_window: { start: v },
        })),
        time("sleep-end", t("to"), n.sleep_window.end, (v) => ({ sleep_window: { end: v } })),
      ),
      h("p", { class: "row-sub" }, t("sleepWindowWhy")),
      h("h3", { class: "subhead" }, t("howOften")),
      h(
        "div",
        { class: "inline" },
        count("max-day", t("maxPerDay"), 0, 2, n.max_per_day, (v) => ({ max_per_day: v })),
        count("max-week", t("maxPerWeek"), 0, 14, n.max_per_week, (v) => ({ max_per_week: v })),
      ),
      h("p", { class: "row-sub" }, t("howOftenWhy")),
      h("h3", { class: "subhead" }, t("reflectionWhen")),
      h(
        "div",
        { class: "inline" },
        h("div", { class: "field" }, h("label", { for: "reflection-day" }, t("day")), weekday),
        time("reflection-time", t("at"), n.reflection.time, (v) => ({ reflection: { time: v } })),
      ),
    );
  }

  /**
   * @param {string} id @param {string} label @param {string | null} why @param {boolean} on
   * @param {(on: boolean, input: HTMLElement) => unknown} onChange
   */
  function switchRow(id, label, why, on, onChange) {
    const input = h("input", {
      type: "checkbox",
      role: "switch",
      class: "switch",
      id,
      checked: on,
      "aria-describedby": why ? `${id}-why` : null,
      onchange: () => onChange(/** @type {HTMLInputElement} */ (input).checked, input),
    });
    return h(
      "div",
      { class: "switch-row" },
      input,
      h(
        "div",
        {},
        h("label", { for: id }, label),
        why ? h("div", { class: "row-sub", id: `${id}-why` }, why) : "",
      ),
    );
  }

  // --- rules -----------------------------------------------------------------------------

  function renderRules() {
    $("rules-body").replaceChildren(
      ...RULES.map((rule) => {
        const current = settings.rules[rule.id] ?? {};
        const card = h("article", {
          class: current.enabled ? "rule" : "rule off",
          id: `rule-${rule.id}`,
          "aria-labelledby": `rule-${rule.id}-name`,
        });
        const toggle = h("input", {
          type: "checkbox",
          role: "switch",
          class: "switch",
          id: `rule-${rule.id}-enabled`,
          checked: Boolean(current.enabled),
          "aria-labelledby": `rule-${rule.id}-name`,
          "aria-describedby": `rule-${rule.id}-why`,
          onchange: async () => {
            const on = /** @type {HTMLInputElement} */ (toggle).checked;
            if (await saveSettings({ rules: { [rule.id]: { enabled: on } } }, toggle))
              card.classList.toggle("off", !on);
          },
        });
        card.append(
          h(
            "div",
            { class: "rule-head" },
            toggle,
            h(
              "div",
              { class: "grow" },
              h(
                "div",
                { class: "rule-name", id: `rule-${rule.id}-name` },
                t(`rule_${rule.id}_name`),
                h("span", { class: "rule-id" }, rule.id),
              ),
              h("p", { class: "rule-why", id: `rule-${rule.id}-why` }, t(`rule_${rule.id}_why`)),
            ),
          ),
          h(
            "div",
            { class: "thresholds" },
            rule.thresholds.map((th) => {
              const id = `rule-${rule.id}-${th.field}`;
              if (th.unit === "bool") {
                const box = h("input", {
                  type: "checkbox",
                  class: "switch",
                  role: "switch",
                  id,
                  checked: Boolean(current[th.field]),
                  onchange: () =>
                    saveSettings(
                      {
                        rules: {
                          [rule.id]: { [th.field]: /** @type {HTMLInputElement} */ (box).checked },
                        },
                      },
                      box,
                    ),
                });
                return h(
                  "div",
                  { class: "field" },
                  h("label", { for: id }, t(`field_${th.field}`)),
                  box,
                );
              }
              const input = h("input", {
                type: "number",
                id,
                min: th.unit === "share" ? (th.min ?? 0) * 100 : th.min,
                max: th.unit === "share" ? (th.max ?? 1) * 100 : th.max,
                step: th.unit === "share" ? 5 : th.step,
                value: toInput(th, current[th.field]),
                placeholder: th.nullable ? t("none") : null,
                onchange: () => {
                  const r = fromInput(th, /** @type {HTMLInputElement} */ (input).value);
                  if (!r.ok) {
                    fieldError(input, t(`inputError_${r.error}`));
                    return;
                  }
                  saveSettings({ rules: { [rule.id]: { [th.field]: r.value } } }, input);
                },
              });
              return h(
                "div",
                { class: "field" },
                h("label", { for: id }, t(`field_${th.field}`)),
                h(
                  "div",
                  { class: "input-unit" },
                  input,
                  h("span", { class: "unit" }, t(`unit_${th.unit}`)),
                ),
              );
            }),
          ),
        );
        return card;
      }),
    );
  }

  // --- snooze and pause ------------------------------------------------------------------

  function renderPause() {
    const n = settings.nudges;
    const at = now();
    const when = (/** @type {number} */ ms) =>
      new Date(ms).toLocaleString(deps.locale, { dateStyle: "medium", timeStyle: "short" });
    const snoozed = n.snoozed_indefinitely
      ? t("snoozedForever")
      : n.snoozed_until && n.snoozed_until > at
        ? t("snoozedUntil", [when(n.snoozed_until)])
        : null;
    const paused =
      n.paused_until && n.paused_until > at ? t("pausedUntil", [when(n.paused_until)]) : null;
    const endOfToday = () => {
      const d = new Date(at);
      d.setHours(24, 0, 0, 0);
      return d.getTime();
    };
    /** @param {object} nudges */
    const apply = async (nudges) => {
      if (await saveSettings({ nudges })) renderPause();
    };
    const snoozeButton = (/** @type {string} */ label, /** @type {object} */ nudges) =>
      h("button", { type: "button", onclick: () => apply(nudges) }, label);
    const pauseDate = h("input", {
      type: "date",
      id: "pause-until",
      min: localDate(new Date(at + DAY_MS)),
      value: localDate(new Date(at + 7 * DAY_MS)),
    });
    $("pause-body").replaceChildren(
      h("h3", { class: "subhead" }, t("snoozeHeading")),
      snoozed
        ? h(
            "p",
            { class: "state-line", id: "snooze-state" },
            snoozed,
            " ",
            h(
              "button",
              {
                type: "button",
                class: "quiet",
                onclick: () => apply({ snoozed_until: null, snoozed_indefinitely: false }),
              },
              t("resumeNudges"),
            ),
          )
        : "",
      h(
        "div",
        { class: "button-row" },
        snoozeButton(t("snooze1h"), { snoozed_until: at + 3600_000, snoozed_indefinitely: false }),
        snoozeButton(t("snoozeToday"), {
          snoozed_until: endOfToday(),
          snoozed_indefinitely: false,
        }),
        snoozeButton(t("snoozeWeek"), {
          snoozed_until: at + 7 * DAY_MS,
          snoozed_indefinitely: false,
        }),
        snoozeButton(t("snoozeForever"), { snoozed_indefinitely: true }),
      ),
      h("p", { class: "row-sub" }, t("snoozeWhy")),
      h("h3", { class: "subhead" }, t("lifePauseHeading")),
      paused
        ? h(
            "p",
            { class: "state-line", id: "pause-state" },
            paused,
            " ",
            h(
              "button",
              { type: "button", class: "quiet", onclick: () => apply({ paused_until: null }) },
              t("endPause"),
            ),
          )
        : "",
      h(
        "form",
        {
          class: "inline",
          onsubmit: (/** @type {Event} */ ev) => {
            ev.preventDefault();
            const v = /** @type {HTMLInputElement} */ (pauseDate).value;
            if (!/^\d{4}-\d\d-\d\d$/.test(v)) return;
            const [y, m, d] = v.split("-").map(Number);
            // Until the end of the chosen day.
            apply({ paused_until: new Date(y, m - 1, d + 1).getTime() });
          },
        },
        h(
          "div",
          { class: "field" },
          h("label", { for: "pause-until" }, t("lifePauseUntil")),
          pauseDate,
        ),
        h("button", { type: "submit" }, t("lifePauseButton")),
      ),
      h("p", { class: "row-sub" }, t("lifePauseWhy")),
    );
  }

  // --- tracking --------------------------------------------------------------------------

  function renderTracking() {
    const tr = settings.tracking;
    /** @param {string} field */
    const sw = (field) =>
      switchRow(
        `tracking-${field}`,
        t(`tracking_${field}`),
        t(`tracking_${field}_why`),
        tr[field],
        (on, input) => saveSettings({ tracking: { [field]: on } }, input),
      );
    const idle = h("input", {
      type: "number",
      id: "tracking-idle",
      min: 15,
      max: 3600,
      value: tr.idle_threshold_s,
      onchange: () => {
        const v = Number(/** @type {HTMLInputElement} */ (idle).value);
        if (!Number.isInteger(v) || v < 15 || v > 3600) {
          fieldError(idle, t("rangeError", [15, 3600]));
          return;
        }
        saveSettings({ tracking: { idle_threshold_s: v } }, idle);
      },
    });
    $("tracking-body").replaceChildren(
      sw("private_windows"),
      sw("background_audio"),
      sw("connection_time"),
      h(
        "div",
        { class: "switch-row" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "tracking-idle" }, t("tracking_idle")),
          h("div", { class: "input-unit" }, idle, h("span", { class: "unit" }, t("secondsUnit"))),
          h("div", { class: "row-sub" }, t("tracking_idle_why")),
        ),
      ),
    );
  }

  // --- export and erase ------------------------------------------------------------------

  function renderData() {
    const links = h("p", { class: "download", id: "export-result", role: "status" });
    /** @param {"json" | "csv"} format */
    const exportButton = (format) =>
      h(
        "button",
        {
          type: "button",
          id: `export-${format}`,
          onclick: async (/** @type {Event} */ ev) => {
            const button = /** @type {HTMLButtonElement} */ (ev.currentTarget);
            button.disabled = true;
            links.textContent = t("exporting");
            try {
              const text = await exportAll(format);
              const blob = new Blob([text], {
                type: format === "json" ? "application/x-ndjson" : "text/csv",
              });
              const url = (deps.objectUrl ?? ((b) => URL.createObjectURL(b)))(blob);
              const name = `parasol-export-${localDate(new Date(now()))}.${format === "json" ? "jsonl" : "csv"}`;
              links.replaceChildren(
                h(
                  "a",
                  { class: "download-link", href: url, download: name },
                  t("downloadFile", [name]),
                ),
                " ",
                h(
                  "span",
                  { class: "muted" },
                  t("exportSize", [Math.max(1, Math.round(blob.size / 1024))]),
                ),
              );
            } catch (err) {
              links.textContent = t("notSaved", [asHostError(err).message]);
            } finally {
              button.disabled = false;
            }
          },
        },
        format === "json" ? t("exportJson") : t("exportCsv"),
      );
    const word = t("eraseWord");
    const eraseInput = h("input", {
      type: "text",
      id: "erase-confirm",
      autocomplete: "off",
      "aria-describedby": "erase-hint",
      oninput: () => {
        /** @type {HTMLButtonElement} */ (eraseButton).disabled =
          /** @type {HTMLInputElement} */ (eraseInput).value.trim().toLowerCase() !== word;
      },
    });
    const eraseButton = h(
      "button",
      {
        type: "button",
        class: "danger primary",
        id: "erase-button",
        disabled: true,
        onclick: async () => {
          if (await hostAction("data.erase", { confirm: "erase-all" }, t("erasedToast"))) {
            /** @type {HTMLInputElement} */ (eraseInput).value = "";
            await reload();
          }
        },
      },
      t("eraseButton"),
    );
    $("data-body").replaceChildren(
      h("h3", { class: "subhead" }, t("exportHeading")),
      h("div", { class: "button-row" }, exportButton("json"), exportButton("csv")),
      links,
      h("h3", { class: "subhead" }, t("eraseHeading")),
      h("p", { class: "row-sub", id: "erase-hint" }, t("eraseHint", [word])),
      h(
        "div",
        { class: "inline" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "erase-confirm" }, t("eraseTypeLabel", [word])),
          eraseInput,
        ),
        eraseButton,
      ),
    );
  }

  /** data.export, page after page. @param {"json" | "csv"} format */
  async function exportAll(format) {
    let out = "";
    /** @type {string | null} */
    let cursor = null;
    for (let page = 0; page < 100_000; page++) {
      /** @type {any} */
      const body = { format };
      if (cursor) body.cursor = cursor;
      const reply = await client.host("data.export", body);
      out += reply.data;
      cursor = reply.next_cursor ?? null;
      if (!cursor) return out;
    }
    throw { code: "internal", message: "data.export: too many pages" };
  }

  // --- start -----------------------------------------------------------------------------

  async function reload() {
    const [s] = await Promise.all([client.host("settings.get", {}), loadCreators()]);
    settings = s.settings;
    renderCreators();
    renderSites();
    renderTiming();
    renderRules();
    renderPause();
    renderTracking();
  }

  function focusHash() {
    const hash = deps.hash ?? "";
    if (!/^#[A-Za-z0-9_-]+$/.test(hash)) return;
    const target = doc.getElementById(hash.slice(1));
    if (!target) return;
    target.classList.add("highlight");
    target.scrollIntoView?.({ block: "start" });
    const first = /** @type {HTMLElement | null} */ (target.querySelector("input, select, button"));
    first?.focus?.({ preventScroll: true });
  }

  const ready = (async () => {
    try {
      await reload();
    } catch (err) {
      const e = asHostError(err);
      const box = $("load-error");
      box.hidden = false;
      box.textContent = t("optionsLoadError", [e.message]);
    }
    // The digest section renders itself (digest_section.js) under the section's heading.
    const digest = $("digest");
    try {
      mountDigestSection(digest, (type, body) => client.host(type, body), t);
    } catch (err) {
      digest.append(
        h("p", { class: "field-error" }, String(/** @type {Error} */ (err)?.message ?? err)),
      );
    }
    renderData();
    focusHash();
    doc.body.dataset.ready = "true";
  })();

  return {
    ready,
    get settings() {
      return settings;
    },
  };
}
