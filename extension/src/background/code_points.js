// @ts-check
// String lengths as the protocol counts them: in Unicode code points (schemas/README.md),
// where JavaScript's `length` counts UTF-16 units and an astral character (most emoji) is
// two of them. Cutting by units can also split a surrogate pair, and a lone surrogate is
// not UTF-8 text: the host refuses the whole frame as `bad_json`, with no id to match it to,
// so one bad label would hold up every batch behind it.

/**
 * How many code points `s` holds (a lone surrogate counts as one, as in the schemas).
 * @param {string} s
 * @returns {number}
 */
export function codePointLength(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/**
 * `s` cut to at most `max` code points, never inside a surrogate pair, with any lone
 * surrogate replaced by U+FFFD so the result can always be sent.
 * @param {string} s
 * @param {number} max
 * @returns {string}
 */
export function truncateCodePoints(s, max) {
  const text = s.toWellFormed();
  if (text.length <= max) return text;
  let out = "";
  let n = 0;
  for (const ch of text) {
    if (n === max) break;
    out += ch;
    n++;
  }
  return out;
}
