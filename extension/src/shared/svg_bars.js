// @ts-check
// "This week at a glance": seven stacked bars (time with people from check-ins, messages
// and calls, creators), drawn as plain SVG. The three series differ by pattern as well as
// colour (dots, stripes, solid), and the numbers are also in a table for screen readers.

import { builder } from "./dom_builder.js";
import { dateOfDay, niceCeiling } from "./chart_scale.js";
import { englishUnits, formatDuration } from "./duration_format.js";

/** @typedef {import("./duration_format.js").Translate} Translate */
/** @typedef {{date: string, creator_s: number, connection_s: number, social_min: number}} Day */

/** Bottom to top: people first, so their time sits on the baseline. */
export const SERIES = /** @type {const} */ (["social", "connection", "creator"]);

/** @param {Day} d @returns {Record<(typeof SERIES)[number], number>} seconds */
export function daySeconds(d) {
  return {
    social: 60 * (d.social_min ?? 0),
    connection: d.connection_s ?? 0,
    creator: d.creator_s ?? 0,
  };
}

/**
 * Where everything goes, in SVG units; pure, so it can be tested without a DOM.
 * @param {Day[]} days oldest first
 * @param {{width?: number, height?: number}} [size]
 */
export function weekBarsLayout(days, { width = 332, height = 128 } = {}) {
  const top = 16;
  const bottom = 20;
  const plotH = height - top - bottom;
  const totals = days.map((d) => Object.values(daySeconds(d)).reduce((a, b) => a + b, 0));
  const scaleMax = niceCeiling(Math.max(0, ...totals));
  const band = width / Math.max(1, days.length);
  const barW = Math.min(30, band * 0.56);
  const columns = days.map((d, i) => {
    const secs = daySeconds(d);
    const x = i * band + (band - barW) / 2;
    let y = top + plotH;
    const segments = [];
    for (const key of SERIES) {
      const h = (secs[key] / scaleMax) * plotH;
      if (secs[key] <= 0) continue;
      // A sliver of time still shows as a sliver.
      const shown = Math.max(h, 1.5);
      y -= shown;
      segments.push({ key, x, y, w: barW, h: shown, seconds: secs[key] });
    }
    return { date: d.date, x, cx: i * band + band / 2, total: totals[i], segments };
  });
  return { width, height, top, plotH, baseline: top + plotH, scaleMax, columns };
}

/**
 * @param {Document} doc
 * @param {{days: Day[], t?: Translate, locale?: string, idPrefix?: string, today?: string}} opts
 * @returns {HTMLElement} a <figure> holding the chart, its legend and its table
 */
export function weekBarsFigure(doc, { days, t = englishUnits, locale, idPrefix = "wk", today }) {
  const { h, s } = builder(doc);
  const L = weekBarsLayout(days);
  const dur = (/** @type {number} */ sec) => formatDuration(sec, t);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short" });
  const longDay = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "short",
  });
  const fills = /** @type {Record<string, string>} */ ({
    creator: "",
    connection: `url(#${idPrefix}-stripes)`,
    social: `url(#${idPrefix}-dots)`,
  });
  const seriesName = (/** @type {string} */ k) => t(`series_${k}`);
  const dayTitle = (/** @type {(typeof L.columns)[number]} */ c) =>
    `${longDay.format(dateOfDay(c.date))}: ` +
    SERIES.slice()
      .reverse()
      .map((k) => `${seriesName(k)} ${dur(c.segments.find((g) => g.key === k)?.seconds ?? 0)}`)
      .join(", ");

  const svg = s(
    "svg",
    {
      class: "chart chart-week",
      viewBox: `0 0 ${L.width} ${L.height}`,
      role: "img",
      "aria-label": t("weekChartLabel"),
      focusable: "false",
    },
    s(
      "defs",
      {},
      s(
        "pattern",
        {
          id: `${idPrefix}-stripes`,
          width: 5,
          height: 5,
          patternUnits: "userSpaceOnUse",
          patternTransform: "rotate(45)",
        },
        s("rect", { class: "fill-connection", width: 5, height: 5 }),
        s("rect", { class: "fill-stripe", width: 1.6, height: 5 }),
      ),
      s(
        "pattern",
        { id: `${idPrefix}-dots`, width: 4, height: 4, patternUnits: "userSpaceOnUse" },
        s("rect", { class: "fill-social", width: 4, height: 4 }),
        s("circle", { class: "fill-stripe", cx: 2, cy: 2, r: 0.9 }),
      ),
    ),
    s("line", {
      class: "grid",
      x1: 0,
      x2: L.width,
      y1: L.top,
      y2: L.top,
    }),
    s("text", { class: "axis-label", x: 0, y: L.top - 4 }, dur(L.scaleMax)),
    s("line", {
      class: "grid grid-base",
      x1: 0,
      x2: L.width,
      y1: L.baseline,
      y2: L.baseline,
    }),
    L.columns.map((c) =>
      s(
        "g",
        { class: c.date === today ? "day today" : "day", "data-date": c.date },
        s("title", {}, dayTitle(c)),
        c.segments.map((g) =>
          s("rect", {
            class: `bar bar-${g.key}`,
            x: g.x.toFixed(1),
            y: g.y.toFixed(1),
            width: g.w.toFixed(1),
            height: g.h.toFixed(1),
            rx: 1.5,
            fill: fills[g.key] || null,
            "data-seconds": g.seconds,
          }),
        ),
        s(
          "text",
          { class: "day-label", x: c.cx.toFixed(1), y: L.height - 5, "text-anchor": "middle" },
          c.date === today ? t("todayShort") : weekday.format(dateOfDay(c.date)),
        ),
      ),
    ),
  );

  const legend = h(
    "ul",
    { class: "legend", "aria-hidden": "true" },
    SERIES.slice()
      .reverse()
      .map((k) => h("li", {}, h("span", { class: `swatch swatch-${k}` }), seriesName(k))),
  );

  const table = h(
    "table",
    {},
    h("caption", {}, t("weekChartLabel")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, t("tableDay")),
        SERIES.slice()
          .reverse()
          .map((k) => h("th", { scope: "col" }, seriesName(k))),
      ),
    ),
    h(
      "tbody",
      {},
      L.columns.map((c) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, longDay.format(dateOfDay(c.date))),
          SERIES.slice()
            .reverse()
            .map((k) => h("td", {}, dur(c.segments.find((g) => g.key === k)?.seconds ?? 0))),
        ),
      ),
    ),
  );
  return h("figure", { class: "figure-week" }, svg, legend, h("div", { class: "sr-only" }, table));
}
