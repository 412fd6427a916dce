// Firefox ESR, headless, with the test build of the extension loaded as a temporary add-on
// by `web-ext run` (host permissions granted, as a user's install would have them). No
// driver is attached: the page under test drives itself (see site.mjs, #e2e-leave).
//
// Hostnames: network.dns.localDomains sends the creator's hostname to 127.0.0.1. The page
// is served over HTTPS (the content scripts match https only, as on the real sites) with
// the per-run self-signed certificate, trusted for exactly that host and port through a
// certificate exception in the profile (cert_override.txt: what "Accept the risk and
// continue" writes). The port is the local server's, written in the URL.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { FIREFOX_BIN, ROOT } from "./paths.mjs";
import { sleep } from "./processes.mjs";

const WEB_EXT = path.join(ROOT, "node_modules", "web-ext", "bin", "web-ext.js");

/**
 * A profile folder with certificate exceptions for `hosts` at `port`.
 * @param {string} dir
 * @param {string[]} hosts
 * @param {number} port
 * @param {string} sha256Fingerprint colon-separated hex, as X509Certificate.fingerprint256
 */
export function makeProfile(dir, hosts, port, sha256Fingerprint) {
  mkdirSync(dir, { recursive: true });
  const lines = [
    "# PSM Certificate Override Settings file",
    "# This is a generated file!  Do not edit.",
    ...hosts.map((h) => `${h}:${port}:\tOID.2.16.840.1.101.3.4.2.1\t${sha256Fingerprint}\t`),
  ];
  writeFileSync(path.join(dir, "cert_override.txt"), lines.join("\n") + "\n");
  return dir;
}

/**
 * Starts `web-ext run` in a process group of its own (Firefox, its content processes and
 * the native host it starts all join it), so stop() can end every one of them.
 * @param {{extensionDir: string, profileDir: string, startUrl: string,
 *   prefs: Record<string, string | number | boolean>, env: Record<string, string>}} opts
 */
export function launchFirefox({ extensionDir, profileDir, startUrl, prefs, env }) {
  const args = [
    WEB_EXT,
    "run",
    "--target",
    "firefox-desktop",
    "--firefox",
    FIREFOX_BIN,
    "--source-dir",
    extensionDir,
    "--firefox-profile",
    profileDir,
    "--keep-profile-changes",
    "--arg=--headless",
    "--no-reload",
    "--no-input",
    "--no-config-discovery",
    "--start-url",
    startUrl,
    ...Object.entries(prefs).map(([k, v]) => `--pref=${k}=${v}`),
  ];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    detached: true, // setsid: a process group of its own
    stdio: ["ignore", "pipe", "pipe"],
  });
  /** @type {Buffer[]} */
  const output = [];
  child.stdout.on("data", (c) => output.push(c));
  child.stderr.on("data", (c) => output.push(c));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const pgid = /** @type {number} */ (child.pid);

  return {
    pgid,
    output: () => Buffer.concat(output).toString("utf8"),
    /** Ends the whole group: SIGTERM, then SIGKILL for anything still there. */
    async stop() {
      signalGroup(pgid, "SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      for (let i = 0; i < 50 && groupAlive(pgid); i++) {
        signalGroup(pgid, "SIGKILL");
        await sleep(100);
      }
    },
  };
}

/** @param {number} pgid @param {NodeJS.Signals} signal */
function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is empty already.
  }
}

/** @param {number} pgid */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
