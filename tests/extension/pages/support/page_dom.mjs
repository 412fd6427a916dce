// A page's HTML in linkedom, as the browser would load it (scripts not run).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";

const PAGES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../extension/src/pages",
);

/** @param {"popup" | "options" | "reflection"} name */
export function loadPage(name) {
  const html = readFileSync(path.join(PAGES, name, `${name}.html`), "utf8");
  const { document, window } = parseHTML(html);
  giveSelectsAValue(window);
  return { document, window };
}

/**
 * linkedom's <select> has no working `value` (a getter that answers undefined, no setter):
 * the browser's behaviour, enough for forms: the selected option's value, else the first's;
 * setting it selects the option with that value.
 * @param {any} window
 */
export function giveSelectsAValue(window) {
  const proto = window.HTMLSelectElement.prototype;
  if (Object.getOwnPropertyDescriptor(proto, "value")?.set) return;
  Object.defineProperty(proto, "value", {
    configurable: true,
    get() {
      const options = [...this.querySelectorAll("option")];
      const chosen = options.find((o) => o.hasAttribute("selected")) ?? options[0];
      return chosen ? (chosen.getAttribute("value") ?? chosen.textContent) : "";
    },
    set(value) {
      for (const o of this.querySelectorAll("option")) {
        if ((o.getAttribute("value") ?? o.textContent) === String(value)) {
          o.setAttribute("selected", "");
        } else {
          o.removeAttribute("selected");
        }
      }
    },
  });
}

/** Lets pending promise callbacks run. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

/** Visible text of an element, whitespace collapsed. */
export function text(el) {
  return (el?.textContent ?? "").replace(/\s+/g, " ").trim();
}
