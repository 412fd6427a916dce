// The process table, read from /proc: which parasol-host processes belong to this test
// (their environment names this test's data folder, so other runs' hosts are never
// touched), and waiting on them.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";

/**
 * @param {number} pid
 * @returns {{pid: number, ppid: number, exe: string | null, env: string[], state: string} | null}
 */
function proc(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // comm may hold spaces and parentheses: fields start after the last ")".
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let exe = null;
    try {
      exe = readlinkSync(`/proc/${pid}/exe`);
    } catch {
      // Another user's process or a zombie: no exe link.
    }
    const env = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    return { pid, ppid: Number(rest[1]), exe, env, state: rest[0] };
  } catch {
    return null; // gone meanwhile
  }
}

/**
 * Live (not zombie) processes running `binary` with PARASOL_DATA_DIR=dataDir.
 * @param {string} binary absolute path
 * @param {string} dataDir
 * @returns {number[]}
 */
export function hostPids(binary, dataDir) {
  const want = realpathSync(binary); // /proc/<pid>/exe names the file, not a symlink to it
  const pids = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const p = proc(Number(name));
    if (!p || p.state === "Z" || p.exe === null) continue;
    if (p.exe.replace(/ \(deleted\)$/, "") !== want) continue;
    if (!p.env.includes(`PARASOL_DATA_DIR=${dataDir}`)) continue;
    pids.push(p.pid);
  }
  return pids.sort((a, b) => a - b);
}

/**
 * Polls until `fn` returns a truthy value; rejects with `what` (and the last value) after
 * `timeoutMs`.
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} fn
 * @param {{timeoutMs?: number, intervalMs?: number}} [opts]
 * @returns {Promise<T>}
 */
export async function waitFor(what, fn, { timeoutMs = 15000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${detail})`);
    }
    await sleep(intervalMs);
  }
}

/** @param {number} ms */
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Kills these processes with SIGKILL, ignoring those already gone.
 * @param {number[]} pids
 */
export function killAll(pids) {
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already exited.
    }
  }
}
