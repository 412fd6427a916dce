// @ts-check
// The pop-up, drawn from the background's answers: the live line, the host's state, this
// week at a glance, today's creators with follow toggles, the latest nudge, a quick
// check-in and the diagnostics. Everything goes through a PageClient, so tests drive it with
// a fake background and linkedom.

import { balanceSentence, peopleSeconds } from "../../shared/balance_sentence.js";
import { builder, commandText } from "../../shared/dom_builder.js";
import { formatDuration, formatShare } from "../../shared/duration_format.js";
import { asHostError } from "../../shared/page_client.js";
import { localDate, localize } from "../../shared/page_i18n.js";
import { creatorName, platformName } from "../../shared/platform_names.js";
import { weekBarsFigure } from "../../shared/svg_bars.js";
import {
  creatorKey,
  emptyState,
  hostState,
  liveLine,
  lonelyQuestionKey,
  topCreators,
} from "./popup_model.js";

/**
 * @typedef {import("../../shared/duration_format.js").Translate} Translate
 * @typedef {import("../../shared/page_client.js").PageClient} PageClient
 *
 * @typedef {object} PopupDeps
 * @property {PageClient} client
 * @property {Translate} t
 * @property {string} [locale]
 * @property {() => Date} [now]
 * @property {URLSearchParams} [params]   ?nudge=<id>, ?checkin=1
 * @property {{seen: () => Promise<boolean>, markSeen: () => Promise<void>}} welcome
 * @property {{origins: string[], contains: (origins: string[]) => Promise<boolean>,
 *   request: (origins: string[]) => Promise<boolean>} | null} [sitePermissions]
 * @property {{version: string, browser?: string}} [extension]
 * @property {string} [optionsUrl]
 */

/** @param {Promise<any>} p */
const settle = (p) =>
  p.then(
    (value) => ({ ok: true, value }),
    (err) => ({ ok: false, error: asHostError(err) }),
  );

/**
 * @param {Document} doc
 * @param {PopupDeps} deps
 */
