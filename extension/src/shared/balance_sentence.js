// @ts-check
// The week's balance in words: "This week: 3 h 10 with your people, 9 h 40 with creators".
// People come first, and no variant judges: an empty side is explained, never scolded.

import { englishUnits, formatDuration } from "./duration_format.js";

/** @typedef {import("./duration_format.js").Translate} Translate */

const ENGLISH = /** @type {Record<string, string>} */ ({
  balanceBoth: "This week: $1 with your people, $2 with creators",
  balancePeopleOnly: "This week: $1 with your people",
  balanceCreatorsOnly: "This week: $1 with creators",
  balanceNothing: "Nothing recorded this week yet",
});

/** @type {Translate} */
function english(key, subs = []) {
  const text = ENGLISH[key];
  if (!text) return englishUnits(key, subs);
  return text.replace(/\$(\d)/g, (_, n) => String(subs[Number(n) - 1] ?? ""));
}

/**
 * Time with people: connection seconds (messaging and calls in the browser) plus the
 * check-ins' social minutes, as summary.get's balance counts them.
 * @param {{connection_s: number, social_min: number}} totals
 */
export function peopleSeconds(totals) {
  return (totals.connection_s ?? 0) + 60 * (totals.social_min ?? 0);
}

/**
 * @param {{peopleS: number, creatorS: number}} week
 * @param {Translate} [t]
 * @returns {{key: string, text: string}} the message key (tests, styling) and the sentence
 */
export function balanceSentence({ peopleS, creatorS }, t = english) {
  const people = peopleS > 0 ? formatDuration(peopleS, t) : null;
  const creators = creatorS > 0 ? formatDuration(creatorS, t) : null;
  if (people && creators) return { key: "balanceBoth", text: t("balanceBoth", [people, creators]) };
  if (people) return { key: "balancePeopleOnly", text: t("balancePeopleOnly", [people]) };
  if (creators) return { key: "balanceCreatorsOnly", text: t("balanceCreatorsOnly", [creators]) };
  return { key: "balanceNothing", text: t("balanceNothing") };
}
