// Chromium (Debian's binary, headless) with the test build of the extension, driven by
// playwright-core, pointed at the local sites under their real hostnames.
import { chromium } from "playwright-core";
import { CHROMIUM_BIN } from "./paths.mjs";

/** Flags that work here as root (docs in /work/shared/E2E.md). */
export const BASE_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/**
 * @param {{userDataDir: string, extensionDir: string, hostnames: string[], port: number,
 *   spki: string, env: Record<string, string>}} opts
 * @returns {Promise<import("playwright-core").BrowserContext>}
 */
export async function launchChromium({ userDataDir, extensionDir, hostnames, port, spki, env }) {
  const rules = hostnames.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(", ");
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    env: { ...process.env, ...env },
    timeout: 60_000,
    args: [
      ...BASE_FLAGS,
      `--load-extension=${extensionDir}`,
      `--disable-extensions-except=${extensionDir}`,
      `--host-resolver-rules=${rules}`,
      `--ignore-certificate-errors-spki-list=${spki}`,
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
}

/**
 * The extension's service worker, once it runs the test hook.
 * @param {import("playwright-core").BrowserContext} ctx
 * @param {string} extensionId
 */
export async function extensionWorker(ctx, extensionId) {
  const prefix = `chrome-extension://${extensionId}/`;
  const find = () => ctx.serviceWorkers().find((w) => w.url().startsWith(prefix));
  const sw =
    find() ??
    (await ctx.waitForEvent("serviceworker", {
      predicate: (w) => w.url().startsWith(prefix),
      timeout: 30_000,
    }));
  return sw;
}

/**
 * Stops every service worker with plain CDP, as Chromium does after 30 s without events.
 * The worker's port to the host closes with it. Call nothing on the worker until it has
 * been woken again: an evaluate sent to a stopped worker holds its restart back.
 * @param {import("playwright-core").BrowserContext} ctx
 * @param {import("playwright-core").Page} page any page, to carry the CDP session
 */
export async function stopServiceWorkers(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  try {
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
  } finally {
    await cdp.detach().catch(() => {});
  }
}
