// @ts-check
// The host owns the settings; the extension keeps the last copy it was given in
// storage.local so tracking starts right even before the host answers (or when it can't).

/** @typedef {import("./outbox.js").StorageArea} StorageArea */

export const SETTINGS_KEY = "settings";

/** @param {StorageArea} area @returns {Promise<object | null>} */
export async function loadCachedSettings(area) {
  const got = await area.get(SETTINGS_KEY);
  return got[SETTINGS_KEY] ?? null;
}

/**
 * Asks the host for the settings and caches them.
 * @param {{request: (type: string, body?: object) => Promise<any>}} port
 * @param {StorageArea} area
 * @returns {Promise<object>}
 */
export async function fetchSettings(port, area) {
  const reply = await port.request("settings.get", {});
  const doc = reply?.settings;
  if (!doc || typeof doc !== "object")
    throw new Error("settings.get: reply has no settings object");
  await area.set({ [SETTINGS_KEY]: doc });
  return doc;
}
