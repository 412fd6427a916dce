// @ts-check
// Strings for the pages: the browser's i18n (messages from _locales), with the key itself
// as the visible fallback so a missing string is noticed, never silently blank.

/**
 * @param {(key: string, subs?: string[]) => string} getMessage i18n.getMessage
 * @returns {import("./duration_format.js").Translate}
 */
export function makeTranslator(getMessage) {
  return (key, subs = []) => getMessage(key, subs.map(String)) || key;
}

/**
 * Fills `data-i18n` (text), `data-i18n-aria` (aria-label) and `data-i18n-placeholder`.
 * @param {ParentNode} root
 * @param {import("./duration_format.js").Translate} t
 */
export function localize(root, t) {
  for (const node of root.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.getAttribute("data-i18n") ?? "");
  }
  for (const node of root.querySelectorAll("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(node.getAttribute("data-i18n-aria") ?? ""));
  }
  for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.getAttribute("data-i18n-placeholder") ?? ""));
  }
}

/** Today's local date, "YYYY-MM-DD". @param {Date} [d] */
export function localDate(d = new Date()) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
