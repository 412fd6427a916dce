// @ts-check
// Builds DOM and SVG nodes from plain data, for one document (the page's, or linkedom's in
// tests). Text always goes in as text nodes: nothing from the host is ever parsed as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * @typedef {Node | string | number | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs
 */

/**
 * @param {Document} doc
 */
export function builder(doc) {
  /**
   * @param {Element} el @param {Attrs} attrs @param {Child[]} children
   */
  const fill = (el, attrs, children) => {
    for (const [name, value] of Object.entries(attrs ?? {})) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === "function") {
        el.addEventListener(name.replace(/^on/, ""), value);
      } else {
        el.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const c of children.flat(/** @type {1} */ (Infinity))) {
      if (c === null || c === undefined || c === false) continue;
      el.append(typeof c === "object" ? c : doc.createTextNode(String(c)));
    }
    return el;
  };
  return {
    /**
     * An HTML element: h("button", {type: "button", onclick: fn}, "Follow").
     * @param {string} tag @param {Attrs} [attrs] @param {...(Child | Child[])} children
     * @returns {HTMLElement}
     */
    h(tag, attrs = {}, ...children) {
      return /** @type {HTMLElement} */ (
        fill(doc.createElement(tag), attrs, /** @type {Child[]} */ (children))
      );
    },
    /**
     * An SVG element.
     * @param {string} tag @param {Attrs} [attrs] @param {...(Child | Child[])} children
     * @returns {SVGElement}
     */
    s(tag, attrs = {}, ...children) {
      return /** @type {SVGElement} */ (
        fill(doc.createElementNS(SVG_NS, tag), attrs, /** @type {Child[]} */ (children))
      );
    },
  };
}

/**
 * Text whose `backticked` parts are commands, as nodes: text and <code> (never HTML).
 * @param {Document} doc @param {string} text
 * @returns {Node[]}
 */
export function commandText(doc, text) {
  return text.split("`").map((part, i) => {
    if (i % 2 === 0) return doc.createTextNode(part);
    // Each word unbreakable, so a command wraps only between words (never after the "-" of
    // an option); the copied text is unchanged.
    const code = doc.createElement("code");
    part.split(" ").forEach((word, j) => {
      if (j > 0) code.append(doc.createTextNode(" "));
      const w = doc.createElement("span");
      w.className = "nowrap";
      w.textContent = word;
      code.append(w);
    });
    return code;
  });
}