export function mountPopup(doc, deps) {
  const { client, t } = deps;
  const { h } = builder(doc);
  const now = deps.now ?? (() => new Date());
  const params = deps.params ?? new URLSearchParams();
  const optionsUrl = deps.optionsUrl ?? "../options/options.html";
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (doc.getElementById(id));
  const dur = (/** @type {number} */ s) => formatDuration(s, t);

  /** Everything the pop-up knows, refreshed as parts change. */
  const data = {
    /** @type {any} */ status: null,
    /** @type {any} */ tab: null,
    /** @type {any} */ week: null,
    /** @type {any} */ today: null,
    /** @type {Set<string>} */ followed: new Set(),
    /** @type {any} */ nudge: null,
    /** @type {any} */ nudgeError: null,
    welcomeSeen: true,
    /** @type {any} */ dataError: null,
  };

  localize(doc, t);
  doc.title = t("extName");

  // --- loading ---------------------------------------------------------------------------

  async function loadLive() {
    const [status, tab] = await Promise.all([settle(client.status()), settle(client.currentTab())]);
    data.status = status.ok ? status.value : null;
    data.tab = tab.ok ? tab.value : null;
    if (!status.ok) data.dataError = status.error;
  }

  async function loadData() {
    const day = localDate(now());
    const [week, today, creators] = await Promise.all([
      settle(client.host("summary.get", { days: 7, until: day })),
      settle(client.host("summary.get", { days: 1, until: day })),
      settle(client.host("creators.list", { limit: 200 })),
    ]);
    data.week = week.ok ? week.value : null;
    data.today = today.ok ? today.value : null;
    data.dataError = week.ok ? null : week.error;
    if (creators.ok) {
      data.followed = new Set(
        creators.value.creators
          .filter((/** @type {any} */ c) => c.followed)
          .map((/** @type {any} */ c) => creatorKey(c)),
      );
    }
  }

  async function loadNudge() {
    const r = await settle(client.currentNudge(params.get("nudge") ?? undefined));
    data.nudge = r.ok ? r.value : null;
  }

  // --- rendering -------------------------------------------------------------------------

  function renderLive() {
    const live = liveLine(data.status, data.tab, t);
    const box = $("live");
    box.dataset.state = live.state;
    $("live-text").replaceChildren(
      doc.createTextNode(live.text),
      live.sub ? h("span", { class: "live-sub" }, live.sub) : "",
    );
    const slot = $("follow-current");
    const c = data.tab?.creator;
    slot.replaceChildren(c ? followToggle(c, "current") : "");
  }

  function renderHost() {
    const line = $("host-state");
    const card = $("host-problem");
    if (!data.status) {
      line.dataset.status = "crashed";
      line.textContent = t("noBackground", [data.dataError?.message ?? ""]);
      card.hidden = true;
      return;
    }
    const hs = hostState(data.status, t);
    line.dataset.status = hs.status;
    line.textContent = `${hs.line} · ${hs.queue}`;
    card.hidden = !hs.problem;
    if (hs.problem) {
      card.replaceChildren(
        h("h2", {}, hs.problem.title),
        h("p", { class: "fix" }, commandText(doc, hs.problem.fix)),
        hs.problem.retry ? h("p", { class: "muted" }, hs.problem.retry) : "",
        hs.problem.kept ? h("p", {}, hs.problem.kept) : "",
      );
    }
  }

  function renderWelcome() {
    const state = emptyState(data);
    const card = $("welcome");
    card.hidden = state !== "first-run";
    if (state !== "first-run") return;
    card.replaceChildren(
      h("h2", {}, t("welcomeTitle")),
      h("p", {}, t("welcomeWhat")),
      h(
        "ul",
        {},
        h("li", {}, t("welcomeCounts")),
        h("li", {}, t("welcomePrivate")),
        h("li", {}, t("welcomeNoJudging")),
      ),
      h(
        "button",
        {
          type: "button",
          class: "primary",
          id: "welcome-ok",
          onclick: async () => {
            await deps.welcome.markSeen();
            data.welcomeSeen = true;
            renderWelcome();
            renderWeek();
          },
        },
        t("welcomeOk"),
      ),
    );
  }

  function renderWeek() {
    const state = emptyState(data);
    const balance = $("balance");
    const chart = $("week-chart");
    if (!data.week) {
      balance.textContent = "";
      chart.replaceChildren(
        h(
          "p",
          { class: "empty" },
          h("strong", {}, t("emptyHostTitle")),
          state === "host-missing" ? t("emptyHostMissing") : (data.dataError?.message ?? ""),
        ),
      );
      return;
    }
    const totals = data.week.totals;
    const sentence = balanceSentence(
      { peopleS: peopleSeconds(totals), creatorS: totals.creator_s },
      t,
    );
    balance.textContent = sentence.text;
    balance.dataset.peopleSeconds = String(peopleSeconds(totals));
    balance.dataset.creatorSeconds = String(totals.creator_s);
    if (state === "no-data" || state === "first-run") {
      chart.replaceChildren(
        h("p", { class: "empty" }, h("strong", {}, t("emptyNoDataTitle")), t("emptyNoData")),
      );
      return;
    }
    chart.replaceChildren(
      weekBarsFigure(doc, {
        days: data.week.days,
        t,
        locale: deps.locale,
        idPrefix: "wk",
        today: data.week.to,
      }),
    );
  }

  function renderToday() {
    const total = $("today-total");
    const list = $("top-creators");
    $("today").hidden = !data.today;
    if (!data.today) return;
    const todayS = data.today.totals.creator_s;
    total.textContent = t("todayCreators", [dur(todayS)]);
    total.dataset.seconds = String(todayS);
    const top = topCreators(data.today, data.week, data.followed);
    $("today-title").textContent =
      top.scope === "today" ? t("sectionToday") : t("sectionTodayWeekTop");
    if (!top.list.length) {
      list.replaceChildren(h("li", { class: "empty" }, t("emptyToday")));
      return;
    }
    list.replaceChildren(
      ...top.list.map((c) =>
        h(
          "li",
          {
            class: "creator-row",
            "data-platform": c.platform,
            "data-handle": c.handle,
            "data-seconds": c.seconds,
            "data-share": c.share,
          },
          h("span", { class: "creator-name", title: creatorName(c) }, creatorName(c)),
          h(
            "span",
            { class: "creator-meta" },
            h("span", {}, platformName(c.platform)),
            h(
              "span",
              {
                class: "share-meter",
                role: "img",
                "aria-label": t("shareOfTime", [formatShare(c.share)]),
              },
              h("span", { style: `width: ${Math.round(Math.min(1, c.share) * 100)}%` }),
            ),
            h("span", { class: "creator-share" }, formatShare(c.share)),
            h("span", { class: "creator-time" }, dur(c.seconds)),
          ),
          followToggle(c, "row"),
        ),
      ),
    );
  }

  /**
   * A follow/unfollow toggle; the text and aria-pressed both say the state.
   * @param {{platform: string, handle: string, label?: string}} c
   * @param {"row" | "current"} where
   */
  function followToggle(c, where) {
    const followed = data.followed.has(creatorKey(c));
    const name = creatorName({ label: c.label, handle: c.handle });
    const label =
      where === "current"
        ? followed
          ? t("followingCurrent", [name])
          : t("followCurrent", [name])
        : followed
          ? t("following")
          : t("follow");
    const button = h(
      "button",
      {
        type: "button",
        class: where === "current" ? "toggle-follow follow-current-button" : "toggle-follow",
        "aria-pressed": followed ? "true" : "false",
        "data-key": creatorKey(c),
        onclick: async () => {
          button.setAttribute("disabled", "");
          const key = creatorKey(c);
          try {
            if (data.followed.has(key)) {
              await client.host("creators.unfollow", { platform: c.platform, handle: c.handle });
              data.followed.delete(key);
            } else {
              const body = { platform: c.platform, handle: c.handle };
              if (c.label) Object.assign(body, { label: c.label });
              await client.host("creators.follow", body);
              data.followed.add(key);
            }
          } catch (err) {
            button.title = asHostError(err).message;
          }
          renderLive();
          renderToday();
          doc.querySelector(`button[data-key="${cssEscape(key)}"]`)?.focus?.();
        },
      },
      where === "current" ? (followed ? "✓ " : "+ ") : "",
      label,
      // The visible word plus, for screen readers, whom it is about (the list shows the name
      // beside the button; the accessible name still starts with what is seen).
      where === "row" ? h("span", { class: "sr-only" }, ` ${name}`) : "",
    );
    return button;
  }

  function renderNudge() {
    const card = $("nudge");
    const focusId = params.get("nudge");
    const n = data.nudge;
    if (!n) {
      card.hidden = !focusId;
      if (focusId) {
        card.replaceChildren(h("p", { class: "muted" }, t("nudgeAnswered")));
      }
      return;
    }
    card.hidden = false;
    card.setAttribute("aria-labelledby", "nudge-title");
    card.dataset.id = n.id;
    const status = h("p", { class: "form-status", role: "status" });
    card.replaceChildren(
      h("h2", { id: "nudge-title", tabindex: "-1" }, n.title),
      h("p", { class: "nudge-message" }, n.message),
      h(
        "div",
        { class: "choices" },
        (n.choices ?? []).map((/** @type {any} */ choice, /** @type {number} */ i) =>
          h(
            "button",
            {
              type: "button",
              "data-choice": i,
              onclick: async () => {
                try {
                  await client.chooseNudge(n.id, i);
                  data.nudge = null;
                  card.replaceChildren(
                    h("p", { class: "muted", role: "status" }, t("nudgeThanks")),
                  );
                } catch (err) {
                  status.textContent = asHostError(err).message;
                  status.classList.add("error");
                }
              },
            },
            choice.label,
          ),
        ),
      ),
      status,
      /^R([1-9]|1[01])$/.test(n.rule)
        ? h(
            "button",
            {
              type: "button",
              class: "quiet nudge-dont-show",
              onclick: async () => {
                try {
                  await client.chooseNudge(n.id, "dont_show");
                  data.nudge = null;
                  card.replaceChildren(
                    h("p", { class: "muted", role: "status" }, t("nudgeTurnedOff")),
                  );
                } catch (err) {
                  status.textContent = asHostError(err).message;
                  status.classList.add("error");
                }
              },
            },
            t("nudgeDontShow"),
          )
        : null,
      h(
        "a",
        {
          class: "nudge-adjust",
          href: `${optionsUrl}#rule-${encodeURIComponent(n.rule)}`,
          target: "_blank",
        },
        t("nudgeAdjust"),
      ),
    );
  }

  function renderCheckin() {
    const body = $("checkin-body");
    const day = localDate(now());
    const top = data.week?.creators?.[0];
    const topName = top ? creatorName(top) : t("yourCreators");
    const status = h("p", { class: "form-status", role: "status" });
    /** @param {string} name @param {Array<[string, string]>} options */
    const chips = (name, options) =>
      h(
        "div",
        { class: "chips" },
        options.map(([value, text]) =>
          h(
            "label",
            { class: "chip" },
            h("input", { type: "radio", name, value }),
            h("span", {}, text),
          ),
        ),
      );
    const minutes = h("input", {
      type: "number",
      id: "checkin-minutes",
      name: "social_min",
      min: 0,
      max: 1440,
      step: 5,
      inputmode: "numeric",
      required: true,
      "aria-describedby": "checkin-minutes-hint",
    });
    const presets = h(
      "div",
      { class: "chips", role: "group", "aria-label": t("checkinPresets") },
      [15, 30, 60, 120].map((m) =>
        h(
          "button",
          {
            type: "button",
            class: "toggle-follow",
            onclick: () => {
              /** @type {HTMLInputElement} */ (minutes).value = String(m);
            },
          },
          dur(m * 60),
        ),
      ),
    );
    const plan = h("input", {
      type: "text",
      id: "checkin-plan",
      name: "plan",
      maxlength: 500,
      placeholder: t("checkinPlanPlaceholder"),
    });
    const form = h(
      "form",
      {
        id: "checkin-form",
        onsubmit: async (/** @type {Event} */ ev) => {
          ev.preventDefault();
          const f = /** @type {HTMLFormElement} */ (form);
          const value = (/** @type {string} */ n) =>
            /** @type {HTMLInputElement | null} */ (f.querySelector(`input[name="${n}"]:checked`))
              ?.value;
          const socialMin = Number(/** @type {HTMLInputElement} */ (minutes).value);
          if (!Number.isInteger(socialMin) || socialMin < 0 || socialMin > 1440) {
            minutes.setAttribute("aria-invalid", "true");
            status.textContent = t("checkinMinutesInvalid");
            status.classList.add("error");
            minutes.focus();
            return;
          }
          minutes.removeAttribute("aria-invalid");
          /** @type {Record<string, any>} */
          const body = { date: day, social_min: socialMin };
          const lonely = value("lonely");
          if (lonely) body.lonely = Number(lonely);
          const felt = value("felt");
          if (felt) body.felt = felt;
          const lean = value("opinion_lean");
          if (lean) body.opinion_lean = Number(lean);
          const planText = /** @type {HTMLInputElement} */ (plan).value.trim();
          if (planText) body.plan = planText;
          try {
            await client.host("checkin.record", body);
            status.classList.remove("error");
            status.textContent = t("checkinSaved");
            await loadData();
            renderWeek();
            renderToday();
          } catch (err) {
            status.classList.add("error");
            status.textContent = asHostError(err).message;
          }
        },
      },
      h(
        "div",
        {},
        h("label", { class: "q", for: "checkin-minutes" }, t("checkinMinutesQuestion")),
        h("div", { class: "minutes-row" }, minutes, h("span", {}, t("minutesUnit")), presets),
        h("p", { id: "checkin-minutes-hint", class: "summary-hint" }, t("checkinMinutesHint")),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t(lonelyQuestionKey(day))),
        chips("lonely", [
          ["1", t("lonely1")],
          ["2", t("lonely2")],
          ["3", t("lonely3")],
        ]),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t("feltQuestion", [topName])),
        chips("felt", [
          ["chosen", t("feltChosen")],
          ["autopilot", t("feltAutopilot")],
          ["hard_to_stop", t("feltHardToStop")],
        ]),
      ),
      h(
        "fieldset",
        {},
        h("legend", {}, t("leanQuestion", [topName])),
        chips("opinion_lean", [
          ["1", t("lean1")],
          ["2", "2"],
          ["3", "3"],
          ["4", "4"],
          ["5", t("lean5")],
        ]),
      ),
      h("div", {}, h("label", { class: "q", for: "checkin-plan" }, t("checkinPlanQuestion")), plan),
      h(
        "div",
        { class: "form-actions" },
        h("button", { type: "submit", class: "primary" }, t("checkinSave")),
        status,
      ),
    );
    body.replaceChildren(form);
  }

  async function renderDiagnostics() {
    const list = $("diagnostics-list");
    const s = data.status;
    /** @type {Array<[string, Node | string]>} */
    const rows = [];
    if (s) {
      const c = s.connection;
      rows.push([
        t("diagHost"),
        c.status === "connected"
          ? t("diagHostConnected", [c.hostVersion ?? "?", new Date(c.since).toLocaleTimeString()])
          : `${c.status}${c.error ? `: ${c.error}` : ""}`,
      ]);
      rows.push([t("diagWaiting"), String(s.outbox.pending)]);
      if (s.outbox.total) rows.push([t("diagDropped"), String(s.outbox.total)]);
      rows.push([t("diagExtension"), `${s.extensionId} · ${s.browser}`]);
      if (s.lastError) {
        rows.push([
          t("diagLastError"),
          `${new Date(s.lastError.at).toLocaleTimeString()} ${s.lastError.code}: ${s.lastError.message}`,
        ]);
      }
    }
    const diag = await settle(client.diagnostics());
    if (diag.ok) {
      const d = diag.value.delivery;
      rows.push([
        t("diagLastAck"),
        d.lastAck
          ? t("diagLastAckAt", [new Date(d.lastAck.at).toLocaleTimeString(), d.lastAck.count])
          : d.sent
            ? t("diagSent", [d.sent])
            : t("diagNothingSent"),
      ]);
    }
    const perms = deps.sitePermissions;
    if (perms) {
      const granted = await perms.contains(perms.origins).catch(() => false);
      rows.push([
        t("diagSites"),
        granted
          ? t("diagSitesGranted")
          : h(
              "span",
              {},
              t("diagSitesMissing"),
              " ",
              h(
                "button",
                {
                  type: "button",
                  class: "quiet",
                  onclick: async () => {
                    await perms.request(perms.origins).catch(() => false);
                    renderDiagnostics();
                  },
                },
                t("diagSitesAllow"),
              ),
            ),
      ]);
    }
    if (deps.extension) rows.push([t("diagVersion"), deps.extension.version]);
    list.replaceChildren(...rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  }

  function renderAll() {
    renderLive();
    renderHost();
    renderWelcome();
    renderNudge();
    renderWeek();
    renderToday();
    renderCheckin();
  }

  function applyFocus() {
    if (params.get("checkin") === "1") {
      $("checkin").setAttribute("open", "");
      doc.getElementById("checkin-minutes")?.focus();
    } else if (params.get("nudge")) {
      const title = doc.getElementById("nudge-title") ?? $("nudge");
      title.focus?.();
      $("nudge").scrollIntoView?.({ block: "start" });
    }
  }

  const ready = (async () => {
    const [seen] = await Promise.all([
      deps.welcome.seen().catch(() => true),
      loadLive(),
      loadData(),
      loadNudge(),
    ]);
    data.welcomeSeen = seen;
    renderAll();
    applyFocus();
    doc.body.dataset.ready = "true";
    $("diagnostics").addEventListener("toggle", () => {
      if (/** @type {HTMLDetailsElement} */ ($("diagnostics")).open) renderDiagnostics();
    });
  })();

  return {
    ready,
    /** Re-reads the live state (the page calls this every couple of seconds). */
    async refreshLive() {
      await loadLive();
      renderLive();
      renderHost();
    },
    data,
  };
}

/** CSS.escape where there is one (linkedom has none); keys are [a-z0-9./_-@]. */
/** @param {string} s */
function cssEscape(s) {
  const css = /** @type {any} */ (globalThis).CSS;
  return css?.escape ? css.escape(s) : s.replace(/["\\]/g, "\\$&");
}
