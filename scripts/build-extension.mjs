#!/usr/bin/env node
// Builds the extension for each browser family from the one source tree:
//   build/extension/chromium/   MV3 service worker (ES module), stable id from the key
//   build/extension/firefox/    MV3 background scripts, gecko id, ESR 128+
//
// usage: node scripts/build-extension.mjs [--test] [--out DIR]
//   --test   include the test hook (globalThis.__parasolTest in the background); goes to
//            build/extension-test/ unless --out says otherwise, so a normal build is never
//            silently replaced by a test build
//   --out    output folder (default build/extension)

import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

import { DEFAULT_CONNECTION_SITES } from "../extension/src/background/default_settings.js";
import { connectionSitePatterns } from "../extension/src/background/connection_sites.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXT = path.join(ROOT, "extension");
const SRC = path.join(EXT, "src");

export const GECKO_ID = "parasol@parasol.invalid";
const REGISTRY = path.join(SRC, "platforms", "registry.js");
const CONTENT_ENTRY = path.join(SRC, "content", "main.js");

const TARGETS = {
  chromium: { esbuildTarget: "chrome120", backgroundFormat: "esm" },
  firefox: { esbuildTarget: "firefox128", backgroundFormat: "iife" },
};

/** @param {string} msg */
function warn(msg) {
  console.warn(`build-extension: warning: ${msg}`);
}

/** Chromium's extension id for a public key: sha256 of the DER, first 32 hex digits, 0-f -> a-p. */
export function chromiumIdFromKey(base64Der) {
  const hex = createHash("sha256").update(Buffer.from(base64Der, "base64")).digest("hex");
  return [...hex.slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

/**
 * What the platforms registry says the manifest needs: content-script match patterns and the
 * scripts that must run in the page's own world. Empty (with a warning) if it is missing.
 * @returns {Promise<{matches: string[], mainWorld: {entry: string, matches: string[], runAt: string}[]}>}
 */
async function fromRegistry() {
  if (!existsSync(REGISTRY)) {
    warn(
      `${path.relative(ROOT, REGISTRY)} is missing: no content script matches, no creator host permissions`,
    );
    return { matches: [], mainWorld: [] };
  }
  const reg = await import(pathToFileURL(REGISTRY).href);
  const raw = reg.contentScriptMatches ?? reg.matches;
  const matches = typeof raw === "function" ? raw() : raw;
  if (!Array.isArray(matches) || !matches.every((m) => typeof m === "string")) {
    throw new Error("platforms/registry.js: contentScriptMatches() must give an array of strings");
  }
  if (matches.length === 0) warn("the platforms registry has no match patterns");
  const mainWorld = typeof reg.mainWorldScripts === "function" ? reg.mainWorldScripts() : [];
  return { matches: [...new Set(matches)], mainWorld };
}

/** Lets the background build before the platforms registry exists (it then attributes nothing). */
const optionalRegistry = {
  name: "parasol-optional-registry",
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /platforms\/registry\.js$/ }, (args) => {
      const p = path.resolve(args.resolveDir, args.path);
      return existsSync(p) ? { path: p } : { path: p, namespace: "parasol-stub" };
    });
    build.onLoad({ filter: /.*/, namespace: "parasol-stub" }, () => ({
      contents: "export const platforms = [];\nexport function resolve() { return null; }\n",
      loader: "js",
    }));
  },
};

/**
 * @param {string} entry @param {string} outfile @param {"esm" | "iife"} format
 * @param {string} target @param {boolean} test
 */
/**
 * Each locale's strings: `messages.json` plus any `messages.<part>.json` beside it (one per
 * area of the extension, so parts can grow independently), merged into the one
 * `messages.json` browsers read. A key defined twice is an error.
 * @param {string} outDir
 */
export function writeLocales(outDir) {
  const root = path.join(EXT, "_locales");
  for (const locale of readdirSync(root)) {
    /** @type {Record<string, unknown>} */
    const merged = {};
    const files = readdirSync(path.join(root, locale))
      .filter((f) => /^messages(\.[a-z0-9_-]+)?\.json$/.test(f))
      .sort();
    for (const file of files) {
      const part = JSON.parse(readFileSync(path.join(root, locale, file), "utf8"));
      for (const [key, value] of Object.entries(part)) {
        if (key in merged)
          throw new Error(`_locales/${locale}: "${key}" is defined twice (${file})`);
        merged[key] = value;
      }
    }
    mkdirSync(path.join(outDir, locale), { recursive: true });
    writeFileSync(
      path.join(outDir, locale, "messages.json"),
      JSON.stringify(merged, null, 2) + "\n",
    );
  }
}

/** The extension's pages: folders of src/pages/ that hold a `<folder>.html`. */
export function extensionPages() {
  const root = path.join(SRC, "pages");
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((d) => existsSync(path.join(root, d, `${d}.html`)));
}

async function bundle(entry, outfile, format, target, test) {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format,
    target,
    platform: "browser",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    define: { __PARASOL_TEST__: test ? "true" : "false" },
    plugins: [optionalRegistry],
  });
}

