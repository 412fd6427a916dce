#include "core/nudges/wording.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using parasol::core::nudges::Choice;
using parasol::core::nudges::NudgeAction;
using parasol::core::nudges::RuleId;
using parasol::core::nudges::word;
using parasol::core::nudges::word_parts;
using parasol::core::nudges::Wording;
using parasol::core::nudges::wording_count;
using parasol::core::nudges::WordingContext;
using parasol::core::nudges::WordingParts;

// The limits come from the brief (notification buttons, titles, bodies), not
// from the header, so a loosened constant can't loosen the test.
constexpr std::size_t kLabelLimit = 40;
constexpr std::size_t kTitleLimit = 60;
constexpr std::size_t kMessageLimit = 300;

const std::vector<RuleId> kRules{RuleId::r1, RuleId::r2,  RuleId::r3, RuleId::r4,
                                 RuleId::r5, RuleId::r6,  RuleId::r7, RuleId::r8,
                                 RuleId::r9, RuleId::r10, RuleId::r11};

struct Family {
    RuleId rule;
    std::string detail;
};

// Every rule with every way it can fire (Finding::detail).
const std::vector<Family> kFamilies{
    {RuleId::r1, ""},
    {RuleId::r2, ""},
    {RuleId::r3, "goal"},
    {RuleId::r3, "median"},
    {RuleId::r4, ""},
    {RuleId::r5, ""},
    {RuleId::r6, ""},
    {RuleId::r7, "first_spend"},
    {RuleId::r7, "night_spend"},
    {RuleId::r7, "repeat_spend"},
    {RuleId::r8, ""},
    {RuleId::r9, ""},
    {RuleId::r10, ""},
    {RuleId::r11, "messages"},
    {RuleId::r11, "people_search"},
    {RuleId::first_week, ""},
    {RuleId::reflection, ""},
};

// "" (no creator), ordinary names, non-ASCII, and exactly the longest label
// that may appear in a sentence (40 code points).
const std::vector<std::string> kCreators{"",
                                         "Mira Okafor",
                                         "Zo\xC3\xAB \xC5\x81ukasiewicz",
                                         "Sam",
                                         "Bartholomew Featherstonehaugh-Smythe",
                                         "The Extremely Long Channel Name Of Forty"};

