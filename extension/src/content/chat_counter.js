// @ts-check
// Counts live-chat messages the user sends, per creator, and hands them out as "chat"
// marks at most every 30 seconds (and all at once when the page goes away). Only the
// count is kept: never the text. Time comes in as a parameter.

/** Marks for a batch leave this long after the batch's first message. */
export const CHAT_FLUSH_INTERVAL_MS = 30_000;
/** The protocol's largest mark count; a bigger batch is split. */
export const MAX_MARK_COUNT = 10_000;

/**
 * @typedef {{kind: "mark", at: number, what: "chat", platform: string, handle: string,
 *   count: number}} ChatMark
 */

/**
 * @param {number} [intervalMs]
 */
export function createChatCounter(intervalMs = CHAT_FLUSH_INTERVAL_MS) {
  /** @type {Map<string, {platform: string, handle: string, count: number, at: number}>} */
  let buckets = new Map();
  /** @type {number | null} */
  let firstPendingAt = null;

  return {
    /**
     * One message sent on `creator`'s chat at `at`.
     * @param {{platform: string, handle: string}} creator
     * @param {number} at
     */
    add(creator, at) {
      const key = JSON.stringify([creator.platform, creator.handle]);
      const b = buckets.get(key);
      if (b) {
        b.count++;
        b.at = Math.max(b.at, at);
      } else {
        buckets.set(key, { platform: creator.platform, handle: creator.handle, count: 1, at });
      }
      if (firstPendingAt === null) firstPendingAt = at;
    },

    /** @returns {number | null} when the pending batch is due, or null when none is */
    dueAt() {
      return firstPendingAt === null ? null : firstPendingAt + intervalMs;
    },

    /**
     * The marks due at `now` (all pending ones when `force`), each stamped with the time
     * of its last message; they are forgotten here once taken.
     * @param {number} now
     * @param {boolean} [force]
     * @returns {ChatMark[]}
     */
    take(now, force = false) {
      if (firstPendingAt === null) return [];
      if (!force && now < firstPendingAt + intervalMs) return [];
      /** @type {ChatMark[]} */
      const marks = [];
      for (const b of buckets.values()) {
        for (let left = b.count; left > 0; left -= MAX_MARK_COUNT) {
          const count = Math.min(left, MAX_MARK_COUNT);
          marks.push({
            kind: "mark",
            at: b.at,
            what: "chat",
            platform: b.platform,
            handle: b.handle,
            count,
          });
        }
      }
      buckets = new Map();
      firstPendingAt = null;
      return marks;
    },
  };
}
