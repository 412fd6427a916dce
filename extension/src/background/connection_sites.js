// @ts-check
// Which tab URLs are time with people the user knows (messaging, calls), from the user's
// connection-site list. Only the platform is kept: who the user talks to is never recorded.

/** @typedef {import("./default_settings.js").ConnectionSite} ConnectionSite */

/**
 * A site entry's `match` is "host" or "host/path-prefix". The host matches itself and its
 * subdomains; the path prefix matches whole segments ("x.com/messages" matches
 * /messages and /messages/123, not /messagesfoo). Query and fragment are ignored.
 * @param {string | URL} url
 * @param {ReadonlyArray<ConnectionSite>} sites checked in order, first match wins
 * @returns {{platform: string, kind: "messaging" | "call"} | null}
 */
export function classifyConnection(url, sites) {
  const u = typeof url === "string" ? parseUrl(url) : url;
  if (!u || (u.protocol !== "https:" && u.protocol !== "http:")) return null;
  const host = u.hostname.toLowerCase().replace(/\.$/, "");
  for (const site of sites) {
    const slash = site.match.indexOf("/");
    const siteHost = (slash < 0 ? site.match : site.match.slice(0, slash)).toLowerCase();
    const prefix = slash < 0 ? "" : site.match.slice(slash).replace(/\/+$/, "");
    if (host !== siteHost && !host.endsWith("." + siteHost)) continue;
    if (prefix && !pathHasPrefix(u.pathname, prefix)) continue;
    return { platform: site.platform, kind: site.kind };
  }
  return null;
}

/**
 * Host permission patterns for a site list (the manifest's host_permissions).
 * @param {ReadonlyArray<ConnectionSite>} sites
 * @returns {string[]}
 */
export function connectionSitePatterns(sites) {
  const hosts = new Set(sites.map((s) => s.match.split("/")[0].toLowerCase()));
  return [...hosts].map((h) => `https://${h}/*`);
}

/** @param {string} path @param {string} prefix (starts with "/", no trailing slash) */
function pathHasPrefix(path, prefix) {
  const p = safeDecode(path);
  const want = safeDecode(prefix);
  return p === want || p.startsWith(want + "/");
}

/** @param {string} s */
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** @param {string} s */
function parseUrl(s) {
  try {
    return new URL(s);
  } catch {
    return null;
  }
}
