// @ts-check
// The trusted-friend digest in the options page: set-up form, a byte-for-byte
// preview (digest.preview's body in a <pre>), a write-only credentials field
// and the send history. Talks to the host only through `hostRequest`.

const ENGLISH = {
  digestTitle: "Weekly digest for a trusted friend",
  digestEnabled: "Send a weekly digest",
  digestKind: "Send to",
  digestUrl: "Address (https://)",
  digestHost: "Mail server",
  digestPort: "Port",
  digestSecurity: "Security",
  digestFrom: "From",
  digestTo: "To",
  digestUsername: "User name",
  digestPassword: "Password or token (never shown again)",
  digestPasswordStored: "A password is stored.",
  digestWeekday: "Day",
  digestHour: "Hour",
  digestIncludeCreators: "Include creator names",
  digestCaFile: "CA file for a self-hosted server (optional)",
  digestSave: "Save",
  digestPreview: "Preview",
  digestSendNow: "Send now",
  digestSaved: "Saved.",
  digestQueued: "Queued; the host sends it in the background.",
  digestHistory: "History",
  digestNoHistory: "Nothing sent yet.",
};

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * @param {HTMLElement} container
 * @param {(type: string, body?: object) => Promise<any>} hostRequest
 * @param {(key: string) => string} [translate]
 */
