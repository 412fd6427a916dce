// @ts-check
// The options page's entry: wires the view to the real browser.

import { makePageClient, pageApi } from "../../shared/page_client.js";
import { makeTranslator } from "../../shared/page_i18n.js";
import { mountOptions } from "./options_view.js";

const api = pageApi();
const view = mountOptions(document, {
  client: makePageClient((msg) => api.runtime.sendMessage(msg)),
  t: makeTranslator((key, subs) => api.i18n.getMessage(key, subs)),
  locale: api.i18n.getUILanguage?.(),
  hash: location.hash,
});
view.ready.then(() => performance.mark("parasol:ready"));
