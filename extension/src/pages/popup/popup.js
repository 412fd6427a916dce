// @ts-check
// The status pop-up: the link to parasol-host (with the fix when it is broken), what is
// being counted now, and what waits to be saved. It only asks the background; it never
// talks to the host itself.

import { STATUS, fixMessageKey } from "../../shared/runtime_messages.js";

/** @typedef {import("../../shared/runtime_messages.js").BackgroundStatus} BackgroundStatus */

const api = /** @type {any} */ (globalThis).browser ?? globalThis.chrome;
const REFRESH_MS = 2000;

/** @param {string} key @param {Array<string | number>} [subs] */
function t(key, subs = []) {
  return api.i18n.getMessage(key, subs.map(String)) || key;
}

/** @param {string} id */
function el(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/**
 * Text with `backticked` commands shown as code, built as DOM nodes (no HTML parsing).
 * @param {HTMLElement} node @param {string} text
 */
function setRichText(node, text) {
  node.replaceChildren(
    ...text.split("`").map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const code = document.createElement("code");
      code.textContent = part;
      return code;
    }),
  );
}

/** @param {HTMLElement} node @param {string | null} text */
function show(node, text) {
  node.hidden = !text;
  if (text) setRichText(node, text);
}

const STATUS_KEYS = /** @type {Record<string, string>} */ ({
  connecting: "statusConnecting",
  connected: "statusConnected",
  not_installed: "statusNotInstalled",
  forbidden: "statusForbidden",
  crashed: "statusCrashed",
  incompatible: "statusIncompatible",
});

/** @param {BackgroundStatus["counting"][number]} c */
function countingText(c) {
  if (c.kind === "connection") return t("countingConnection", [c.platform]);
  const who = t("creatorWithPlatform", [c.label || c.handle, c.platform]);
  const key = {
    watching: "countingWatching",
    reading: "countingReading",
    listening: "countingListening",
  }[c.state];
  return t(key, [who]);
}

/** @param {BackgroundStatus} s */
function render(s) {
  const conn = s.connection;
  const state = el("connection");
  state.dataset.status = conn.status;
  state.textContent = t(STATUS_KEYS[conn.status] ?? "statusConnecting", [conn.hostVersion ?? ""]);
  const fixKey = fixMessageKey(conn.status);
  let fix = fixKey ? t(fixKey, [s.extensionId]) : null;
  if (fix && conn.retryAt) fix += " " + t("retryAt", [new Date(conn.retryAt).toLocaleTimeString()]);
  show(el("fix"), fix);
  const err = conn.status !== "connected" && conn.error ? conn.error : s.lastError?.message;
  show(el("error"), err ? t("lastError", [err]) : null);

  const list = el("counting");
  const items = s.counting.length ? s.counting.map(countingText) : [t("countingNothing")];
  list.replaceChildren(
    ...items.map((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      return li;
    }),
  );

  el("queue").textContent = s.outbox.pending
    ? t("queueWaiting", [s.outbox.pending])
    : t("queueEmpty");
  show(el("dropped"), s.outbox.total ? t("queueDropped", [s.outbox.total]) : null);
}

async function refresh() {
  try {
    render(await api.runtime.sendMessage({ kind: STATUS }));
  } catch (err) {
    const state = el("connection");
    state.dataset.status = "crashed";
    state.textContent = t("noBackground", [String(/** @type {Error} */ (err)?.message ?? err)]);
  }
}

for (const node of document.querySelectorAll("[data-i18n]")) {
  node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n ?? "");
}
document.title = t("popupTitle");
refresh();
setInterval(refresh, REFRESH_MS);
