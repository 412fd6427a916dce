// Where the pieces under test are: the repository, the host and CLI binaries (the CTest
// wiring passes them in the environment, as for the contract tests), the browsers.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const HOST_BIN =
  process.env.PARASOL_HOST_BIN ?? path.join(ROOT, "build", "ci", "parasol-host");
export const CLI_BIN = process.env.PARASOL_CLI_BIN ?? path.join(ROOT, "build", "ci", "parasol");

// The real binary, not /usr/bin/chromium: that wrapper adds flags from /etc/chromium.d.
export const CHROMIUM_BIN = process.env.PARASOL_CHROMIUM ?? "/usr/lib/chromium/chromium";
export const FIREFOX_BIN = process.env.PARASOL_FIREFOX ?? "/usr/bin/firefox-esr";

/**
 * Why a suite can't run here, or null. Missing binaries are a set-up problem the message
 * names, so a run without them skips loudly instead of failing obscurely.
 * @param {string[]} binaries
 */
export function missing(binaries) {
  const gone = binaries.filter((b) => !existsSync(b));
  return gone.length ? `not found: ${gone.join(", ")} (build with make build)` : null;
}
