// @ts-check
// The options page's description of each nudge rule: its thresholds (settings field, unit,
// range as the host validates them) in the order they are shown. Names and one-line reasons
// are in _locales (rule_<id>_name, rule_<id>_why, field_<field>).

/**
 * @typedef {"days" | "share" | "hours" | "minutes" | "factor" | "count" | "money" | "bool"} Unit
 * @typedef {{field: string, unit: Unit, min?: number, max?: number, step?: number,
 *   nullable?: boolean}} Threshold
 */

/** @type {(min: number, max: number, step?: number) => {min: number, max: number, step: number}} */
const range = (min, max, step = 1) => ({ min, max, step });

const cooldown = /** @type {Threshold} */ ({
  field: "cooldown_days",
  unit: "days",
  ...range(0, 365),
});

/** @type {ReadonlyArray<{id: string, thresholds: Threshold[]}>} */
export const RULES = Object.freeze([
  {
    id: "R1",
    thresholds: [
      { field: "min_ratio", unit: "share", ...range(0, 1, 0.05) },
      { field: "min_creator_hours_7d", unit: "hours", ...range(0, 168) },
      { field: "max_connection_vs_baseline", unit: "share", ...range(0, 1, 0.05) },
      { field: "connection_floor_min_7d", unit: "minutes", ...range(0, 10080, 10) },
      cooldown,
    ],
  },
  {
    id: "R2",
    thresholds: [
      { field: "drought_hours", unit: "hours", ...range(1, 720) },
      { field: "min_creator_min_per_day", unit: "minutes", ...range(0, 1440, 5) },
      cooldown,
    ],
  },
  {
    id: "R3",
    thresholds: [
      { field: "daily_goal_min", unit: "minutes", nullable: true, ...range(1, 1440, 5) },
      { field: "floor_min", unit: "minutes", ...range(0, 1440, 5) },
      { field: "median_factor", unit: "factor", ...range(1, 10, 0.1) },
      cooldown,
    ],
  },
  {
    id: "R4",
    thresholds: [
      { field: "min_night_minutes", unit: "minutes", ...range(1, 300) },
      { field: "nights", unit: "count", ...range(1, 7) },
      { field: "of_nights", unit: "count", ...range(1, 7) },
      { field: "wind_down_card", unit: "bool" },
      cooldown,
    ],
  },
  {
    id: "R5",
    thresholds: [
      { field: "min_checks_per_day", unit: "count", ...range(1, 1000) },
      { field: "baseline_factor", unit: "factor", ...range(1, 10, 0.1) },
      { field: "min_short_share", unit: "share", ...range(0, 1, 0.05) },
      { field: "pause_page", unit: "bool" },
      cooldown,
    ],
  },
  {
    id: "R6",
    thresholds: [
      { field: "min_share", unit: "share", ...range(0, 1, 0.05) },
      { field: "min_creator_hours_7d", unit: "hours", ...range(0, 168) },
      { field: "min_episodes_per_day", unit: "count", ...range(1, 100) },
      { field: "min_days", unit: "days", ...range(1, 7) },
      cooldown,
    ],
  },
  {
    id: "R7",
    thresholds: [
      { field: "spend_marks_7d", unit: "count", ...range(1, 100) },
      { field: "monthly_budget", unit: "money", nullable: true, ...range(0, 1000000) },
      cooldown,
    ],
  },
  {
    id: "R8",
    thresholds: [
      { field: "min_live_hours_7d", unit: "hours", ...range(0, 168) },
      { field: "min_chat_messages_7d", unit: "count", ...range(1, 100000) },
      cooldown,
    ],
  },
  {
    id: "R9",
    thresholds: [
      { field: "min_ramp_factor", unit: "factor", ...range(1, 10, 0.1) },
      { field: "max_connection_vs_baseline", unit: "share", ...range(0, 1, 0.05) },
      cooldown,
    ],
  },
  {
    id: "R10",
    thresholds: [
      { field: "min_lean", unit: "count", ...range(1, 5) },
      { field: "of_checkins", unit: "count", ...range(1, 10) },
      { field: "min_count", unit: "count", ...range(1, 10) },
      cooldown,
    ],
  },
  {
    id: "R11",
    thresholds: [{ field: "max_messages_24h", unit: "count", ...range(1, 1000) }, cooldown],
  },
]);

/**
 * A stored value as the input shows it: shares as percentages, null as empty.
 * @param {Threshold} th @param {unknown} value
 */
export function toInput(th, value) {
  if (value === null || value === undefined) return "";
  if (th.unit === "share") return String(Math.round(Number(value) * 1000) / 10);
  return String(value);
}

/**
 * What the input holds, as the settings value; an error key when it can't be one.
 * @param {Threshold} th @param {string} text
 * @returns {{ok: true, value: number | null} | {ok: false, error: string}}
 */
export function fromInput(th, text) {
  const s = text.trim();
  if (s === "") return th.nullable ? { ok: true, value: null } : { ok: false, error: "needed" };
  const n = Number(s);
  if (!Number.isFinite(n)) return { ok: false, error: "notNumber" };
  const value = th.unit === "share" ? Math.round(n * 10) / 1000 : n;
  const integer = th.unit !== "share" && th.unit !== "factor";
  if (integer && !Number.isInteger(value)) return { ok: false, error: "wholeNumber" };
  if (th.min !== undefined && value < th.min) return { ok: false, error: "range" };
  if (th.max !== undefined && value > th.max) return { ok: false, error: "range" };
  return { ok: true, value };
}
