// @ts-check
// The top of a chart's time axis: a round figure just above the largest value, so the
// gridline's label reads "2 h" or "45 min", never "1 h 53".

/** Steps (seconds) a scale may end on, smallest first. */
const STEPS = [15 * 60, 30 * 60, 60 * 60, 2 * 3600, 3 * 3600, 4 * 3600, 6 * 3600, 8 * 3600];

/**
 * @param {number} maxSeconds the largest value shown
 * @returns {number} seconds: at least 15 min, a multiple of a step, >= maxSeconds
 */
export function niceCeiling(maxSeconds) {
  const max = Math.max(0, maxSeconds);
  for (const step of STEPS) {
    if (max <= step) return step;
  }
  const unit = 4 * 3600;
  return Math.ceil(max / unit) * unit;
}

/** Local date "YYYY-MM-DD" -> a Date at local noon (safe from DST edges). @param {string} day */
export function dateOfDay(day) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(y, m - 1, d, 12);
}
