// Every shared example against the real parasol-host, one fresh data
// directory each: valid requests get ok replies that match the reply schema
// (and the example's reply where it says so); invalid ones get exactly the
// error code and path the example names, with the id echoed or null.
// Needs PARASOL_HOST_BIN (the built parasol-host); skipped without it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { expectedReplyId, isRaw, loadExamples, payloadOf } from "./example_files.mjs";
import { withFreshHost } from "./host_process.mjs";
import { maskPointers } from "./json_pointer.mjs";
import { SchemaSet } from "./schema_set.mjs";

const HOST_BIN = process.env.PARASOL_HOST_BIN;
const skip = HOST_BIN
  ? false
  : "PARASOL_HOST_BIN is not set: build parasol-host and set PARASOL_HOST_BIN to its path to run the examples against it";

// Part of the wire contract, not yet implemented by the host, which answers
// them unknown_type for now. Such an answer skips the example (visibly); any
// other answer is checked in full, so implementing them turns the checks on.
// Empty this list once the host implements them.
const PENDING_TYPES = new Set([]);

const schemas = new SchemaSet();

async function runSetup(host, setup = []) {
  for (const request of setup) {
    const reply = await host.request(request);
    assert.equal(
      reply.ok,
      true,
      `setup ${request.id} (${request.type}) failed: ${JSON.stringify(reply)}`,
    );
  }
}

function pendingSkip(t, type, reply) {
  if (PENDING_TYPES.has(type) && reply.ok === false && reply.error?.code === "unknown_type") {
    t.skip(`the host does not implement ${type} yet (unknown_type)`);
    return true;
  }
  return false;
}

function assertSchema(fileName, reply) {
  const outcome = schemas.check(fileName, reply);
  assert.ok(outcome.valid, `reply breaks ${fileName}: ${outcome.text}\n${JSON.stringify(reply)}`);
}

// After any error the host goes on answering: a request that always works.
async function assertStillAnswers(host) {
  const reply = await host.request({ id: "still-there", type: "settings.get", body: {} });
  assert.equal(reply.ok, true, `the host stopped answering: ${JSON.stringify(reply)}`);
}

describe("valid examples against parasol-host", { skip }, () => {
  for (const example of loadExamples("valid")) {
    const type = example.request.type;
    it(example.name, { skip: example.host_skip ?? false }, async (t) => {
      await withFreshHost(HOST_BIN, async (host) => {
        await runSetup(host, example.setup);
        const reply = await host.request(example.request);
        if (pendingSkip(t, type, reply)) return;

        assert.equal(reply.ok, true, `expected ok, got ${JSON.stringify(reply)}`);
        assert.equal(reply.id, example.request.id);
        assertSchema(schemas.types.get(type).reply, reply);
        assertSchema(schemas.index.envelope.reply, reply);
        if (example.compare) {
          const ignore = example.compare.ignore ?? [];
          assert.deepEqual(maskPointers(reply, ignore), maskPointers(example.reply, ignore));
        }
        assert.equal(await host.close(), 0, "exit code at EOF");
      });
    });
  }
});

describe("invalid examples against parasol-host", { skip }, () => {
  for (const example of loadExamples("invalid")) {
    const type = isRaw(example.request) ? undefined : example.request.type;
    it(example.name, async (t) => {
      await withFreshHost(HOST_BIN, async (host) => {
        await runSetup(host, example.setup);
        const reply = isRaw(example.request)
          ? await host.sendRaw(payloadOf(example.request))
          : await host.request(example.request);
        if (pendingSkip(t, type, reply)) return;

        assertSchema(schemas.index.envelope.reply, reply);
        assert.equal(reply.ok, false, `expected an error, got ${JSON.stringify(reply)}`);
        const expected = {
          id: expectedReplyId(example),
          code: example.expect.code,
          path: example.expect.path ?? undefined,
        };
        const actual = { id: reply.id, code: reply.error.code, path: reply.error.path };
        assert.deepEqual(actual, expected, `message: ${reply.error.message}`);
        if (expected.path === undefined) {
          assert.equal(
            Object.hasOwn(reply.error, "path"),
            false,
            "no path where no one field is at fault",
          );
        }
        await assertStillAnswers(host);
        assert.equal(await host.close(), 0, "exit code at EOF");
      });
    });
  }
});
