// @ts-check
// The reflection page's entry: wires the view to the real browser. `?until=YYYY-MM-DD`
// shows the week ending that day.

import { makePageClient, pageApi } from "../../shared/page_client.js";
import { makeTranslator } from "../../shared/page_i18n.js";
import { mountReflection } from "./reflection_view.js";

const api = pageApi();
const until = new URLSearchParams(location.search).get("until");
const view = mountReflection(document, {
  client: makePageClient((msg) => api.runtime.sendMessage(msg)),
  t: makeTranslator((key, subs) => api.i18n.getMessage(key, subs)),
  locale: api.i18n.getUILanguage?.(),
  until: until && /^\d{4}-\d\d-\d\d$/.test(until) ? until : undefined,
});
view.ready.then(() => performance.mark("parasol:ready"));
