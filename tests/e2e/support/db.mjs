// Reading what the host stored: `parasol export --format json` (JSON Lines) for the raw
// spans, and summary.get through a separate parasol-host for the host's own arithmetic.
// Plus the interval arithmetic the assertions are written in.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { HostProcess } from "../../contract/host_process.mjs";

/**
 * @typedef {{id: string, kind: string, platform: string, handle: string, label?: string,
 *   start: number, end: number, utc_offset_min: number, attention: string}} Span
 * @typedef {[number, number]} Interval  [start, end) in ms
 */

/**
 * @param {string} cliBin
 * @param {string} dataDir
 * @returns {{spans: Span[], creators: any[], records: any[]}}
 */
export function exportData(cliBin, dataDir) {
  const out = execFileSync(cliBin, ["--data-dir", dataDir, "export", "--format", "json"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const records = out
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  return {
    records,
    spans: records.filter((r) => r.type === "span"),
    creators: records.filter((r) => r.type === "creator"),
  };
}

/**
 * summary.get from a host of its own on the same data folder (as a second browser would).
 * @param {string} hostBin
 * @param {string} dataDir
 * @param {object} body
 */
export async function hostSummary(hostBin, dataDir, body) {
  const host = new HostProcess(hostBin);
  await host.start({ PARASOL_DATA_DIR: dataDir });
  try {
    const hello = await host.request({
      id: "e2e-1",
      type: "hello",
      body: { protocol: 1, extension: { version: "0.0.0", browser: "other" } },
    });
    if (!hello.ok) throw new Error(`hello: ${JSON.stringify(hello)}`);
    const reply = await host.request({ id: "e2e-2", type: "summary.get", body });
    if (!reply.ok) throw new Error(`summary.get: ${JSON.stringify(reply)}`);
    return reply.body;
  } finally {
    await host.close().catch(() => host.kill());
  }
}

/** The host's log in a data folder (empty string if none). @param {string} dataDir */
export function hostLog(dataDir) {
  const file = path.join(dataDir, "parasol-host.log");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

// --- interval arithmetic ------------------------------------------------------------------

/**
 * Sorted, merged intervals (touching ones join).
 * @param {Interval[]} list
 * @returns {Interval[]}
 */
export function union(list) {
  const sorted = list.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  /** @type {Interval[]} */
  const out = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** @param {Interval[]} list */
export function total(list) {
  return list.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/** Length of the union of `list`. @param {Interval[]} list */
export function unionLength(list) {
  return total(union(list));
}

/**
 * How much of [from, to) the intervals leave uncovered.
 * @param {Interval[]} list
 * @param {number} from
 * @param {number} to
 */
export function uncovered(list, from, to) {
  return to - from - unionLength(clip(list, from, to));
}

/**
 * The parts of the intervals inside [from, to).
 * @param {Interval[]} list @param {number} from @param {number} to
 * @returns {Interval[]}
 */
export function clip(list, from, to) {
  /** @type {Interval[]} */
  const out = [];
  for (const [s, e] of list) {
    const cs = Math.max(s, from);
    const ce = Math.min(e, to);
    if (ce > cs) out.push([cs, ce]);
  }
  return out;
}

/** @param {Span[]} spans @returns {Interval[]} */
export function intervals(spans) {
  return spans.map((s) => [s.start, s.end]);
}

/**
 * Gaps of at least `minMs` between the merged intervals.
 * @param {Interval[]} list
 * @param {number} minMs
 * @returns {Interval[]}
 */
export function gaps(list, minMs) {
  const u = union(list);
  /** @type {Interval[]} */
  const out = [];
  for (let i = 1; i < u.length; i++) {
    if (u[i][0] - u[i - 1][1] >= minMs) out.push([u[i - 1][1], u[i][0]]);
  }
  return out;
}
