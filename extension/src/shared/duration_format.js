// @ts-check
// Durations as people read them: "3 h 10", "45 min", "2 h". Minutes are rounded to the
// nearest whole minute; anything above zero that rounds to none still shows as "< 1 min",
// so a little time never reads as no time.

/**
 * @typedef {(key: string, subs?: Array<string | number>) => string} Translate
 */

/** The English wording, used when no translator is given (tests, the CLI-like fallbacks). */
const ENGLISH = /** @type {Record<string, string>} */ ({
  durationHoursMinutes: "$1 h $2",
  durationHours: "$1 h",
  durationMinutes: "$1 min",
  durationUnderMinute: "< 1 min",
});

/** @type {Translate} */
export function englishUnits(key, subs = []) {
  const text = ENGLISH[key];
  if (!text) return key;
  return text.replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ""));
}

/**
 * @param {number} seconds whole or fractional seconds; negatives count as zero
 * @param {Translate} [t]
 */
export function formatDuration(seconds, t = englishUnits) {
  const s = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const minutes = Math.round(s / 60);
  if (minutes === 0) return s > 0 ? t("durationUnderMinute") : t("durationMinutes", [0]);
  if (minutes < 60) return t("durationMinutes", [minutes]);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (m === 0) return t("durationHours", [h]);
  return t("durationHoursMinutes", [h, String(m).padStart(2, "0")]);
}

/** @param {number} minutes @param {Translate} [t] */
export function formatMinutes(minutes, t = englishUnits) {
  return formatDuration(minutes * 60, t);
}

/**
 * A share as a whole percentage ("45%"); a non-zero share below 1% shows as "< 1%".
 * @param {number} share 0..1
 */
export function formatShare(share) {
  if (!Number.isFinite(share) || share <= 0) return "0%";
  const pct = Math.round(share * 100);
  return pct === 0 ? "< 1%" : `${Math.min(pct, 100)}%`;
}
