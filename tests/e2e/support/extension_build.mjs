// The extension under test, built from the current sources with the test hook
// (globalThis.__parasolTest) into a folder of the test's own, so parallel runs and other
// builds never swap it under a running browser.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./paths.mjs";

/**
 * @param {string} outDir
 * @returns {{chromium: string, firefox: string, chromiumId: string, geckoId: string}}
 */
export function buildTestExtension(outDir) {
  execFileSync(
    process.execPath,
    [path.join(ROOT, "scripts", "build-extension.mjs"), "--test", "--out", outDir],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  const read = (/** @type {string} */ f) => readFileSync(path.join(outDir, f), "utf8").trim();
  return {
    chromium: path.join(outDir, "chromium"),
    firefox: path.join(outDir, "firefox"),
    chromiumId: read("chromium-id.txt"),
    geckoId: read("firefox-id.txt"),
  };
}
