// @ts-check
// The gentle support page a nudge offers after two "often lonely" check-ins
// (NUDGES.md "Check-in"). Static text only: it records and sends nothing.
import { localize, makeTranslator } from "../../shared/page_i18n.js";

const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
if (api?.i18n)
  localize(
    document,
    makeTranslator((key, subs) => api.i18n.getMessage(key, subs)),
  );
document.body.dataset.ready = "true"; // the pages' common "drawn" signal (tests, benchmarks)
