// @ts-check
// R5's 3-second pause page (background/pause_gate.js sends a tab here, at
// pause.html?to=<url>&creator=<name>): a calm countdown, then two equal ways on:
// "Continue to {creator}" and "Message a friend instead" (the user's first messaging
// connection site). The page never records anything.

export const PAUSE_SECONDS = 3;
export const FALLBACK_MESSAGING = "web.whatsapp.com";

/**
 * Where the pause leads on to: an http(s) URL and a name for it, or null.
 * @param {string} search location.search
 * @returns {{to: string, creator: string} | null}
 */
export function parseTarget(search) {
  const q = new URLSearchParams(search);
  const raw = q.get("to");
  if (!raw) return null;
  let u;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  const creator = (q.get("creator") ?? "").trim().slice(0, 80) || u.hostname;
  return { to: u.href, creator };
}

/**
 * The address of the user's first messaging site (settings connection_sites), or the
 * default list's first.
 * @param {any} settings the cached settings document, if any
 */
export function friendUrl(settings) {
  const sites = Array.isArray(settings?.connection_sites) ? settings.connection_sites : [];
  const first = sites.find(
    (/** @type {any} */ s) => s && s.kind === "messaging" && typeof s.match === "string",
  );
  return `https://${first ? first.match : FALLBACK_MESSAGING}`;
}

function start() {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  const t = (/** @type {string} */ key, /** @type {string[]} */ subs = []) =>
    api?.i18n?.getMessage(key, subs) || "";
  const el = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

  for (const node of document.querySelectorAll("[data-i18n]")) {
    const text = t(/** @type {HTMLElement} */ (node).dataset.i18n ?? "");
    if (text) node.textContent = text;
  }
  document.title = t("pauseTitle") || document.title;

  const target = parseTarget(location.search);
  const countdown = el("countdown");
  if (!target) {
    countdown.hidden = true;
    el("problem").textContent = t("pauseBadLink") || "Nowhere to go on to.";
    el("problem").hidden = false;
    return;
  }
  const go = el("continue");
  go.textContent = t("pauseContinue", [target.creator]) || `Continue to ${target.creator}`;
  // replace(): Back from the creator's page does not land on the pause again.
  go.addEventListener("click", () => location.replace(target.to));
  el("friend").addEventListener("click", async () => {
    let settings = null;
    try {
      settings = (await api.storage.local.get("settings")).settings ?? null;
    } catch {
      // No cached settings: the default messaging site will do.
    }
    location.replace(friendUrl(settings));
  });

  let left = PAUSE_SECONDS;
  const show = () => {
    countdown.textContent = t("pauseCountdown", [String(left)]) || `${left}…`;
  };
  show();
  const timer = setInterval(() => {
    left -= 1;
    if (left > 0) {
      show();
      return;
    }
    clearInterval(timer);
    countdown.hidden = true;
    el("choices").hidden = false;
    go.focus();
  }, 1000);
}

if (typeof document !== "undefined" && document.getElementById("pause")) start();
