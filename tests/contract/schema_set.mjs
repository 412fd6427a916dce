// The protocol's schemas (schemas/index.json) compiled once with Ajv in strict
// mode, for the contract tests here and for the extension's and e2e tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

import { appendToPointer } from "./json_pointer.mjs";

export const SCHEMA_DIR = fileURLToPath(new URL("../../schemas/", import.meta.url));

export function readSchemaFile(name) {
  return JSON.parse(readFileSync(SCHEMA_DIR + name, "utf8"));
}

export class SchemaSet {
  constructor() {
    this.index = readSchemaFile("index.json");
    // strict: unknown keywords, ignored keywords, missing types and union
    // types are compile errors, so a typo in a schema can't silently pass data.
    this.ajv = new Ajv2020({ strict: true, allErrors: true });
    this.files = new Map(); // file name -> schema
    const names = [
      this.index.defs,
      this.index.envelope.request,
      this.index.envelope.reply,
      ...this.index.types.flatMap((t) => [t.request, t.reply]),
    ];
    for (const name of names) {
      const schema = readSchemaFile(name);
      this.files.set(name, schema);
      this.ajv.addSchema(schema);
    }
    this.types = new Map(this.index.types.map((t) => [t.type, t]));
  }

  // The compiled validator of one schema file (throws if it doesn't compile).
  validator(fileName) {
    const schema = this.files.get(fileName);
    if (!schema) throw new Error(`${fileName} is not listed in schemas/index.json`);
    const validate = this.ajv.getSchema(schema.$id);
    if (!validate) throw new Error(`${fileName}: no schema with $id ${schema.$id}`);
    return validate;
  }

  // The schema a request is checked against: its type's own schema when the
  // type is known, else the envelope (an unknown type is unknown_type, not invalid).
  requestValidator(request) {
    const entry = typeof request?.type === "string" ? this.types.get(request.type) : undefined;
    return this.validator(entry ? entry.request : this.index.envelope.request);
  }

  replyValidator(type) {
    const entry = this.types.get(type);
    if (!entry) throw new Error(`unknown type ${type}`);
    return this.validator(entry.reply);
  }

  envelopeReplyValidator() {
    return this.validator(this.index.envelope.reply);
  }

  // { valid, paths, text }: paths are the JSON Pointers the host would name for
  // each Ajv error (a missing or unknown key is named itself, not its parent).
  check(fileName, data) {
    return outcome(this.validator(fileName), data);
  }

  checkRequest(request) {
    return outcome(this.requestValidator(request), request);
  }
}

function outcome(validate, data) {
  const valid = validate(data);
  const errors = validate.errors ?? [];
  return {
    valid,
    paths: [...new Set(errors.map(hostPath))],
    text: errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; "),
  };
}

export function hostPath(error) {
  if (error.keyword === "required") {
    return appendToPointer(error.instancePath, error.params.missingProperty);
  }
  if (error.keyword === "additionalProperties") {
    return appendToPointer(error.instancePath, error.params.additionalProperty);
  }
  return error.instancePath;
}
