// @ts-check
// Alias -> key pairs a tab has seen (YouTube "@handle" -> "UC..."), so a page that later
// shows only the alias can still be given the creator's key. Bounded: the oldest pairs go
// first.

/**
 * @param {number} [limit] pairs kept per platform
 */
export function createAliasMemory(limit = 500) {
  /** @type {Map<string, Map<string, string>>} */
  const byPlatform = new Map();
  return {
    /**
     * @param {string} platform
     * @param {ReadonlyArray<string> | undefined} aliases
     * @param {string} handle
     */
    learn(platform, aliases, handle) {
      if (!aliases || aliases.length === 0) return;
      let m = byPlatform.get(platform);
      if (!m) byPlatform.set(platform, (m = new Map()));
      for (const a of aliases) {
        m.delete(a); // re-inserting makes it the newest
        m.set(a, handle);
      }
      while (m.size > limit) {
        const oldest = m.keys().next().value;
        if (oldest === undefined) break;
        m.delete(oldest);
      }
    },

    /**
     * @param {string} platform
     * @returns {ReadonlyMap<string, string>}
     */
    of(platform) {
      return byPlatform.get(platform) ?? new Map();
    },
  };
}
