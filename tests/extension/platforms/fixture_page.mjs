// Loads a saved page fixture (tests/extension/fixtures/<platform>/<name>.html) into a
// linkedom document. Each fixture names the address it was saved from in a leading
// comment, `<!-- url: ... -->`, and, for a page the site navigated to in place, the address
// the document was first loaded at, `<!-- landed: ... -->`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/**
 * @param {string} name path under fixtures/, e.g. "youtube/watch.html"
 * @returns {{document: Document, url: URL, hints: {landedUrl: URL}, html: string}}
 */
export function loadFixture(name) {
  const html = readFileSync(FIXTURES + name, "utf8");
  const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html);
  if (!url) throw new Error(`${name}: no <!-- url: ... --> comment`);
  const landed = /<!--\s*landed:\s*(\S+)\s*-->/.exec(html);
  const { document } = parseHTML(html);
  return {
    document,
    url: new URL(url[1]),
    hints: { landedUrl: new URL(landed ? landed[1] : url[1]) },
    html,
  };
}

/**
 * A document from a markup string (for cases built inline).
 * @param {string} html
 * @returns {Document}
 */
export function documentOf(html) {
  return parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`).document;
}
