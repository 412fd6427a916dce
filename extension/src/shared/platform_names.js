// @ts-check
// How platforms are named to people ("YouTube", not "youtube"). Brand names are not
// translated; an unknown platform shows as it is stored.

const NAMES = /** @type {Record<string, string>} */ ({
  youtube: "YouTube",
  twitch: "Twitch",
  tiktok: "TikTok",
  instagram: "Instagram",
  x: "X",
  patreon: "Patreon",
  substack: "Substack",
  bluesky: "Bluesky",
  reddit: "Reddit",
  kick: "Kick",
  kofi: "Ko-fi",
  streamlabs: "Streamlabs",
  whatsapp: "WhatsApp",
  messenger: "Messenger",
  discord: "Discord",
  telegram: "Telegram",
  meet: "Google Meet",
  zoom: "Zoom",
  teams: "Microsoft Teams",
});

/** @param {string} platform */
export function platformName(platform) {
  return NAMES[platform] ?? platform;
}

/** A creator's name as shown: the label, else the handle. @param {{label?: string, handle: string}} c */
export function creatorName(c) {
  return c.label && c.label.trim() ? c.label : c.handle;
}