bool is_rule(RuleId rule) {
    return std::find(kRules.begin(), kRules.end(), rule) != kRules.end();
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

bool contains_word(const std::string& text, const std::string& pattern) {
    return std::regex_search(text, std::regex("\\b" + pattern, std::regex::icase));
}

// Controlling words, guilt, labels of the user and totals framed as loss
// (NUDGES.md "Wording"). Patterns start at a word boundary; stems catch
// "addicted", "obsessive", "isolating"...
const std::vector<std::string> kForbidden{"should\\b",
                                          "must\\b",
                                          "needs? to\\b",
                                          "ha(ve|s|d) to\\b",
                                          "ought\\b",
                                          "guilt",
                                          "ashamed\\b",
                                          "shame",
                                          "wast(e|ed|es|ing)\\b",
                                          "too much\\b",
                                          "addict",
                                          "problem",
                                          "unhealthy\\b",
                                          "lost\\b",
                                          "obsess",
                                          "lonely\\b",
                                          "isolat",
                                          "compulsi",
                                          "stalk",
                                          "creep",
                                          "binge",
                                          "you spent\\b",
                                          "hours? gone\\b",
                                          "gone\\b",
                                          "excessive"};

std::vector<std::string> forbidden_in(const std::string& text) {
    std::vector<std::string> found;
    for (const auto& pattern : kForbidden) {
        if (contains_word(text, pattern)) found.push_back(pattern);
    }
    return found;
}

const std::set<std::string> kHandBacks{
    "Your call.",  "Up to you.",          "Whatever suits you.", "Whatever feels right.",
    "You decide.", "Entirely up to you.", "Whenever suits you."};

// When-words, longest first so "later today" is found before "today".
const std::vector<std::string> kWhens{"after this",   "later today", "this evening", "tonight",
                                      "this weekend", "tomorrow",    "for now",      "for a day",
                                      "next time",    "today",       "now"};

std::optional<std::string> when_in(const std::string& text) {
    for (const auto& when : kWhens) {
        if (contains_word(text, when + "\\b")) return when;
    }
    return std::nullopt;
}

const std::set<std::string> kFollowUps{"",
                                       "close_tab",
                                       "remind_later_today",
                                       "remind_this_evening",
                                       "remind_weekend",
                                       "remind_in_5_min",
                                       "pause_page_24h",
                                       "wind_down_card",
                                       "open_budget",
                                       "open_reflection",
                                       "open_options",
                                       "open_checkin"};

std::string joined(const WordingParts& parts) {
    std::string message;
    for (const auto& part : {parts.good_thing, parts.observation, parts.offer, parts.hand_back}) {
        if (part.empty()) continue;
        if (!message.empty()) message += ' ';
        message += part;
    }
    return message;
}

bool ends_with(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

bool is_keep_watching(const Choice& choice) {
    return choice.label == "Keep watching" && choice.action == NudgeAction::snoozed &&
           !choice.snooze_min && choice.follow_up.empty();
}

// Calls `check` for every family x variant x creator, with the context in INFO.
template <typename Check>
void for_every_wording(Check check) {
    for (const auto& family : kFamilies) {
        for (std::size_t variant = 0; variant < wording_count(family.rule); ++variant) {
            for (const auto& creator : kCreators) {
                const WordingContext context{creator, family.detail};
                INFO("rule " << to_string(family.rule) << " detail \"" << family.detail
                             << "\" variant " << variant << " creator \"" << creator << "\"");
                check(family, variant, context, word(family.rule, variant, context),
                      word_parts(family.rule, variant, context));
            }
        }
    }
}

}  // namespace

TEST_CASE("every rule has at least five wordings, the two cards at least one") {
    for (auto rule : kRules) {
        INFO(to_string(rule));
        CHECK(wording_count(rule) >= 5);
    }
    CHECK(wording_count(RuleId::first_week) >= 1);
    CHECK(wording_count(RuleId::reflection) >= 1);
    CHECK(wording_count(RuleId::unknown) == 0);
}

TEST_CASE("an unknown rule has no words") {
    CHECK_THROWS_AS(word(RuleId::unknown, 0, {}), std::invalid_argument);
    CHECK_THROWS_AS(word_parts(RuleId::unknown, 3, {"Mira", "goal"}), std::invalid_argument);
}

TEST_CASE("the message is its parts in order, ending with a hand-back") {
    for_every_wording([](const Family&, std::size_t, const WordingContext&, const Wording& w,
                         const WordingParts& parts) {
        CHECK(w.message == joined(parts));
        CHECK_FALSE(parts.good_thing.empty());
        CHECK_FALSE(parts.offer.empty());
        CHECK(kHandBacks.count(parts.hand_back) == 1);
        CHECK(ends_with(w.message, parts.hand_back));
    });
}

TEST_CASE("no controlling words, guilt, labels or losses anywhere a user reads") {
    for_every_wording([](const Family&, std::size_t, const WordingContext&, const Wording& w,
                         const WordingParts&) {
        std::string all = w.title + "\n" + w.message;
        for (const auto& choice : w.choices) all += "\n" + choice.label;
        CHECK(forbidden_in(all) == std::vector<std::string>{});
    });
}

TEST_CASE("the forbidden-word check bites") {
    // Proof that the table above catches what it claims, including inflections.
    CHECK_FALSE(forbidden_in("Maybe you should call someone.").empty());
    CHECK_FALSE(forbidden_in("You MUST rest.").empty());
    CHECK_FALSE(forbidden_in("You need to stop.").empty());
    CHECK_FALSE(forbidden_in("All that time wasted.").empty());
    CHECK_FALSE(forbidden_in("Feeling a bit obsessed?").empty());
    CHECK_FALSE(forbidden_in("You spent hours here.").empty());
    CHECK_FALSE(forbidden_in("Three hours gone.").empty());
    CHECK_FALSE(forbidden_in("That's too much.").empty());
    CHECK(forbidden_in("Fancy a quick hi to someone later today? Your call.").empty());
    // Word boundaries: "mustard" and "shoulder" are fine.
    CHECK(forbidden_in("Mustard on your shoulder.").empty());
}

TEST_CASE("no numbers in any rule's title or message") {
    for_every_wording([](const Family& family, std::size_t, const WordingContext& context,
                         const Wording& w, const WordingParts&) {
        if (!is_rule(family.rule)) return;
        const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
        CHECK(std::none_of(w.title.begin(), w.title.end(), digit));
        // A creator's own name may hold digits; the words around it may not.
        const std::string message = w.message;
        std::string without_label = message;
        if (!context.creator_label.empty()) {
            for (auto at = without_label.find(context.creator_label); at != std::string::npos;
                 at = without_label.find(context.creator_label)) {
                without_label.erase(at, context.creator_label.size());
            }
        }
        CHECK(std::none_of(without_label.begin(), without_label.end(), digit));
    });
}

TEST_CASE("lengths fit a notification") {
    for_every_wording([](const Family&, std::size_t, const WordingContext&, const Wording& w,
                         const WordingParts&) {
        CHECK(code_points(w.title) >= 1);
        CHECK(code_points(w.title) <= kTitleLimit);
        CHECK(code_points(w.message) >= 1);
        CHECK(code_points(w.message) <= kMessageLimit);
        for (const auto& choice : w.choices) {
            INFO(choice.label);
            CHECK(code_points(choice.label) >= 1);
            CHECK(code_points(choice.label) <= kLabelLimit);
        }
    });
}

TEST_CASE("one offered action first, with a when, and the rest are ways to carry on") {
    for_every_wording([](const Family& family, std::size_t, const WordingContext&, const Wording& w,
                         const WordingParts& parts) {
        REQUIRE(w.choices.size() >= 2);
        REQUIRE(w.choices.size() <= 3);
        const Choice& offered = w.choices.front();
        CHECK(offered.action == NudgeAction::helpful);
        CHECK_FALSE(offered.snooze_min);
        INFO("offer: " << parts.offer << " / button: " << offered.label);
        // The cards ask plainly ("Want to set any goals?"); the rules say when.
        if (is_rule(family.rule)) CHECK(when_in(parts.offer));
        // The button and the sentence promise the same when.
        if (const auto label_when = when_in(offered.label)) {
            CHECK(contains_word(parts.offer, *label_when + "\\b"));
        }
        for (std::size_t i = 1; i < w.choices.size(); ++i) {
            CHECK(w.choices[i].action == NudgeAction::snoozed);
        }
        for (const auto& choice : w.choices) {
            CHECK(kFollowUps.count(choice.follow_up) == 1);
            if (choice.snooze_min) {
                CHECK(choice.action == NudgeAction::snoozed);
                CHECK(*choice.snooze_min >= 1);
                CHECK(*choice.snooze_min <= 10080);
            }
        }
        if (is_rule(family.rule)) {
            CHECK(std::count_if(w.choices.begin(), w.choices.end(), is_keep_watching) == 1);
        }
    });
}

TEST_CASE("actions toward a person, with a when, for the displacement rules") {
    const std::set<std::string> reminders{"", "remind_later_today", "remind_this_evening",
                                          "remind_weekend"};
    for (auto rule :
         {RuleId::r1, RuleId::r2, RuleId::r6, RuleId::r8, RuleId::r9, RuleId::r10, RuleId::r11}) {
        for (std::size_t variant = 0; variant < wording_count(rule); ++variant) {
            for (const auto* detail : {"", "people_search"}) {
                const auto w = word(rule, variant, {"", detail});
                const Choice& offered = w.choices.front();
                INFO(to_string(rule) << " variant " << variant << ": " << offered.label);
                CHECK(reminders.count(offered.follow_up) == 1);
                CHECK(contains_word(offered.label, "(someone|friend|fan)"));
                CHECK(when_in(offered.label));
                CHECK(w.choices.size() == 2);
            }
        }
    }
}

TEST_CASE("a remind follow-up matches the when its button names") {
    for_every_wording([](const Family&, std::size_t, const WordingContext&, const Wording& w,
                         const WordingParts&) {
        const Choice& offered = w.choices.front();
        INFO(offered.label);
        if (offered.follow_up == "remind_later_today") {
            CHECK(contains_word(offered.label, "later today\\b"));
        } else if (offered.follow_up == "remind_this_evening") {
            CHECK(contains_word(offered.label, "(this evening|tonight)\\b"));
        } else if (offered.follow_up == "remind_weekend") {
            CHECK(contains_word(offered.label, "this weekend\\b"));
        }
    });
}

TEST_CASE(
    "R3 offers close for now, keep watching (both buttons in Chromium), or five more minutes") {
    for (const auto* detail : {"goal", "median", ""}) {
        for (std::size_t variant = 0; variant < wording_count(RuleId::r3); ++variant) {
            const auto w = word(RuleId::r3, variant, {"", detail});
            INFO("detail " << detail << " variant " << variant);
            REQUIRE(w.choices.size() == 3);
            CHECK(w.choices[0].label == "Close for now");
            CHECK(w.choices[0].follow_up == "close_tab");
            CHECK(is_keep_watching(w.choices[1]));
            CHECK(w.choices[2].label == "5 more minutes");
            CHECK(w.choices[2].action == NudgeAction::snoozed);
            CHECK(w.choices[2].snooze_min == std::optional<int>(5));
            CHECK(w.choices[2].follow_up == "remind_in_5_min");
        }
    }
}

TEST_CASE("R3 speaks of the user's own goal only when there is one") {
    for (std::size_t variant = 0; variant < wording_count(RuleId::r3); ++variant) {
        INFO("variant " << variant);
        CHECK(contains_word(word(RuleId::r3, variant, {"", "goal"}).message, "goal"));
        CHECK_FALSE(contains_word(word(RuleId::r3, variant, {"", "median"}).message, "goal"));
    }
}

TEST_CASE("R4, R5 and R7 offer their own tools") {
    for (std::size_t variant = 0; variant < 5; ++variant) {
        INFO("variant " << variant);
        CHECK(word(RuleId::r4, variant, {}).choices.front().follow_up == "wind_down_card");
        CHECK(word(RuleId::r5, variant, {}).choices.front().follow_up == "pause_page_24h");
        const auto first_spend = word(RuleId::r7, variant, {"Mira", "first_spend"});
        CHECK(first_spend.choices.front().label == "Set a monthly budget");
        CHECK(first_spend.choices.front().follow_up == "open_budget");
        CHECK(contains_word(first_spend.message, "budget"));
        const auto night = word(RuleId::r7, variant, {"Mira", "night_spend"});
        CHECK(when_in(night.choices.front().label) == std::optional<std::string>("tomorrow"));
    }
}

TEST_CASE("R7 never mentions money amounts") {
    for (const auto* detail : {"first_spend", "night_spend", "repeat_spend"}) {
        for (std::size_t variant = 0; variant < wording_count(RuleId::r7); ++variant) {
            const auto w = word(RuleId::r7, variant, {"Mira", detail});
            INFO(w.message);
            for (const auto* currency : {"$", "\xE2\x82\xAC", "\xC2\xA3"}) {
                CHECK(w.message.find(currency) == std::string::npos);
            }
            CHECK_FALSE(contains_word(w.message, "(dollars?|euros?|pounds?|amount)\\b"));
        }
    }
}

TEST_CASE("the first-week card asks about goals") {
    const auto w = word(RuleId::first_week, 0, {});
    CHECK(w.message.find("Here's your first week.") == 0);
    CHECK(w.message.find("Want to set any goals?") != std::string::npos);
    REQUIRE(w.choices.size() == 2);
    CHECK(w.choices[0].label == "Set a goal");
    CHECK(w.choices[0].action == NudgeAction::helpful);
    CHECK(w.choices[0].follow_up == "open_options");
    CHECK(w.choices[1].label == "Not now");
    CHECK(w.choices[1].action == NudgeAction::snoozed);
    CHECK_FALSE(w.choices[1].snooze_min);
}

TEST_CASE("the reflection card opens the week") {
    for (std::size_t variant = 0; variant < wording_count(RuleId::reflection); ++variant) {
        const auto w = word(RuleId::reflection, variant, {});
        INFO("variant " << variant);
        CHECK(w.title == "Your week with Parasol");
        REQUIRE(w.choices.size() == 2);
        CHECK(w.choices[0].label == "Open my week");
        CHECK(w.choices[0].action == NudgeAction::helpful);
        CHECK(w.choices[0].follow_up == "open_reflection");
        CHECK(w.choices[1].label == "Later");
        CHECK(w.choices[1].action == NudgeAction::snoozed);
        CHECK_FALSE(w.choices[1].snooze_min);
    }
}

TEST_CASE("variants rotate: variant n + count is variant n") {
    for (const auto& family : kFamilies) {
        const auto count = wording_count(family.rule);
        for (std::size_t variant = 0; variant < count; ++variant) {
            INFO(to_string(family.rule) << " " << family.detail << " variant " << variant);
            const WordingContext context{"Mira", family.detail};
            const auto once = word(family.rule, variant, context);
            const auto again = word(family.rule, variant + count, context);
            const auto far = word(family.rule, variant + 7 * count, context);
            CHECK(again.message == once.message);
            CHECK(again.title == once.title);
            CHECK(far.message == once.message);
            CHECK(again.choices.front().label == once.choices.front().label);
        }
    }
    CHECK(word(RuleId::r1, 5, {}).message == word(RuleId::r1, 0, {}).message);
}

TEST_CASE("the variants of a rule say different things") {
    std::set<std::string> hand_backs;
    for (const auto& family : kFamilies) {
        std::set<std::string> messages;
        std::set<std::string> titles;
        std::set<std::string> good_things;
        std::set<std::string> family_hand_backs;
        const auto count = wording_count(family.rule);
        for (std::size_t variant = 0; variant < count; ++variant) {
            const WordingContext context{"", family.detail};
            const auto w = word(family.rule, variant, context);
            const auto parts = word_parts(family.rule, variant, context);
            messages.insert(w.message);
            titles.insert(w.title);
            good_things.insert(parts.good_thing);
            family_hand_backs.insert(parts.hand_back);
            hand_backs.insert(parts.hand_back);
        }
        INFO(to_string(family.rule) << " " << family.detail);
        CHECK(messages.size() == count);
        CHECK(good_things.size() == count);
        if (family.rule != RuleId::reflection) CHECK(titles.size() == count);
        if (count >= 5) CHECK(family_hand_backs.size() >= 3);
    }
    CHECK(hand_backs.size() >= 5);
}

TEST_CASE("an unknown detail gets the rule's most general words") {
    for (std::size_t variant = 0; variant < 5; ++variant) {
        INFO("variant " << variant);
        CHECK(word(RuleId::r3, variant, {"", "sideways"}).message ==
              word(RuleId::r3, variant, {"", "median"}).message);
        CHECK(word(RuleId::r7, variant, {"Mira", ""}).message ==
              word(RuleId::r7, variant, {"Mira", "repeat_spend"}).message);
        CHECK(word(RuleId::r11, variant, {"Mira", ""}).message ==
              word(RuleId::r11, variant, {"Mira", "messages"}).message);
    }
}

TEST_CASE("the creator's name is filled in, and never left as a slot") {
    for_every_wording([](const Family&, std::size_t, const WordingContext& context,
                         const Wording& w, const WordingParts&) {
        CHECK(w.message.find("{creator}") == std::string::npos);
        CHECK(w.title.find('{') == std::string::npos);
        CHECK(w.message.find('{') == std::string::npos);
        CHECK(w.message.find('}') == std::string::npos);
        for (const auto& choice : w.choices) CHECK(choice.label.find('{') == std::string::npos);
        if (context.creator_label.empty()) {
            // Creator-less words read on their own: no dangling possessive.
            CHECK(w.message.find(" 's") == std::string::npos);
            CHECK(w.message.find("  ") == std::string::npos);
        }
    });
}

TEST_CASE("the rules about one creator name them when they can") {
    for (const auto& family : kFamilies) {
        if (family.rule != RuleId::r6 && family.rule != RuleId::r7 && family.rule != RuleId::r8 &&
            family.rule != RuleId::r10 && family.rule != RuleId::r11) {
            continue;
        }
        std::size_t named = 0;
        for (std::size_t variant = 0; variant < wording_count(family.rule); ++variant) {
            const auto w = word(family.rule, variant, {"Mira Okafor", family.detail});
            if (w.message.find("Mira Okafor") != std::string::npos) ++named;
            // Without a creator the same variant still makes sense, and
            // differs only where the name was.
            const auto plain = word(family.rule, variant, {"", family.detail});
            CHECK(plain.message.find("Mira") == std::string::npos);
        }
        INFO(to_string(family.rule) << " " << family.detail);
        CHECK(named >= 3);
    }
}

TEST_CASE("rules that never know a creator ignore one") {
    for (auto rule : {RuleId::r1, RuleId::r2, RuleId::r3, RuleId::r4, RuleId::r5, RuleId::r9}) {
        for (std::size_t variant = 0; variant < wording_count(rule); ++variant) {
            INFO(to_string(rule) << " variant " << variant);
            CHECK(word(rule, variant, {"Mira Okafor", ""}).message ==
                  word(rule, variant, {"", ""}).message);
        }
    }
}

TEST_CASE("creator labels are trimmed, and unusable ones are left out") {
    const auto plain = word(RuleId::r6, 0, {"", ""}).message;
    const auto named = word(RuleId::r6, 0, {"Mira", ""}).message;
    REQUIRE(named != plain);
    CHECK(named.find("Mira") != std::string::npos);

    CHECK(word(RuleId::r6, 0, {"  Mira\t", ""}).message == named);
    CHECK(word(RuleId::r6, 0, {"   ", ""}).message == plain);
    // Over 40 code points: the creator-less words, not a cut-off name.
    const std::string long_label(41, 'x');
    CHECK(word(RuleId::r6, 0, {long_label, ""}).message == plain);
    const std::string forty(40, 'x');
    CHECK(word(RuleId::r6, 0, {forty, ""}).message.find(forty) != std::string::npos);
    // Control characters would break a notification's layout.
    CHECK(word(RuleId::r6, 0, {"Mira\nOkafor", ""}).message == plain);
    // Code points, not bytes: 20 two-byte letters fit.
    std::string accented;
    for (int i = 0; i < 20; ++i) accented += "\xC3\xA9";
    CHECK(word(RuleId::r6, 0, {accented, ""}).message.find(accented) != std::string::npos);
}

TEST_CASE("a label that looks like a slot is written as it is, once") {
    const auto w = word(RuleId::r6, 0, {"{creator}", ""});
    const auto first = w.message.find("{creator}");
    REQUIRE(first != std::string::npos);
    CHECK(w.message.find("{creator}", first + 1) == std::string::npos);
}
