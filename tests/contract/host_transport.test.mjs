// PROTOCOL.md's transport rules against the real parasol-host: order, EOF,
// cut-off frames and the size caps. Needs PARASOL_HOST_BIN; skipped without it.
import assert from "node:assert/strict";
import { setImmediate as tick } from "node:timers/promises";
import { describe, it } from "node:test";

import { encodeFrame, withFreshHost } from "./host_process.mjs";

const HOST_BIN = process.env.PARASOL_HOST_BIN;
const skip = HOST_BIN
  ? false
  : "PARASOL_HOST_BIN is not set: build parasol-host and set PARASOL_HOST_BIN to its path to run the transport checks";

const MAX_PARSED = 8 * 1024 * 1024;
const MAX_DRAINED = 64 * 1024 * 1024;

const settingsGet = (id) => ({ id, type: "settings.get", body: {} });

// A request padded with trailing spaces to exactly `size` bytes (still JSON).
function paddedRequest(id, size) {
  const text = JSON.stringify(settingsGet(id));
  return Buffer.concat([Buffer.from(text), Buffer.alloc(size - text.length, " ")]);
}

function lengthHeader(length) {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(length, 0);
  return head;
}

function assertError(reply, code) {
  assert.equal(reply.ok, false, JSON.stringify(reply));
  assert.equal(reply.error.code, code, reply.error.message);
  assert.equal(reply.id, null, "the id of a frame not parsed can't be known");
}

describe("transport against parasol-host", { skip }, () => {
  it("answers pipelined requests in order, one reply each", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      const ids = Array.from({ length: 25 }, (_, i) => `p-${i}`);
      const replies = await Promise.all(ids.map((id) => host.request(settingsGet(id))));
      assert.deepEqual(
        replies.map((r) => r.id),
        ids,
      );
      assert.equal(await host.close(), 0);
      assert.equal(host.unreadReplies, 0, "no extra replies");
    });
  });

  it("at EOF finishes what it was sent, then exits 0", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      const pending = [1, 2, 3].map(() => host.nextReply());
      for (const i of [1, 2, 3])
        host.writeBytes(encodeFrame(JSON.stringify(settingsGet(`eof-${i}`))));
      const exit = host.close();
      assert.deepEqual(
        (await Promise.all(pending)).map((r) => r.id),
        ["eof-1", "eof-2", "eof-3"],
      );
      assert.equal(await exit, 0);
    });
  });

  it("exits 0 without a word when stdin closes at once", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      assert.equal(await host.close(), 0);
      assert.equal(host.unreadReplies, 0);
      assert.equal(host.pendingStdoutBytes, 0);
    });
  });

  for (const [what, bytes] of [
    ["half a length header", Buffer.from([0x10, 0x00])],
    [
      "a frame cut off in its payload",
      Buffer.concat([lengthHeader(100), Buffer.from('{"id":"cut"')]),
    ],
  ]) {
    it(`drops ${what} at EOF and exits 0`, async () => {
      await withFreshHost(HOST_BIN, async (host) => {
        host.writeBytes(bytes);
        assert.equal(await host.close(), 0);
        assert.equal(host.unreadReplies, 0, "a partial frame gets no reply");
      });
    });
  }

  it("reassembles a frame that arrives in pieces", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      const frame = encodeFrame(JSON.stringify(settingsGet("pieces")));
      const reply = host.nextReply();
      for (const [from, to] of [
        [0, 1],
        [1, 4],
        [4, 10],
        [10, frame.length],
      ]) {
        host.writeBytes(frame.subarray(from, to));
        await tick();
      }
      assert.equal((await reply).id, "pieces");
      assert.equal(await host.close(), 0);
    });
  });

  it("parses a frame of exactly 8 MiB", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      const reply = await host.sendRaw(paddedRequest("eight-mib", MAX_PARSED));
      assert.equal(reply.ok, true, JSON.stringify(reply.error));
      assert.equal(reply.id, "eight-mib");
      assert.equal(await host.close(), 0);
    });
  });

  for (const size of [MAX_PARSED + 1, MAX_DRAINED]) {
    it(`drops a frame of ${size} bytes with too_large and goes on`, async () => {
      await withFreshHost(
        HOST_BIN,
        async (host) => {
          assertError(await host.sendRaw(paddedRequest("too-big", size)), "too_large");
          const next = await host.request(settingsGet("after"));
          assert.equal(next.ok, true, "the host goes on after too_large");
          assert.equal(next.id, "after");
          assert.equal(await host.close(), 0);
        },
        { timeoutMs: 60000 },
      );
    });
  }

  it("answers an impossible length with bad_frame and exits 2", async () => {
    await withFreshHost(HOST_BIN, async (host) => {
      const reply = host.nextReply();
      host.writeBytes(lengthHeader(MAX_DRAINED + 1));
      assertError(await reply, "bad_frame");
      assert.equal(await host.waitForExit(), 2);
    });
  });
});
