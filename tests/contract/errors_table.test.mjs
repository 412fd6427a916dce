// One table of error codes (schemas/errors.json, append-only) and the C++
// enum that mirrors it must list the same codes in the same order: tables
// kept twice by hand drift apart otherwise.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";

import { readSchemaFile } from "./schema_set.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const HEADER = ROOT + "native-host/src/protocol/error_code.hpp";
const SOURCE = ROOT + "native-host/src/protocol/error_code.cpp";

const jsonCodes = readSchemaFile("errors.json").codes.map((c) => c.code);

const withoutComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");

// The enumerator names of `enum class ErrorCode { ... }`, in order.
function parseErrorCodeEnum(text) {
  const match = /enum\s+class\s+ErrorCode\b[^{]*\{([^}]*)\}/.exec(withoutComments(text));
  if (!match) throw new Error("no `enum class ErrorCode { ... }` found");
  return match[1]
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const name = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=.*)?$/.exec(item);
      if (!name) throw new Error(`can't read enumerator "${item}"`);
      return name[1];
    });
}

describe("error code table", () => {
  it("parses enumerators, with or without values and comments", () => {
    const text = `enum class ErrorCode {\n  a, // first\n  b = 2, /* x, y */ c,\n};`;
    assert.deepEqual(parseErrorCodeEnum(text), ["a", "b", "c"]);
  });

  it("native-host error_code.hpp lists errors.json's codes in order", () => {
    assert.deepEqual(parseErrorCodeEnum(readFileSync(HEADER, "utf8")), jsonCodes);
  });

  it("native-host to_string spells each code as errors.json does", (t) => {
    if (!existsSync(SOURCE)) {
      t.skip("native-host/src/protocol/error_code.cpp not written yet");
      return;
    }
    const text = withoutComments(readFileSync(SOURCE, "utf8"));
    const pairs = [...text.matchAll(/case\s+ErrorCode::(\w+)\s*:\s*return\s+"([^"]*)"/g)];
    if (pairs.length === 0) {
      t.skip('error_code.cpp has no `case ErrorCode::x: return "x";` switch to check');
      return;
    }
    assert.deepEqual(
      pairs.map((m) => m[1]),
      jsonCodes,
      "one case per code, in table order",
    );
    for (const [, name, spelled] of pairs) assert.equal(spelled, name);
  });
});