export async function mountDigestSection(container, hostRequest, translate) {
  const doc = container.ownerDocument;
  const t = (/** @type {keyof typeof ENGLISH} */ key) => translate?.(key) || ENGLISH[key];
  const el = (
    /** @type {string} */ tag,
    /** @type {Record<string, any>} */ props = {},
    ...kids
  ) => {
    const node = doc.createElement(tag);
    Object.assign(node, props);
    node.append(...kids);
    return node;
  };
  const field = (label, input) => el("label", { className: "field" }, label, " ", input);

  const inputs = {
    enabled: el("input", { type: "checkbox", name: "enabled" }),
    kind: el("select", { name: "kind" }),
    url: el("input", { type: "url", name: "url" }),
    host: el("input", { name: "host" }),
    port: el("input", { type: "number", name: "port", min: 1, max: 65535 }),
    security: el("select", { name: "security" }),
    from: el("input", { type: "email", name: "from" }),
    to: el("input", { type: "email", name: "to" }),
    username: el("input", { name: "username", autocomplete: "off" }),
    weekday: el("select", { name: "weekday" }),
    hour: el("input", { type: "number", name: "hour", min: 0, max: 23 }),
    include_creators: el("input", { type: "checkbox", name: "include_creators" }),
    ca_file: el("input", { name: "ca_file" }),
  };
  for (const k of ["webhook", "ntfy", "slack", "discord", "email"])
    inputs.kind.append(el("option", { value: k, textContent: k }));
  for (const s of ["starttls", "smtps"])
    inputs.security.append(el("option", { value: s, textContent: s }));
  WEEKDAYS.forEach((d, i) =>
    inputs.weekday.append(el("option", { value: String(i), textContent: d })),
  );
  const secret = el("input", { type: "password", name: "secret", autocomplete: "new-password" });
  const secretNote = el("p", { className: "muted" });
  const status = el("p", { className: "status", role: "status" });
  const preview = el("pre", { className: "digest-preview" });
  const history = el("ul", { className: "digest-history" });
  const save = el("button", { type: "button", textContent: t("digestSave") });
  const showPreview = el("button", { type: "button", textContent: t("digestPreview") });
  const sendNow = el("button", { type: "button", textContent: t("digestSendNow") });

  const webOnly = el("div", {}, field(t("digestUrl"), inputs.url));
  const mailOnly = el(
    "div",
    {},
    field(t("digestHost"), inputs.host),
    field(t("digestPort"), inputs.port),
    field(t("digestSecurity"), inputs.security),
    field(t("digestFrom"), inputs.from),
    field(t("digestTo"), inputs.to),
    field(t("digestUsername"), inputs.username),
  );
  const showKind = () => {
    const email = inputs.kind.value === "email";
    mailOnly.hidden = !email;
    webOnly.hidden = email;
  };
  inputs.kind.addEventListener("change", showKind);

  container.append(
    el("h2", { textContent: t("digestTitle") }),
    field(t("digestEnabled"), inputs.enabled),
    field(t("digestKind"), inputs.kind),
    webOnly,
    mailOnly,
    field(t("digestPassword"), secret),
    secretNote,
    field(t("digestWeekday"), inputs.weekday),
    field(t("digestHour"), inputs.hour),
    field(t("digestIncludeCreators"), inputs.include_creators),
    field(t("digestCaFile"), inputs.ca_file),
    el("div", { className: "actions" }, save, showPreview, sendNow),
    status,
    preview,
    el("h3", { textContent: t("digestHistory") }),
    history,
  );

  const fail = (/** @type {any} */ e) => {
    status.textContent = e?.message ?? String(e);
    status.className = "status error";
  };
  const ok = (/** @type {string} */ text) => {
    status.textContent = text;
    status.className = "status";
  };

  // Selects are set through their options: some DOMs make select.value read-only.
  const setValue = (/** @type {any} */ node, /** @type {string} */ value) => {
    if (node.tagName === "SELECT") {
      for (const option of node.options ?? node.querySelectorAll("option"))
        option.selected = option.value === value;
    } else {
      node.value = value;
    }
  };
  const fill = (/** @type {any} */ d) => {
    inputs.enabled.checked = d.enabled;
    inputs.include_creators.checked = d.include_creators;
    for (const k of ["kind", "url", "host", "security", "from", "to", "username"])
      setValue(inputs[k], d.recipient[k]);
    setValue(inputs.port, String(d.recipient.port));
    setValue(inputs.weekday, String(d.weekday));
    setValue(inputs.hour, String(d.hour));
    setValue(inputs.ca_file, d.ca_file ?? "");
    showKind();
  };
  const read = () => ({
    enabled: inputs.enabled.checked,
    recipient: {
      kind: inputs.kind.value,
      url: inputs.url.value.trim(),
      host: inputs.host.value.trim(),
      port: Number(inputs.port.value),
      security: inputs.security.value,
      from: inputs.from.value.trim(),
      to: inputs.to.value.trim(),
      username: inputs.username.value,
    },
    weekday: Number(inputs.weekday.value),
    hour: Number(inputs.hour.value),
    include_creators: inputs.include_creators.checked,
    ca_file: inputs.ca_file.value.trim() || null,
  });

  const refreshHistory = async () => {
    const reply = await hostRequest("digest.history", {});
    secretNote.textContent = reply.has_password || reply.has_token ? t("digestPasswordStored") : "";
    history.replaceChildren(
      ...(reply.digests.length === 0
        ? [el("li", { textContent: t("digestNoHistory") })]
        : reply.digests.map((/** @type {any} */ row) =>
            el("li", {
              textContent:
                `${row.week}: ${row.state} (${row.kind} ${row.target})` +
                (row.last_error && row.state !== "sent" ? ` — ${row.last_error}` : ""),
            }),
          )),
    );
  };

  save.addEventListener("click", async () => {
    try {
      if (secret.value) {
        const key = inputs.kind.value === "email" ? "password" : "token";
        await hostRequest("digest.credentials.set", { [key]: secret.value });
        secret.value = "";
      }
      const reply = await hostRequest("settings.set", { settings: { digest: read() } });
      fill(reply.settings.digest);
      ok(t("digestSaved"));
      await refreshHistory();
    } catch (e) {
      fail(e);
    }
  });
  showPreview.addEventListener("click", async () => {
    try {
      const reply = await hostRequest("digest.preview", {});
      preview.textContent = reply.body;
    } catch (e) {
      fail(e);
    }
  });
  sendNow.addEventListener("click", async () => {
    try {
      await hostRequest("digest.send", {});
      ok(t("digestQueued"));
      await refreshHistory();
    } catch (e) {
      fail(e);
    }
  });

  try {
    const { settings } = await hostRequest("settings.get", {});
    fill(settings.digest);
    await refreshHistory();
  } catch (e) {
    fail(e);
  }
}
