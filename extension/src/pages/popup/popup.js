// @ts-check
// The pop-up's entry: wires the view to the real browser. Only talks to the background.

import { makePageClient, pageApi } from "../../shared/page_client.js";
import { makeTranslator } from "../../shared/page_i18n.js";
import { mountPopup } from "./popup_view.js";

const REFRESH_MS = 2000;
const WELCOME_KEY = "ui.welcomeSeen";

const api = pageApi();
const manifest = api.runtime.getManifest();
const origins = /** @type {string[]} */ (manifest.host_permissions ?? []);

const view = mountPopup(document, {
  client: makePageClient((msg) => api.runtime.sendMessage(msg)),
  t: makeTranslator((key, subs) => api.i18n.getMessage(key, subs)),
  locale: api.i18n.getUILanguage?.(),
  params: new URLSearchParams(location.search),
  welcome: {
    seen: async () => Boolean((await api.storage.local.get(WELCOME_KEY))[WELCOME_KEY]),
    markSeen: () => api.storage.local.set({ [WELCOME_KEY]: true }),
  },
  sitePermissions: origins.length
    ? {
        origins,
        contains: (o) => api.permissions.contains({ origins: o }),
        request: (o) => api.permissions.request({ origins: o }),
      }
    : null,
  extension: { version: manifest.version },
});

view.ready.then(() => {
  performance.mark("parasol:ready");
  setInterval(() => view.refreshLive(), REFRESH_MS);
});
