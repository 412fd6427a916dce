#include "core/nudges/support_offer.hpp"

#include <algorithm>

namespace parasol::core::nudges {

bool offers_support(RuleId rule, const std::vector<Checkin>& checkins, LocalDate today) {
    if (rule != RuleId::r1 && rule != RuleId::r2) return false;
    const std::int64_t last = today.to_days();
    const std::int64_t first = last - (kSupportLookbackDays - 1);
    const auto often_lonely = std::count_if(checkins.begin(), checkins.end(), [&](const auto& c) {
        const std::int64_t day = c.date.to_days();
        return day >= first && day <= last && c.lonely == 3;
    });
    return often_lonely >= 2;
}

Choice support_choice() {
    return {"Ideas for feeling more connected", NudgeAction::helpful, std::nullopt, "open_support"};
}

}  // namespace parasol::core::nudges
