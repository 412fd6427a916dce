// @ts-check
// One spelling per creator. Platforms accept a handle in many forms ("@Foo", "foo/",
// "/foo/videos", "f%C3%B6o"); storage must see exactly one of them, or one creator's
// history splits in two.

/** The protocol's limit on `handle`, in code points (schemas/defs.schema.json). */
export const MAX_HANDLE_LENGTH = 128;

// Whitespace and control characters never occur in a handle; "%" left after decoding means
// a malformed escape; "?", "#" and "/" are URL structure, not name.
const FORBIDDEN = /[\s\p{Cc}%?#/\\@<>"]/u;
// Invisible format characters (bidi isolates around a displayed "@handle", zero-width
// joiners) are display noise, not part of the name.
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * Percent-decodes `s`; a malformed escape leaves the input as it was (the caller's
 * validation then rejects the stray "%").
 * @param {string} s
 * @returns {string}
 */
export function percentDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The canonical form of a user-chosen handle: trimmed, percent-decoded, without invisible
 * format characters, leading "@" or "/", cut at the first path separator, query or
 * fragment, Unicode NFC, lowercase.
 * Returns null when nothing usable is left (empty, too long, or characters no platform
 * allows in a handle).
 * @param {unknown} raw
 * @returns {string | null}
 */
export function canonicalHandle(raw) {
  if (typeof raw !== "string") return null;
  let s = raw.replace(FORMAT_CHARS, "").trim();
  const cut = s.search(/[?#]/);
  if (cut >= 0) s = s.slice(0, cut);
  s = percentDecode(s).replace(FORMAT_CHARS, "").trim();
  s = s.replace(/^\/+/, "");
  const slash = s.indexOf("/");
  if (slash >= 0) s = s.slice(0, slash);
  s = s.trim().replace(/^@+/, "");
  s = s.normalize("NFC").toLowerCase();
  if (s.length === 0 || [...s].length > MAX_HANDLE_LENGTH || FORBIDDEN.test(s)) return null;
  return s;
}

/**
 * The non-empty, percent-decoded segments of a URL's path ("/@Foo//videos/" ->
 * ["@Foo", "videos"]). Case is kept: some platforms' ids are case-sensitive.
 * @param {URL} url
 * @returns {string[]}
 */
export function pathSegments(url) {
  return url.pathname
    .split("/")
    .filter((s) => s.length > 0)
    .map(percentDecode);
}

/**
 * A display name as shown: whitespace collapsed, trimmed, cut to the protocol's 200
 * characters; null when empty.
 * @param {unknown} raw
 * @returns {string | null}
 */
export function cleanLabel(raw) {
  if (typeof raw !== "string") return null;
  const s = raw.replace(/\s+/g, " ").trim();
  if (s.length === 0) return null;
  return [...s].slice(0, 200).join("");
}
