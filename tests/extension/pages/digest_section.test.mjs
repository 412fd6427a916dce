// The digest section with a fake host: it shows the set-up, saves it as a
// partial settings.set, stores a secret write-only and shows the preview
// bytes unchanged in a <pre>.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseHTML } from "linkedom";

import { mountDigestSection } from "../../../extension/src/pages/options/digest_section.js";

const DIGEST = {
  enabled: false,
  recipient: {
    kind: "webhook",
    url: "",
    host: "",
    port: 587,
    security: "starttls",
    from: "",
    to: "",
    username: "",
  },
  weekday: 1,
  hour: 9,
  include_creators: false,
  ca_file: null,
};

function fakeHost() {
  const calls = [];
  const replies = {
    "settings.get": () => ({ settings: { digest: DIGEST } }),
    "settings.set": (body) => ({ settings: { digest: { ...DIGEST, ...body.settings.digest } } }),
    "digest.history": () => ({
      digests: [],
      next_due: null,
      has_password: false,
      has_token: false,
    }),
    "digest.credentials.set": () => ({ has_password: false, has_token: true }),
    "digest.preview": () => ({ body: '{"a":1}\r\n<b>', kind: "webhook" }),
    "digest.send": () => ({ week: "2026-11-22", state: "queued", already_sent: false }),
  };
  return {
    calls,
    request: async (type, body) => {
      calls.push({ type, body });
      return replies[type](body);
    },
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

test("digest section: loads, saves, keeps the secret write-only, previews byte for byte", async () => {
  const { document } = parseHTML("<html><body><section id=digest></section></body></html>");
  const container = document.getElementById("digest");
  const host = fakeHost();
  await mountDigestSection(container, host.request);
  assert.equal(container.querySelector("input[name=hour]").value, "9");

  container.querySelector("input[name=enabled]").checked = true;
  container.querySelector("input[name=url]").value = "https://ntfy.example.org/topic";
  container.querySelector("input[name=secret]").value = "tok";
  container.querySelectorAll("button")[0].dispatchEvent(new document.defaultView.Event("click"));
  await flush();
  await flush();
  const types = host.calls.map((c) => c.type);
  assert.ok(types.includes("digest.credentials.set"));
  const set = host.calls.find((c) => c.type === "settings.set");
  assert.equal(set.body.settings.digest.enabled, true);
  assert.equal(set.body.settings.digest.recipient.url, "https://ntfy.example.org/topic");
  assert.equal(JSON.stringify(set.body).includes("tok"), false);
  assert.equal(container.querySelector("input[name=secret]").value, "");

  container.querySelectorAll("button")[1].dispatchEvent(new document.defaultView.Event("click"));
  await flush();
  assert.equal(container.querySelector("pre").textContent, '{"a":1}\r\n<b>');
});
