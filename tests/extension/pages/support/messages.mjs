// The extension's English strings as the browser would give them: every
// _locales/en/messages*.json merged, with i18n.getMessage's placeholder substitution.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const LOCALE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../extension/_locales/en",
);

/** @returns {Record<string, {message: string, placeholders?: Record<string, {content: string}>}>} */
export function loadMessages() {
  const all = {};
  for (const f of readdirSync(LOCALE).filter((n) => /^messages(\.[a-z0-9_-]+)?\.json$/.test(n))) {
    Object.assign(all, JSON.parse(readFileSync(path.join(LOCALE, f), "utf8")));
  }
  return all;
}

/**
 * i18n.getMessage: "" for an unknown key, named placeholders resolved to their $n content.
 * @param {ReturnType<typeof loadMessages>} messages
 */
export function getMessageFrom(messages) {
  return (/** @type {string} */ key, /** @type {string[]} */ subs = []) => {
    const m = messages[key];
    if (!m) return "";
    const ph = Object.fromEntries(
      Object.entries(m.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
    );
    return m.message
      .replace(/\$([A-Za-z0-9_]+)\$/g, (_, name) => ph[name.toLowerCase()] ?? "")
      .replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? "");
  };
}

/** A translator like the pages' (the key itself when missing), recording missing keys. */
export function testTranslator() {
  const get = getMessageFrom(loadMessages());
  const missing = new Set();
  const t = (/** @type {string} */ key, /** @type {any[]} */ subs = []) => {
    const text = get(key, subs.map(String));
    if (!text) missing.add(key);
    return text || key;
  };
  return { t, missing };
}
