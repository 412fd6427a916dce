// The schemas and the shared examples agree with each other: every schema
// compiles in Ajv's strict mode, every valid example passes, every invalid
// one fails at the path the host must name (or is marked schema-valid when
// only the host can tell), and errors.json is well-formed.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";

import { expectedReplyId, isRaw, loadExamples, payloadOf } from "./example_files.mjs";
import { parsePointer } from "./json_pointer.mjs";
import { SCHEMA_DIR, SchemaSet, readSchemaFile } from "./schema_set.mjs";

const schemas = new SchemaSet();
const errorCodes = readSchemaFile("errors.json").codes.map((c) => c.code);
const validExamples = loadExamples("valid");
const invalidExamples = loadExamples("invalid");

// Protocol 1's table, in order. errors.json is append-only: it may grow, but
// never lose, rename or reorder these.
const PROTOCOL_1_CODES = [
  "bad_json",
  "too_large",
  "bad_frame",
  "invalid",
  "unknown_type",
  "unsupported_protocol",
  "not_found",
  "unavailable",
  "reply_too_large",
  "internal",
];

describe("schemas/errors.json", () => {
  const errors = readSchemaFile("errors.json");

  it("is {codes: [...]} and nothing else", () => {
    assert.deepEqual(Object.keys(errors), ["codes"]);
    assert.ok(Array.isArray(errors.codes));
  });

  it("lists each code once as {code, when, state_changed: false}", () => {
    const seen = new Set();
    for (const entry of errors.codes) {
      assert.deepEqual(
        Object.keys(entry),
        ["code", "when", "state_changed"],
        JSON.stringify(entry),
      );
      assert.match(entry.code, /^[a-z][a-z_]*[a-z]$/);
      assert.equal(typeof entry.when, "string");
      assert.ok(entry.when.length > 0, `${entry.code}: empty when`);
      assert.equal(entry.state_changed, false, `${entry.code}: a failed request changes nothing`);
      assert.ok(!seen.has(entry.code), `${entry.code} listed twice`);
      seen.add(entry.code);
    }
  });

  it("starts with protocol 1's codes in table order (append-only)", () => {
    assert.deepEqual(errorCodes.slice(0, PROTOCOL_1_CODES.length), PROTOCOL_1_CODES);
  });

  it("is the ErrorCode enum of defs.schema.json, same order", () => {
    assert.deepEqual(readSchemaFile("defs.schema.json").$defs.ErrorCode.enum, errorCodes);
  });
});

