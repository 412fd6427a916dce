// @ts-check
// The reflection's four-week trend of the balance: for each week, time with people
// (striped) beside time with creators (solid), each bar labelled with its figure, and a
// table of the same numbers for screen readers.

import { builder } from "./dom_builder.js";
import { dateOfDay, niceCeiling } from "./chart_scale.js";
import { englishUnits, formatDuration } from "./duration_format.js";

/** @typedef {import("./duration_format.js").Translate} Translate */
/** @typedef {{from: string, to: string, creator_s: number, connection_min: number,
 *   ratio: number | null}} Week */

/**
 * @param {Week[]} weeks oldest first
 * @param {{width?: number, height?: number}} [size]
 */
export function trendLayout(weeks, { width = 560, height = 200 } = {}) {
  const top = 22;
  const bottom = 46;
  const plotH = height - top - bottom;
  const values = weeks.flatMap((w) => [w.creator_s, w.connection_min * 60]);
  const scaleMax = niceCeiling(Math.max(0, ...values));
  const band = width / Math.max(1, weeks.length);
  const barW = Math.min(44, band * 0.3);
  const gap = 6;
  const bar = (/** @type {number} */ x, /** @type {number} */ sec) => {
    const hgt = sec > 0 ? Math.max((sec / scaleMax) * plotH, 1.5) : 0;
    return { x, y: top + plotH - hgt, w: barW, h: hgt, seconds: sec };
  };
  const groups = weeks.map((w, i) => {
    const cx = i * band + band / 2;
    return {
      week: w,
      cx,
      people: bar(cx - gap / 2 - barW, w.connection_min * 60),
      creators: bar(cx + gap / 2, w.creator_s),
    };
  });
  return { width, height, top, plotH, baseline: top + plotH, scaleMax, groups };
}

/**
 * The balance of a week in words: the share of the time that went to people.
 * @param {Week} w @param {Translate} t
 */
export function peopleShare(w, t) {
  if (w.ratio === null || w.ratio === undefined) return t("shareNone");
  return t("sharePeople", [Math.round((1 - w.ratio) * 100)]);
}

/**
 * @param {Document} doc
 * @param {{weeks: Week[], t?: Translate, locale?: string, idPrefix?: string}} opts
 */
export function trendFigure(doc, { weeks, t = englishUnits, locale, idPrefix = "tr" }) {
  const { h, s } = builder(doc);
  const L = trendLayout(weeks);
  const dur = (/** @type {number} */ sec) => formatDuration(sec, t);
  const short = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
  const range = (/** @type {Week} */ w) =>
    `${short.format(dateOfDay(w.from))} – ${short.format(dateOfDay(w.to))}`;
  const label = (/** @type {Week} */ w, /** @type {number} */ i) =>
    i === weeks.length - 1 ? t("thisWeek") : range(w);

  const barLabel = (/** @type {{x: number, y: number, w: number, seconds: number}} */ b) =>
    s(
      "text",
      {
        class: "bar-value",
        x: (b.x + b.w / 2).toFixed(1),
        y: (b.y - 5).toFixed(1),
        "text-anchor": "middle",
      },
      dur(b.seconds),
    );
  const svg = s(
    "svg",
    {
      class: "chart chart-trend",
      viewBox: `0 0 ${L.width} ${L.height}`,
      role: "img",
      "aria-label": t("trendChartLabel"),
      focusable: "false",
    },
    s(
      "defs",
      {},
      s(
        "pattern",
        {
          id: `${idPrefix}-stripes`,
          width: 6,
          height: 6,
          patternUnits: "userSpaceOnUse",
          patternTransform: "rotate(45)",
        },
        s("rect", { class: "fill-connection", width: 6, height: 6 }),
        s("rect", { class: "fill-stripe", width: 2, height: 6 }),
      ),
    ),
    s("line", { class: "grid grid-base", x1: 0, x2: L.width, y1: L.baseline, y2: L.baseline }),
    L.groups.map((g, i) =>
      s(
        "g",
        { class: i === L.groups.length - 1 ? "week current" : "week", "data-from": g.week.from },
        s(
          "title",
          {},
          `${range(g.week)}: ${t("series_people")} ${dur(g.people.seconds)}, ${t("series_creator")} ${dur(g.creators.seconds)}`,
        ),
        s("rect", {
          class: "bar bar-people",
          x: g.people.x.toFixed(1),
          y: g.people.y.toFixed(1),
          width: g.people.w.toFixed(1),
          height: g.people.h.toFixed(1),
          rx: 2,
          fill: `url(#${idPrefix}-stripes)`,
          "data-seconds": g.people.seconds,
        }),
        s("rect", {
          class: "bar bar-creator",
          x: g.creators.x.toFixed(1),
          y: g.creators.y.toFixed(1),
          width: g.creators.w.toFixed(1),
          height: g.creators.h.toFixed(1),
          rx: 2,
          "data-seconds": g.creators.seconds,
        }),
        barLabel(g.people),
        barLabel(g.creators),
        s(
          "text",
          { class: "week-label", x: g.cx.toFixed(1), y: L.height - 20, "text-anchor": "middle" },
          label(g.week, i),
        ),
        s(
          "text",
          { class: "week-share", x: g.cx.toFixed(1), y: L.height - 5, "text-anchor": "middle" },
          peopleShare(g.week, t),
        ),
      ),
    ),
  );
  const legend = h(
    "ul",
    { class: "legend", "aria-hidden": "true" },
    h("li", {}, h("span", { class: "swatch swatch-connection" }), t("series_people")),
    h("li", {}, h("span", { class: "swatch swatch-creator" }), t("series_creator")),
  );
  const table = h(
    "table",
    {},
    h("caption", {}, t("trendChartLabel")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("tableWeek")),
        h("th", { scope: "col" }, t("series_people")),
        h("th", { scope: "col" }, t("series_creator")),
        h("th", { scope: "col" }, t("tableBalance")),
      ),
    ),
    h(
      "tbody",
      {},
      weeks.map((w, i) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label(w, i)),
          h("td", {}, dur(w.connection_min * 60)),
          h("td", {}, dur(w.creator_s)),
          h("td", {}, peopleShare(w, t)),
        ),
      ),
    ),
  );
  return h("figure", { class: "figure-trend" }, svg, legend, h("div", { class: "sr-only" }, table));
}
