// "Often" lonely twice alongside R1 or R2 offers gentle resources (NUDGES.md).
#include "core/nudges/support_offer.hpp"

#include <catch2/catch.hpp>

#include "core/nudges/wording.hpp"

using namespace parasol::core;
using namespace parasol::core::nudges;

namespace {

const LocalDate kToday{2026, 11, 25};

Checkin lonely_on(int days_ago, int lonely) {
    Checkin c;
    c.date = kToday.plus_days(-days_ago);
    c.lonely = lonely;
    return c;
}

}  // namespace

TEST_CASE("support is offered with R1 or R2 after two 'often' answers in four weeks") {
    struct Case {
        const char* name;
        RuleId rule;
        std::vector<Checkin> checkins;
        bool offered;
    };
    const Case cases[] = {
        {"R1, twice often", RuleId::r1, {lonely_on(0, 3), lonely_on(7, 3)}, true},
        {"R2, twice often", RuleId::r2, {lonely_on(3, 3), lonely_on(27, 3)}, true},
        {"once often is not enough", RuleId::r1, {lonely_on(0, 3), lonely_on(7, 2)}, false},
        {"the second one 28 days ago is too old",
         RuleId::r1,
         {lonely_on(0, 3), lonely_on(28, 3)},
         false},
        {"a check-in dated after today doesn't count",
         RuleId::r1,
         {lonely_on(0, 3), lonely_on(-1, 3)},
         false},
        {"unanswered item", RuleId::r2, {Checkin{kToday, 30, {}, {}, {}, {}, {}}}, false},
        {"another rule", RuleId::r6, {lonely_on(0, 3), lonely_on(7, 3)}, false},
        {"first_week card", RuleId::first_week, {lonely_on(0, 3), lonely_on(7, 3)}, false},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        CHECK(offers_support(c.rule, c.checkins, kToday) == c.offered);
    }
}

TEST_CASE("the support choice opens the support page and is worded without a label") {
    const Choice choice = support_choice();
    CHECK(choice.action == NudgeAction::helpful);
    CHECK(choice.follow_up == "open_support");
    CHECK(choice.label.size() <= 40);
    for (const char* word : {"lonely", "loneliness", "isolated", "help"}) {
        CHECK(choice.label.find(word) == std::string::npos);
    }
}