describe("schemas/index.json and the schema files", () => {
  it("lists every *.schema.json file, and each exists", () => {
    const onDisk = readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith(".schema.json"))
      .sort();
    assert.deepEqual([...schemas.files.keys()].sort(), onDisk);
  });

  it("lists each type once, with files named after it", () => {
    const names = schemas.index.types.map((t) => t.type);
    assert.equal(new Set(names).size, names.length);
    for (const t of schemas.index.types) {
      assert.deepEqual(Object.keys(t), ["type", "request", "reply"]);
      assert.equal(t.request, `${t.type}.request.schema.json`);
      assert.equal(t.reply, `${t.type}.reply.schema.json`);
    }
  });

  it("compiles every schema in strict mode", () => {
    for (const name of schemas.files.keys()) {
      assert.equal(typeof schemas.validator(name), "function", name);
    }
  });

  it("gives every schema a draft 2020-12 $schema and an $id after its file name", () => {
    for (const [name, schema] of schemas.files) {
      assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema", name);
      const expected = `https://parasol.invalid/schemas/${name.replace(/\.schema\.json$/, ".json")}`;
      assert.equal(schema.$id, expected, name);
    }
  });

  it("pins each type's request to its type, ok replies to ok: true", () => {
    for (const t of schemas.index.types) {
      const request = schemas.files.get(t.request);
      const reply = schemas.files.get(t.reply);
      assert.deepEqual(request.properties.type, { const: t.type }, t.request);
      assert.deepEqual(reply.properties.ok, { const: true }, t.reply);
    }
  });

  it("closes every object: additionalProperties false", () => {
    // Objects used only as conditions (if/then/else, anyOf branches, not)
    // constrain data an enclosing closed object already describes. The
    // envelopes leave body open on purpose: each type's own schema closes it.
    const openByDesign = [
      "envelope.request.schema.json/properties/body",
      "envelope.reply.schema.json/$defs/OkReply/properties/body",
    ];
    const open = [];
    const walk = (node, where) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (node === null || typeof node !== "object") return;
      if ((node.type === "object" || node.properties) && node.additionalProperties !== false) {
        open.push(where);
      }
      for (const [key, child] of Object.entries(node)) {
        if (["if", "then", "else", "anyOf", "not", "enum", "const", "default"].includes(key))
          continue;
        walk(child, `${where}/${key}`);
      }
    };
    for (const [name, schema] of schemas.files) walk(schema, name);
    assert.deepEqual(open, openByDesign);
  });

  it("keeps SettingsPartial the same as Settings minus required (connection sites whole)", () => {
    const { Settings, SettingsPartial, TimeWindow, TimeWindowPartial } =
      readSchemaFile("defs.schema.json").$defs;
    const strip = (node) => {
      if (Array.isArray(node)) return node.map(strip);
      if (node === null || typeof node !== "object") return node;
      const out = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === "required" || key === "description") continue;
        if (key === "$ref" && value === "#/$defs/TimeWindow")
          out[key] = "#/$defs/TimeWindowPartial";
        else out[key] = strip(value);
      }
      return out;
    };
    assert.deepEqual(strip(SettingsPartial), strip(Settings));
    assert.deepEqual(strip(TimeWindowPartial), strip(TimeWindow));
    assert.equal(JSON.stringify(SettingsPartial).includes('"required"'), false);
    assert.equal(Settings.properties.connection_sites.items.$ref, "#/$defs/ConnectionSite");
    assert.equal(SettingsPartial.properties.connection_sites.items.$ref, "#/$defs/ConnectionSite");
  });
});

describe("valid examples", () => {
  it("cover every type", () => {
    const covered = new Set(validExamples.map((e) => e.request.type));
    const missing = schemas.index.types.map((t) => t.type).filter((t) => !covered.has(t));
    assert.deepEqual(missing, []);
  });

  for (const example of validExamples) {
    it(example.name, () => {
      assertKeys(
        example,
        ["name", "description", "request", "reply"],
        ["setup", "compare", "host_skip"],
      );
      assert.ok(!isRaw(example.request), "a valid example sends an envelope");
      assert.ok(example.name.startsWith(example.request.type), "file names start with the type");
      for (const setup of example.setup ?? []) assertValidRequest(setup, "setup");
      assertValidRequest(example.request, "request");

      const reply = schemas.check(schemas.types.get(example.request.type).reply, example.reply);
      assert.ok(reply.valid, `reply: ${reply.text}`);
      const envelope = schemas.check(schemas.index.envelope.reply, example.reply);
      assert.ok(envelope.valid, `reply envelope: ${envelope.text}`);
      assert.equal(example.reply.id, example.request.id, "the reply echoes the id");

      if (example.compare !== undefined) {
        assertKeys(example.compare, [], ["ignore"]);
        for (const pointer of example.compare.ignore ?? []) parsePointer(pointer);
      }
      if (example.host_skip !== undefined) assert.ok(example.host_skip.length > 0);
    });
  }
});

