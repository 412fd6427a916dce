// scripts/build-extension.mjs: both manifests, the stable Chromium id, the test hook only
// with --test.

import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromiumIdFromKey, GECKO_ID } from "../../../scripts/build-extension.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const KEY = readFileSync(path.join(ROOT, "extension/keys/chromium-public.b64"), "utf8").trim();
const VERSION = readFileSync(path.join(ROOT, "VERSION"), "utf8").trim();

function build(args) {
  const out = mkdtempSync(path.join(tmpdir(), "parasol-ext-"));
  execFileSync(process.execPath, ["scripts/build-extension.mjs", "--out", out, ...args], {
    cwd: ROOT,
    stdio: "pipe",
  });
  const read = (p) => readFileSync(path.join(out, p), "utf8");
  return { out, read, json: (p) => JSON.parse(read(p)) };
}

test("build: per-browser manifests from the one base", () => {
  const { out, read, json } = build([]);
  try {
    const c = json("chromium/manifest.json");
    const f = json("firefox/manifest.json");
    for (const m of [c, f]) {
      assert.equal(m.manifest_version, 3);
      assert.equal(m.version, VERSION);
      assert.deepEqual(m.permissions.slice(0, 5), [
        "nativeMessaging",
        "storage",
        "tabs",
        "idle",
        "alarms",
      ]);
      assert.ok(m.host_permissions.includes("https://web.whatsapp.com/*"));
      assert.ok(
        m.host_permissions.every((p) => /^https:\/\/[^/]+\/\*$/.test(p)),
        "creator and connection hosts only",
      );
    }
    assert.deepEqual(c.background, { service_worker: "background.js", type: "module" });
    assert.equal(c.key, KEY);
    assert.equal(f.key, undefined);
    assert.deepEqual(f.background, { scripts: ["background.js"] });
    assert.deepEqual(f.browser_specific_settings.gecko, {
      id: GECKO_ID,
      strict_min_version: "128.0",
      data_collection_permissions: { required: ["none"] },
    });
    assert.equal(read("chromium-id.txt").trim(), chromiumIdFromKey(KEY));
    assert.match(
      read("chromium/background.js"),
      /^export \{/m,
      "an ES module for the service worker",
    );
    assert.doesNotMatch(
      read("firefox/background.js"),
      /^export \{/m,
      "a classic script for Firefox",
    );
    assert.doesNotMatch(read("chromium/background.js"), /__parasolTest/);
    assert.ok(read("chromium/_locales/en/messages.json").includes("extName"));
    assert.ok(read("firefox/pages/popup/popup.html").includes("popup.js"));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("build: --test adds the hook", () => {
  const { out, read } = build(["--test"]);
  try {
    assert.match(read("chromium/background.js"), /__parasolTest/);
    assert.match(read("firefox/background.js"), /__parasolTest/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("build: the Chromium id is sha256(DER) mapped to a-p", () => {
  const id = chromiumIdFromKey(KEY);
  assert.match(id, /^[a-p]{32}$/);
  // The same mapping on a known digest: sha256("") starts e3b0c442 98fc1c14 9afbf4c8 996fb924.
  assert.equal(chromiumIdFromKey(""), "odlameecjipmbmbejkplpemijjgpljce");
});
