// Four weeks of plausible use written through the protocol (activity.record,
// checkin.record, creators.follow) by a parasol-host of the test's own, before the browser
// starts: the pages' end-to-end test and the pop-up benchmark read it back through the
// extension.
import { HostProcess } from "../../contract/host_process.mjs";
import { CREATORS } from "./site.mjs";

const MIN = 60_000;
const DAY_MS = 86_400_000;

/** Minutes a day per creator and on WhatsApp, by day of the week pattern (d % 7). */
const PATTERN = {
  lab: [50, 70, 40, 95, 60, 30, 45],
  other: [25, 0, 35, 40, 0, 20, 15],
  streamer: [0, 45, 0, 60, 30, 0, 20],
  whatsapp: [20, 10, 30, 0, 15, 25, 10],
};
/** Days ago that get a check-in, with their social minutes. */
const CHECKINS = { 1: 60, 3: 30, 5: 90, 9: 120, 16: 75 };

/** @param {Date} d */
function localDay(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The spans of `days` local days ending today, none later than `now`.
 * @param {number} now
 * @param {number} days
 */
export function seedSpans(now, days = 28) {
  const spans = [];
  let n = 0;
  for (let ago = days - 1; ago >= 0; ago--) {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    midnight.setDate(midnight.getDate() - ago);
    const dayStart = midnight.getTime();
    // Weeks further back had a little less creator time, so the trend moves.
    const scale = ago >= 14 ? 0.75 : ago >= 7 ? 1.15 : 1;
    const parts = [
      ["creator", CREATORS.labYoutube, Math.round(PATTERN.lab[ago % 7] * scale)],
      ["creator", CREATORS.otherYoutube, Math.round(PATTERN.other[ago % 7] * scale)],
      ["creator", CREATORS.labTwitch, Math.round(PATTERN.streamer[ago % 7] * scale)],
      ["connection", { platform: "whatsapp", handle: "", label: "" }, PATTERN.whatsapp[ago % 7]],
    ].filter(([, , minutes]) => minutes > 0);
    // Past days: one after another from 18:00. Today: ending a minute ago, backwards, never
    // before midnight (so a test run just after midnight still has a valid, smaller day).
    let cursor = ago === 0 ? now - MIN : dayStart + 18 * 60 * MIN;
    for (const [kind, who, minutes] of ago === 0 ? parts.reverse() : parts) {
      let start;
      let end;
      if (ago === 0) {
        end = cursor;
        start = Math.max(dayStart, end - minutes * MIN);
        cursor = start;
        if (end <= start) continue;
      } else {
        start = cursor;
        end = Math.min(start + minutes * MIN, dayStart + DAY_MS - 1);
        cursor = end;
      }
      spans.push({
        id: `seed-${String(++n).padStart(4, "0")}`,
        kind,
        platform: who.platform,
        handle: who.handle,
        ...(who.label ? { label: who.label } : {}),
        start,
        end,
        utc_offset_min: -new Date(start).getTimezoneOffset(),
        attention: "focused",
      });
    }
  }
  return spans;
}

/**
 * Writes the seed into `dataDir` through a parasol-host of its own.
 * @param {string} hostBin
 * @param {string} dataDir
 * @param {{now?: number, follow?: Array<{platform: string, handle: string, label?: string}>}} [opts]
 */
export async function seedThroughProtocol(hostBin, dataDir, opts = {}) {
  const now = opts.now ?? Date.now();
  const host = new HostProcess(hostBin);
  await host.start({ PARASOL_DATA_DIR: dataDir });
  let seq = 0;
  const ask = async (/** @type {string} */ type, /** @type {object} */ body) => {
    const reply = await host.request({ id: `seed-${++seq}`, type, body });
    if (!reply.ok) throw new Error(`seed ${type}: ${JSON.stringify(reply.error)}`);
    return reply.body;
  };
  try {
    await ask("hello", { protocol: 1, extension: { version: "0.0.0", browser: "other" } });
    await ask("activity.record", { spans: seedSpans(now) });
    for (const [ago, social_min] of Object.entries(CHECKINS)) {
      const d = new Date(now);
      d.setDate(d.getDate() - Number(ago));
      await ask("checkin.record", { date: localDay(d), social_min });
    }
    for (const c of opts.follow ?? [CREATORS.labYoutube]) await ask("creators.follow", c);
  } finally {
    await host.close().catch(() => host.kill());
  }
}

/**
 * One request to a parasol-host of its own on `dataDir` (as a second browser would).
 * @param {string} hostBin @param {string} dataDir @param {string} type @param {object} body
 * @returns {Promise<{ok: boolean, body?: any, error?: any}>}
 */
export async function hostRequest(hostBin, dataDir, type, body) {
  const host = new HostProcess(hostBin);
  await host.start({ PARASOL_DATA_DIR: dataDir });
  try {
    await host.request({
      id: "q-1",
      type: "hello",
      body: { protocol: 1, extension: { version: "0.0.0", browser: "other" } },
    });
    return await host.request({ id: "q-2", type, body });
  } finally {
    await host.close().catch(() => host.kill());
  }
}
