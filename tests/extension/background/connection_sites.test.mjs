// Connection-site classification: host and path-prefix matching, table-driven.

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  classifyConnection,
  connectionSitePatterns,
} from "../../../extension/src/background/connection_sites.js";
import { DEFAULT_CONNECTION_SITES } from "../../../extension/src/background/default_settings.js";

const CASES = [
  ["https://web.whatsapp.com/", "whatsapp"],
  ["https://WEB.WhatsApp.com/send?phone=1", "whatsapp"],
  ["https://www.messenger.com/t/123", "messenger"],
  ["https://www.instagram.com/direct/inbox/", "instagram"],
  ["https://www.instagram.com/direct", "instagram"],
  ["https://www.instagram.com/directory/", null],
  ["https://www.instagram.com/lab/", null],
  ["https://x.com/messages/123-456", "x"],
  ["https://x.com/messagesfoo", null],
  ["https://x.com/home", null],
  ["https://discord.com/channels/@me/123", "discord"],
  ["https://discord.com/channels/%40me/123", "discord"],
  ["https://discord.com/channels/999/123", null],
  ["https://web.telegram.org/k/#@someone", "telegram"],
  ["https://meet.google.com/abc-defg-hij?authuser=0", "meet"],
  ["https://app.zoom.us/wc/123/join", "zoom"],
  ["https://app.zoom.us/profile", null],
  ["https://teams.microsoft.com/_#/conversations", "teams"],
  ["https://evil-web.whatsapp.com.example.org/", null],
  ["http://web.whatsapp.com/", "whatsapp"],
  ["chrome-extension://abc/web.whatsapp.com", null],
  ["not a url", null],
];

for (const [url, platform] of CASES) {
  test(`connection sites: ${url} -> ${platform ?? "none"}`, () => {
    const r = classifyConnection(url, DEFAULT_CONNECTION_SITES);
    assert.equal(r?.platform ?? null, platform);
  });
}

test("connection sites: a subdomain of a listed host matches; kind is kept", () => {
  const sites = [{ platform: "signal", match: "example.org/chat/", kind: "call" }];
  assert.deepEqual(classifyConnection("https://a.example.org/chat/x", sites), {
    platform: "signal",
    kind: "call",
  });
  assert.equal(classifyConnection("https://a.example.org/chatter", sites), null);
});

test("connection sites: the first matching entry wins", () => {
  const sites = [
    { platform: "first", match: "example.org", kind: "messaging" },
    { platform: "second", match: "example.org/x", kind: "messaging" },
  ];
  assert.equal(classifyConnection("https://example.org/x", sites).platform, "first");
});

test("connection sites: host permission patterns, one per host", () => {
  assert.deepEqual(connectionSitePatterns(DEFAULT_CONNECTION_SITES), [
    "https://web.whatsapp.com/*",
    "https://www.messenger.com/*",
    "https://www.instagram.com/*",
    "https://x.com/*",
    "https://discord.com/*",
    "https://web.telegram.org/*",
    "https://meet.google.com/*",
    "https://app.zoom.us/*",
    "https://teams.microsoft.com/*",
  ]);
});