describe("invalid examples", () => {
  it("are many, and cover every code a request alone can cause", () => {
    assert.ok(invalidExamples.length >= 40, `only ${invalidExamples.length}`);
    const codes = new Set(invalidExamples.map((e) => e.expect.code));
    for (const code of [
      "bad_json",
      "invalid",
      "unknown_type",
      "unsupported_protocol",
      "not_found",
    ]) {
      assert.ok(codes.has(code), `no example for ${code}`);
    }
  });

  for (const example of invalidExamples) {
    it(example.name, () => {
      assertKeys(example, ["name", "description", "request", "expect"], ["setup"]);
      assertKeys(example.expect, ["code"], ["path", "id", "schema_valid"]);
      assert.ok(errorCodes.includes(example.expect.code), `unknown code ${example.expect.code}`);
      if (example.expect.path !== undefined && example.expect.path !== null) {
        parsePointer(example.expect.path);
      }
      if (Object.hasOwn(example.expect, "id")) assert.equal(example.expect.id, null);
      for (const setup of example.setup ?? []) assertValidRequest(setup, "setup");

      if (isRaw(example.request)) {
        assertKeys(example.request, [], ["raw", "raw_base64"]);
        assert.equal(example.expect.code, "bad_json");
        assert.equal(expectedReplyId(example), null, "bad JSON has no readable id");
        assert.equal(
          readableRequest(payloadOf(example.request)),
          null,
          "the payload is a readable object",
        );
        return;
      }

      const outcome = schemas.checkRequest(example.request);
      if (example.expect.schema_valid === true) {
        assert.ok(outcome.valid, `marked schema_valid but: ${outcome.text}`);
        assert.notEqual(example.expect.code, "bad_json");
        return;
      }
      assert.equal(example.expect.code, "invalid", "a schema failure is invalid");
      assert.equal(
        outcome.valid,
        false,
        "the schema accepts it: mark it schema_valid if only the host can tell",
      );
      assert.ok(
        outcome.paths.includes(example.expect.path),
        `expected the schema to name ${example.expect.path}; it names ${outcome.paths.join(", ")} (${outcome.text})`,
      );
    });
  }
});

describe("the checks themselves", () => {
  // Guards against a schema set that accepts anything: mutate a valid example
  // and watch it fail.
  it("reject a valid request with one unknown key added", () => {
    for (const example of validExamples) {
      const request = structuredClone(example.request);
      request.body = { ...(request.body ?? {}), surplus: true };
      assert.equal(schemas.checkRequest(request).valid, false, example.name);
    }
  });

  it("reject a valid reply with one unknown key added", () => {
    for (const example of validExamples) {
      const reply = { ...example.reply, body: { ...example.reply.body, surplus: true } };
      const outcome = schemas.check(schemas.types.get(example.request.type).reply, reply);
      assert.equal(outcome.valid, false, example.name);
    }
  });

  it("name a missing key by its own path", () => {
    const outcome = schemas.checkRequest({
      id: "r-1",
      type: "creators.follow",
      body: { platform: "x" },
    });
    assert.deepEqual(outcome.paths, ["/body/handle"]);
  });
});

function assertValidRequest(request, what) {
  const own = schemas.checkRequest(request);
  assert.ok(own.valid, `${what} ${request.id}: ${own.text}`);
  assert.ok(schemas.types.has(request.type), `${what}: unknown type ${request.type}`);
  const envelope = schemas.check(schemas.index.envelope.request, request);
  assert.ok(envelope.valid, `${what} envelope: ${envelope.text}`);
}

function assertKeys(object, required, optional) {
  const keys = Object.keys(object);
  for (const key of required) assert.ok(keys.includes(key), `missing ${key}`);
  for (const key of keys) {
    assert.ok(required.includes(key) || optional.includes(key), `unexpected key ${key}`);
  }
}

// The object a frame's bytes hold if they are UTF-8 JSON holding one object
// with well-formed strings (no lone surrogates), else null: bad_json's rule.
function readableRequest(bytes) {
  let value;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const wellFormed = (v) => {
    if (typeof v === "string") return v.isWellFormed();
    if (v === null || typeof v !== "object") return true;
    return Object.entries(v).every(([k, x]) => k.isWellFormed() && wellFormed(x));
  };
  return wellFormed(value) ? value : null;
}