/**
 * @param {"chromium" | "firefox"} browser
 * @param {{base: any, version: string, key: string, hostPermissions: string[],
 *   contentMatches: string[], hasContent: boolean,
 *   mainWorld: {entry: string, matches: string[], runAt: string}[]}} p
 */
function manifestFor(browser, p) {
  const m = { ...p.base, version: p.version };
  m.host_permissions = p.hostPermissions;
  const scripts = [];
  // Page-world scripts first: at document_start they are in place before the page's own code.
  for (const s of p.mainWorld) {
    scripts.push({
      matches: s.matches,
      js: [path.basename(s.entry)],
      run_at: s.runAt.replaceAll("-", "_"),
      world: "MAIN",
    });
  }
  if (p.hasContent && p.contentMatches.length) {
    scripts.push({ matches: p.contentMatches, js: ["content.js"], run_at: "document_idle" });
  }
  if (scripts.length) m.content_scripts = scripts;
  if (browser === "chromium") {
    m.key = p.key;
    // 120: alarms every 30 s; storage.session and a native port keeping the worker alive
    // came earlier.
    m.minimum_chrome_version = "120";
    m.background = { service_worker: "background.js", type: "module" };
    // chrome.storage.local holds 10 MB; a full outbox (50,000 items) needs more. Chromium
    // shows no warning for this permission; Firefox has no such quota, so only here.
    m.permissions = [...m.permissions, "unlimitedStorage"];
  } else {
    m.background = { scripts: ["background.js"] };
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: "128.0",
        data_collection_permissions: { required: ["none"] },
      },
    };
  }
  return m;
}

async function main() {
  const { values } = parseArgs({
    options: { test: { type: "boolean", default: false }, out: { type: "string" } },
  });
  const test = values.test;
  const outRoot = path.resolve(
    ROOT,
    values.out ?? (test ? "build/extension-test" : "build/extension"),
  );

  const version = readFileSync(path.join(ROOT, "VERSION"), "utf8").trim();
  if (!/^\d+(\.\d+){0,3}$/.test(version))
    throw new Error(`VERSION: "${version}" is not a dotted version`);
  const base = JSON.parse(readFileSync(path.join(EXT, "manifest.base.json"), "utf8"));
  const key = readFileSync(path.join(EXT, "keys", "chromium-public.b64"), "utf8").trim();
  const registry = await fromRegistry();
  const contentMatches = registry.matches;
  const hasContent = existsSync(CONTENT_ENTRY);
  if (!hasContent)
    warn(`${path.relative(ROOT, CONTENT_ENTRY)} is missing: building without a content script`);
  // Page-world scripts (e.g. the YouTube bridge) go in only with the content script they serve.
  const mainWorld = hasContent
    ? registry.mainWorld.filter((s) => {
        const ok = existsSync(path.resolve(ROOT, s.entry));
        if (!ok) warn(`${s.entry} is missing: building without it`);
        return ok;
      })
    : [];
  const hostPermissions = [
    ...new Set([...contentMatches, ...connectionSitePatterns(DEFAULT_CONNECTION_SITES)]),
  ];

  for (const [browser, t] of Object.entries(TARGETS)) {
    const out = path.join(outRoot, browser);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await bundle(
      path.join(SRC, "background", "main.js"),
      path.join(out, "background.js"),
      /** @type {"esm" | "iife"} */ (t.backgroundFormat),
      t.esbuildTarget,
      test,
    );
    if (hasContent) {
      await bundle(CONTENT_ENTRY, path.join(out, "content.js"), "iife", t.esbuildTarget, test);
    }
    for (const s of mainWorld) {
      const file = path.basename(s.entry);
      await bundle(
        path.resolve(ROOT, s.entry),
        path.join(out, file),
        "iife",
        t.esbuildTarget,
        test,
      );
    }
    // Extension pages: every folder of src/pages/ holding <name>.html is a page; its
    // <name>.js is bundled, its other static files (html, css, svg) copied as they are.
    for (const page of extensionPages()) {
      const dir = path.join(SRC, "pages", page);
      await bundle(
        path.join(dir, `${page}.js`),
        path.join(out, "pages", page, `${page}.js`),
        "iife",
        t.esbuildTarget,
        test,
      );
      for (const f of readdirSync(dir).filter((n) => /\.(html|css|svg|png)$/.test(n))) {
        cpSync(path.join(dir, f), path.join(out, "pages", page, f));
      }
    }
    writeLocales(path.join(out, "_locales"));
    const manifest = manifestFor(/** @type {"chromium" | "firefox"} */ (browser), {
      base,
      version,
      key,
      hostPermissions,
      contentMatches,
      hasContent,
      mainWorld,
    });
    writeFileSync(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  }

  const id = chromiumIdFromKey(key);
  writeFileSync(path.join(outRoot, "chromium-id.txt"), id + "\n");
  writeFileSync(path.join(outRoot, "firefox-id.txt"), GECKO_ID + "\n");
  console.log(
    `build-extension: ${path.relative(ROOT, outRoot)}/{chromium,firefox} version ${version}${test ? " (with test hook)" : ""}`,
  );
  console.log(`chromium extension id: ${id}`);
  console.log(`firefox extension id: ${GECKO_ID}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`build-extension: ${err?.stack ?? err}`);
    process.exit(1);
  });
}
