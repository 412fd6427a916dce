// The .deb as a user gets it: installed on this machine with `dpkg -i`, then headless
// Chromium with a fresh profile (no NativeMessagingHosts folder of its own, so only the
// system-wide /etc/chromium/native-messaging-hosts/ can name the host) loads the test build
// of the extension, and its port must reach /usr/bin/parasol-host and get a hello answered
// with the VERSION file's version. `dpkg --purge parasol` runs whatever happens, and the
// package's files must be gone afterwards.
//
// It changes the machine, so it runs only when asked: PARASOL_DEB names the .deb (the
// ctest "packaging: chromium reaches the host installed from the .deb" sets it), as root
// (CI's throwaway machine), and never over a parasol installed some other way.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

import { BASE_FLAGS, extensionWorker } from "./support/chromium.mjs";
import { hostLog } from "./support/db.mjs";
import { buildTestExtension } from "./support/extension_build.mjs";
import { Harness } from "./support/harness.mjs";
import { Hook } from "./support/hook.mjs";
import { HOST_NAME } from "./support/host_manifest.mjs";
import { CHROMIUM_BIN, ROOT, missing } from "./support/paths.mjs";
import { hostPids, killAll, waitFor } from "./support/processes.mjs";

const DEB = process.env.PARASOL_DEB;
const INSTALLED_HOST = "/usr/bin/parasol-host";
const SYSTEM_MANIFEST = `/etc/chromium/native-messaging-hosts/${HOST_NAME}.json`;
const VERSION = readFileSync(path.join(ROOT, "VERSION"), "utf8").trim();

/** @param {string[]} args */
function dpkg(args) {
  return spawnSync("dpkg", args, { encoding: "utf8" });
}

/** Why this test must not run here, or null. */
function skipReason() {
  if (!DEB) return "PARASOL_DEB is not set (the packaging ctest sets it to a built .deb)";
  if (!existsSync(DEB)) return `PARASOL_DEB=${DEB}: no such file`;
  if (process.getuid?.() !== 0) return "installs the .deb on this machine: needs root";
  if (spawnSync("dpkg", ["--version"]).status !== 0) return "no dpkg on this machine";
  const gone = missing([CHROMIUM_BIN]);
  if (gone) return gone;
  // The test purges what it installed: a parasol already installed is someone's, leave it.
  const status = dpkg(["-s", "parasol"]);
  if (status.status === 0 && /^Status: install ok/m.test(status.stdout)) {
    return "the parasol package is already installed here; the test would purge it";
  }
  // Files the package would overwrite that belong to something else (a `make install`,
  // another package).
  for (const f of [INSTALLED_HOST, "/usr/bin/parasol", SYSTEM_MANIFEST]) {
    if (!existsSync(f)) continue;
    const owner = dpkg(["-S", f]);
    if (owner.status !== 0) return `${f} exists and is not from a package; not overwriting it`;
    if (!owner.stdout.startsWith("parasol:")) return `${f} belongs to ${owner.stdout.trim()}`;
  }
  return null;
}

const skip = skipReason();

test(
  "packaging: chromium with only the system-wide manifest reaches the host the .deb installed",
  { skip: skip ?? false, timeout: 240_000 },
  async () => {
    const deb = /** @type {string} */ (DEB);
    // The files the package holds (folders aside), to check the purge removed each.
    const files = execFileSync("dpkg-deb", ["-c", deb], { encoding: "utf8" })
      .split("\n")
      .filter((l) => l && !l.startsWith("d"))
      .map((l) => l.slice(l.indexOf("./") + 1));
    assert.ok(files.includes(INSTALLED_HOST), `the .deb has no ${INSTALLED_HOST}: ${files}`);
    assert.ok(files.includes(SYSTEM_MANIFEST), `the .deb has no ${SYSTEM_MANIFEST}: ${files}`);

    /** @type {unknown} */
    let failure = null;
    try {
      const install = dpkg(["-i", deb]);
      assert.equal(install.status, 0, `dpkg -i ${deb} failed:\n${install.stdout}${install.stderr}`);
      await new Harness("parasol-e2e-deb-").run(session);
    } catch (err) {
      failure = err;
    }
    // Whatever happened above: the machine is left without the package.
    const purge = dpkg(["--purge", "parasol"]);
    if (failure) throw failure;
    assert.equal(purge.status, 0, `dpkg --purge parasol failed:\n${purge.stdout}${purge.stderr}`);
    const left = files.filter((f) => existsSync(f));
    assert.deepEqual(left, [], `left on the machine after dpkg --purge: ${left.join(", ")}`);
    assert.notEqual(dpkg(["-s", "parasol"]).status, 0, "dpkg still knows the package");
  },
);

/** @param {Harness} h */
async function session(h) {
  const manifest = JSON.parse(readFileSync(SYSTEM_MANIFEST, "utf8"));
  assert.equal(manifest.path, INSTALLED_HOST, `${SYSTEM_MANIFEST} names ${manifest.path}`);
  const ext = buildTestExtension(path.join(h.dir, "extension"));
  assert.ok(
    manifest.allowed_origins.includes(`chrome-extension://${ext.chromiumId}/`),
    `${SYSTEM_MANIFEST} does not allow the test build's id ${ext.chromiumId}`,
  );

  const dataDir = path.join(h.dir, "data");
  const userDataDir = path.join(h.dir, "profile");
  const userManifests = path.join(userDataDir, "NativeMessagingHosts");
  h.onFailure("parasol-host.log", () => hostLog(dataDir) || "(empty)");

  assert.equal(existsSync(userManifests), false, `${userManifests} before the browser started`);
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_BIN,
    headless: true,
    ignoreDefaultArgs: ["--disable-extensions"],
    // The host inherits the browser's environment: its database goes in the test's folder.
    env: { ...process.env, PARASOL_DATA_DIR: dataDir, HOME: h.dir },
    timeout: 60_000,
    args: [
      ...BASE_FLAGS,
      `--load-extension=${ext.chromium}`,
      `--disable-extensions-except=${ext.chromium}`,
    ],
  });
  h.onCleanup("kill hosts left behind", () => killAll(hostPids(INSTALLED_HOST, dataDir)));
  h.onCleanup("close chromium", () => ctx.close());

  const hook = new Hook(await extensionWorker(ctx, ext.chromiumId));
  /** @type {any} */
  let lastState = null;
  h.onFailure("extension state (test hook)", () => lastState);
  await hook.call("ready");
  const port = await waitFor(
    "the native port to connect through the system-wide manifest",
    async () => {
      lastState = await hook.state();
      const p = lastState.port;
      if (p.status === "connected") return p;
      throw new Error(`port ${p.status}: ${p.error}`); // shown if it never connects
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  assert.equal(port.hostVersion, VERSION, "hello answered with another host version");
  // Chromium makes the profile's folder itself, empty; nothing may be in it.
  const inProfile = existsSync(userManifests) ? readdirSync(userManifests) : [];
  assert.deepEqual(inProfile, [], `the host could have come from ${userManifests}, not /etc`);
  const hosts = hostPids(INSTALLED_HOST, dataDir);
  assert.equal(hosts.length, 1, `one ${INSTALLED_HOST} for the browser, got ${hosts}`);
}
