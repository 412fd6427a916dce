// A parasol-host child process spoken to as a browser does: native messaging
// frames (a 32-bit little-endian length, then that many bytes of UTF-8 JSON)
// over its stdin and stdout. Shared by the contract, extension and e2e tests.
//
//   const host = new HostProcess(process.env.PARASOL_HOST_BIN);
//   await host.start({ PARASOL_DATA_DIR: dir });
//   const reply = await host.request({ id: "r-1", type: "hello", body: {...} });
//   const exitCode = await host.close();
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// What Chromium passes as the first argument: the caller's origin.
export const TEST_ORIGIN = "chrome-extension://aaaabbbbccccddddeeeeffffgggghhhh/";
export const MAX_REPLY_BYTES = 1024 * 1024;

export function encodeFrame(payload) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32LE(body.length, 0);
  return Buffer.concat([head, body]);
}

// Splits a byte stream into frame payloads, however the chunks fall.
export class FrameDecoder {
  #buffer = Buffer.alloc(0);

  // The payloads completed by this chunk, in order.
  push(chunk) {
    this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
    const payloads = [];
    while (this.#buffer.length >= 4) {
      const length = this.#buffer.readUInt32LE(0);
      if (this.#buffer.length < 4 + length) break;
      payloads.push(this.#buffer.subarray(4, 4 + length));
      this.#buffer = this.#buffer.subarray(4 + length);
    }
    return payloads;
  }

  // Bytes of a frame not yet complete (non-zero at EOF means a cut-off frame).
  get pendingBytes() {
    return this.#buffer.length;
  }
}

export class HostProcess {
  #child = null;
  #decoder = new FrameDecoder();
  #replies = []; // arrived, nobody waiting yet
  #waiters = []; // waiting, nothing arrived yet: { resolve, reject, timer }
  #stderr = [];
  #exit = null; // Promise<{ code, signal }>
  #exited = null;
  #stdinError = null;

  // binary: path of parasol-host. args: what the browser passes (the origin).
  // timeoutMs: how long one reply may take before nextReply() rejects.
  constructor(binary, { args = [TEST_ORIGIN], timeoutMs = 15000 } = {}) {
    if (!binary) throw new Error("HostProcess: no host binary given");
    this.binary = binary;
    this.args = args;
    this.timeoutMs = timeoutMs;
  }

  // Spawns the host with process.env plus `env`; resolves once it runs.
  async start(env = {}) {
    if (this.#child) throw new Error("HostProcess: already started");
    const child = spawn(this.binary, this.args, {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.#child = child;
    child.stdout.on("data", (chunk) => this.#onStdout(chunk));
    child.stderr.on("data", (chunk) => this.#stderr.push(chunk));
    // A host that exits early makes our writes fail with EPIPE; that is
    // reported through the exit code and the pending replies, not as a crash.
    child.stdin.on("error", (error) => {
      this.#stdinError = error;
    });
    this.#exit = new Promise((resolve) => {
      const finish = (code, signal) => {
        if (this.#exited) return;
        this.#exited = { code, signal };
        this.#failWaiters(this.#exitMessage("exited before replying"));
        resolve(this.#exited);
      };
      child.on("close", finish);
      // Failing to spawn (no such file, not executable) may never "close".
      let spawned = false;
      child.once("spawn", () => (spawned = true));
      child.once("error", () => spawned || finish(null, null));
    });
    await new Promise((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
  }

  // Sends one envelope; resolves with the host's reply (parsed JSON).
  request(envelope) {
    return this.sendRaw(JSON.stringify(envelope));
  }

  // Sends `payload` (string as UTF-8, or a Buffer) as one frame, as-is.
  sendRaw(payload) {
    const reply = this.nextReply();
    this.writeBytes(encodeFrame(payload));
    return reply;
  }

  // Writes bytes with no framing and no reply expected: a bare length header,
  // half a frame, a frame split in pieces.
  writeBytes(bytes) {
    if (!this.#child) throw new Error("HostProcess: not started");
    this.#child.stdin.write(bytes);
  }

  // The next reply in arrival order (replies come in request order).
  nextReply() {
    if (this.#replies.length) {
      const reply = this.#replies.shift();
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
    }
    if (this.#exited) return Promise.reject(new Error(this.#exitMessage("has exited")));
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      waiter.timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`no reply within ${this.timeoutMs} ms${this.#stderrTail()}`));
      }, this.timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  // Replies that arrived but nobody asked for yet.
  get unreadReplies() {
    return this.#replies.length;
  }

  // Closes stdin (EOF, as when the browser lets go) and resolves with the
  // exit code; kills the host if it lingers past the timeout.
  async close() {
    if (!this.#child) throw new Error("HostProcess: not started");
    this.#child.stdin.end();
    return this.waitForExit();
  }

  // Resolves with the exit code (null if killed by a signal, see exitSignal).
  async waitForExit() {
    let timer;
    const lingering = new Promise((resolve) => {
      timer = setTimeout(resolve, this.timeoutMs, "timeout");
    });
    const result = await Promise.race([this.#exit, lingering]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.#child.kill("SIGKILL");
      await this.#exit;
      throw new Error(`host did not exit within ${this.timeoutMs} ms of EOF${this.#stderrTail()}`);
    }
    return result.code;
  }

  kill(signal = "SIGKILL") {
    this.#child?.kill(signal);
  }

  get started() {
    return this.#child !== null;
  }

  get exited() {
    return this.#exited !== null;
  }

  get exitSignal() {
    return this.#exited?.signal ?? null;
  }

  get stderr() {
    return Buffer.concat(this.#stderr).toString("utf8");
  }

  get pendingStdoutBytes() {
    return this.#decoder.pendingBytes;
  }

  get stdinError() {
    return this.#stdinError;
  }

  #onStdout(chunk) {
    for (const payload of this.#decoder.push(chunk)) {
      let reply;
      try {
        if (payload.length > MAX_REPLY_BYTES) {
          throw new Error(`reply of ${payload.length} bytes (the cap is ${MAX_REPLY_BYTES})`);
        }
        reply = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
      } catch (error) {
        // The host printed something that isn't a reply: a broken contract,
        // so the next waiter fails with it rather than hang.
        reply = new Error(`host wrote a bad frame: ${error.message}`);
      }
      const waiter = this.#waiters.shift();
      if (!waiter) {
        this.#replies.push(reply);
        continue;
      }
      clearTimeout(waiter.timer);
      if (reply instanceof Error) waiter.reject(reply);
      else waiter.resolve(reply);
    }
  }

  #failWaiters(message) {
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(message));
    }
  }

  #exitMessage(what) {
    const { code, signal } = this.#exited ?? {};
    return `host ${what} (exit code ${code}, signal ${signal})${this.#stderrTail()}`;
  }

  #stderrTail() {
    const text = this.stderr.trim();
    return text ? `; stderr: ${text.slice(-2000)}` : "";
  }
}

// Runs fn(host, dataDir) against a host started on a fresh, empty data
// directory, then removes the directory. fn closes the host itself (to check
// the exit code); a host still running when fn ends (or throws) is killed.
export async function withFreshHost(binary, fn, { env = {}, ...options } = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), "parasol-host-"));
  const host = new HostProcess(binary, options);
  try {
    await host.start({ PARASOL_DATA_DIR: dataDir, ...env });
    return await fn(host, dataDir);
  } finally {
    if (host.started && !host.exited) {
      host.kill();
      await host.waitForExit().catch(() => {});
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
