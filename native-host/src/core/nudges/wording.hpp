#pragma once
// The words of every nudge (NUDGES.md "Wording"): at least 5 variants a rule,
// rotated by the caller. Each names one good thing about the watching, offers
// one concrete action with a when, gives "Keep watching" as an equal choice
// and ends by handing the choice back. Never "should", "must", guilt, labels
// or totals framed as loss. Pure.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/nudges/nudge_action.hpp"
#include "core/nudges/rule_id.hpp"

namespace parasol::core::nudges {

// One button: what it says and what nudges.respond reports when pressed.
struct Choice {
    std::string label;  // at most 40 code points, e.g. "Message someone later today"
    NudgeAction action = NudgeAction::unknown;
    std::optional<int> snooze_min;  // only with NudgeAction::snoozed
    // What the extension does besides answering nudges.respond, "" for
    // nothing: "close_tab", "remind_later_today", "remind_this_evening",
    // "remind_weekend", "remind_in_5_min" (R3), "pause_page_24h" (R5), "wind_down_card" (R4),
    // "open_budget" (R7), "open_reflection", "open_options", "open_checkin".
    std::string follow_up;
};

struct Wording {
    std::string title;    // 1..200 code points
    std::string message;  // 1..2000 code points
    // 2..3; the offered action first, "Keep watching" (snoozed) among them.
    std::vector<Choice> choices;
};

struct WordingContext {
    std::string creator_label;  // the creator the nudge is about; "" when none
    std::string detail;         // Finding::detail: which way the rule fired
};

// What a nudge's words may take up: notification buttons cut labels beyond
// 40 code points, titles beyond about 60, bodies beyond about 300.
constexpr std::size_t kMaxChoiceLabel = 40;
constexpr std::size_t kMaxTitle = 60;
constexpr std::size_t kMaxMessage = 300;
// A longer creator label is left out of the words (the creator-less wording
// is used) rather than cut mid-name.
constexpr std::size_t kMaxCreatorLabelInText = 40;

// The sentences a message is made of, in this order; Wording::message is the
// non-empty ones joined by single spaces. Lets tests check the structure.
struct WordingParts {
    std::string good_thing;   // one good thing about the watching or the creator
    std::string observation;  // what was noticed, without numbers or blame; may be ""
    std::string offer;        // the one action choices[0] offers, with a when
    std::string hand_back;    // hands the choice back: "Your call.", "Up to you."...
};

// How many variants `rule` has: >= 5 for R1..R11, >= 1 for first_week and
// reflection. 0 for unknown.
std::size_t wording_count(RuleId rule);

// Variant `variant % wording_count(rule)` of `rule`, with the context filled
// in. context.detail picks the wording family of R3 ("goal" | "median"), R7
// ("first_spend" | "night_spend" | "repeat_spend") and R11 ("messages" |
// "people_search"); any other detail gets that rule's most general family
// (median, repeat_spend, messages). Throws std::invalid_argument for
// RuleId::unknown.
Wording word(RuleId rule, std::size_t variant, const WordingContext& context);

// The parts `word` joins into the message, for the same arguments. Throws like
// `word`.
WordingParts word_parts(RuleId rule, std::size_t variant, const WordingContext& context);

}  // namespace parasol::core::nudges
