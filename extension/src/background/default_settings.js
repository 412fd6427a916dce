// @ts-check
// The tracking part of the host's default settings (native-host/src/core/settings.*), used
// until the host has answered settings.get and as the fallback when the cache is empty.
// The host stays the one source of truth; these mirror its defaults so a fresh install
// tracks the same way before and after the first connection.

/**
 * @typedef {{platform: string, match: string, kind: "messaging" | "call"}} ConnectionSite
 * @typedef {{private_windows: boolean, background_audio: boolean, connection_time: boolean,
 *   idle_threshold_s: number}} TrackingSettings
 * @typedef {{tracking: TrackingSettings, connection_sites: ConnectionSite[]}} TrackerSettings
 */

/** @type {Readonly<TrackingSettings>} */
export const DEFAULT_TRACKING = Object.freeze({
  private_windows: false,
  background_audio: true,
  connection_time: true,
  idle_threshold_s: 60,
});

/** @type {ReadonlyArray<ConnectionSite>} */
export const DEFAULT_CONNECTION_SITES = Object.freeze([
  { platform: "whatsapp", match: "web.whatsapp.com", kind: "messaging" },
  { platform: "messenger", match: "www.messenger.com", kind: "messaging" },
  { platform: "instagram", match: "www.instagram.com/direct", kind: "messaging" },
  { platform: "x", match: "x.com/messages", kind: "messaging" },
  { platform: "discord", match: "discord.com/channels/@me", kind: "messaging" },
  { platform: "telegram", match: "web.telegram.org", kind: "messaging" },
  { platform: "meet", match: "meet.google.com", kind: "call" },
  { platform: "zoom", match: "app.zoom.us/wc", kind: "call" },
  { platform: "teams", match: "teams.microsoft.com", kind: "call" },
]);

/**
 * The part of a full settings document the tracker needs, with defaults for anything
 * missing or malformed (the host validated it; this only guards against an old cache).
 * @param {unknown} doc a settings document as settings.get returns it, or undefined
 * @returns {TrackerSettings}
 */
export function trackerSettingsFrom(doc) {
  const d = /** @type {any} */ (doc) ?? {};
  const t = d.tracking ?? {};
  /** @type {(key: "private_windows" | "background_audio" | "connection_time") => boolean} */
  const flag = (key) => (typeof t[key] === "boolean" ? t[key] : DEFAULT_TRACKING[key]);
  const idle = Number.isInteger(t.idle_threshold_s)
    ? Math.min(3600, Math.max(15, t.idle_threshold_s))
    : DEFAULT_TRACKING.idle_threshold_s;
  const sites = Array.isArray(d.connection_sites)
    ? d.connection_sites.filter(
        (/** @type {any} */ s) =>
          s && typeof s.platform === "string" && typeof s.match === "string" && s.match !== "",
      )
    : DEFAULT_CONNECTION_SITES;
  return {
    tracking: {
      private_windows: flag("private_windows"),
      background_audio: flag("background_audio"),
      connection_time: flag("connection_time"),
      idle_threshold_s: idle,
    },
    connection_sites: sites.map((/** @type {ConnectionSite} */ s) => ({
      platform: s.platform,
      match: s.match,
      kind: s.kind === "call" ? "call" : "messaging",
    })),
  };
}

/** @returns {TrackerSettings} */
export function defaultTrackerSettings() {
  return trackerSettingsFrom(undefined);
}
