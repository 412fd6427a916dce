// RFC 6901 JSON Pointers, as the protocol's error paths use them.

export function escapeToken(token) {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

export function appendToPointer(pointer, token) {
  return `${pointer}/${escapeToken(token)}`;
}

export function parsePointer(pointer) {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Error(`not a JSON Pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split("/")
    .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
}

// A deep copy of `value` with what `patterns` point at replaced by a marker;
// a "*" token matches every key or index at its level. Used to compare a real
// reply with an example's, leaving out what the host decides (times, cursors,
// versions). A marker rather than a deletion, so "present in one, absent in
// the other" still shows up as a difference.
export function maskPointers(value, patterns) {
  const copy = structuredClone(value);
  for (const pattern of patterns) maskAt(copy, parsePointer(pattern));
  return copy;
}

function maskAt(node, tokens) {
  if (node === null || typeof node !== "object" || tokens.length === 0) return;
  const [head, ...rest] = tokens;
  const keys = head === "*" ? Object.keys(node) : [head];
  for (const key of keys) {
    if (!Object.hasOwn(node, key)) continue;
    if (rest.length === 0) node[key] = "<ignored>";
    else maskAt(node[key], rest);
  }
}
