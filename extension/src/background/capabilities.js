// @ts-check
// Where Chromium and Firefox differ, decided once: which API namespace, which browser (for
// hello), session storage, how a native port reports why it closed. Everything else uses
// the one code path.

/**
 * @typedef {"chrome" | "chromium" | "edge" | "brave" | "firefox" | "other"} BrowserName
 * @typedef {object} Capabilities
 * @property {any} api                    `browser` in Firefox, `chrome` elsewhere (promise style)
 * @property {BrowserName} browser
 * @property {any} stateArea               storage.session where it exists (kept across worker
 *                                         restarts, not across browser restarts, never on disk),
 *                                         else storage.local
 * @property {(name: string) => any} connectNative
 * @property {(port: any) => string | null} readPortError  call inside onDisconnect
 */

/**
 * @param {any} [g] the global object
 * @returns {Capabilities}
 */
export function detectCapabilities(g = globalThis) {
  const firefox = typeof g.browser?.runtime?.getBrowserInfo === "function";
  const api = firefox ? g.browser : g.chrome;
  return {
    api,
    browser: browserName(g.navigator, firefox),
    stateArea: api.storage.session ?? api.storage.local,
    connectNative: (name) => api.runtime.connectNative(name),
    // Firefox sets port.error; Chromium sets runtime.lastError for the listener's duration.
    readPortError: (port) => port?.error?.message ?? api.runtime.lastError?.message ?? null,
  };
}

/**
 * The `browser` field of hello (PROTOCOL.md).
 * @param {any} nav navigator
 * @param {boolean} firefox
 * @returns {BrowserName}
 */
export function browserName(nav, firefox) {
  if (firefox) return "firefox";
  if (nav?.brave) return "brave";
  const brands = (nav?.userAgentData?.brands ?? []).map((/** @type {any} */ b) => b.brand);
  if (brands.includes("Microsoft Edge")) return "edge";
  if (brands.includes("Google Chrome")) return "chrome";
  if (brands.includes("Brave")) return "brave";
  if (brands.includes("Chromium")) return "chromium";
  const ua = String(nav?.userAgent ?? "");
  if (/Edg\//.test(ua)) return "edge";
  if (/Chrome\//.test(ua)) return "chromium";
  return "other";
}
