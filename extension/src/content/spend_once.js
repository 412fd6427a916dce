// @ts-check
// A pay flow is marked once per page load: re-checking the same checkout page (after a
// click, a media event, a tab switch) must not mark it again, but coming back to it in a
// new navigation does.

export function createSpendOnce() {
  /** @type {Set<string>} */
  const seen = new Set();
  return {
    /**
     * True the first time this navigation enters a pay flow for this creator.
     * @param {number} navigation a number that changes with every navigation of the page
     * @param {{platform: string, handle: string}} creator
     * @returns {boolean}
     */
    claim(navigation, creator) {
      const key = JSON.stringify([navigation, creator.platform, creator.handle]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}
