#include "protocol/replies.hpp"

namespace parasol::protocol {
namespace {

using nlohmann::json;

template <class T>
json nullable(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

const std::string& label_of(const core::CreatorRecord& creator) {
    return creator.label.empty() ? creator.key.handle : creator.label;
}

}  // namespace

json encode_creator(const core::CreatorRecord& creator, std::int64_t today_s, std::int64_t week_s) {
    return {{"platform", creator.key.platform},
            {"handle", creator.key.handle},
            {"label", label_of(creator)},
            {"followed", creator.followed},
            {"followed_since", nullable(creator.followed_since)},
            {"daily_budget_min", nullable(creator.daily_budget_min)},
            {"today_s", today_s},
            {"week_s", week_s}};
}

json encode_summary(const core::Summary& summary) {
    json days = json::array();
    for (const auto& day : summary.days) {
        days.push_back({{"date", day.date.to_string()},
                        {"creator_s", day.creator_s},
                        {"connection_s", day.connection_s},
                        {"social_min", day.social_min}});
    }
    json creators = json::array();
    for (const auto& c : summary.creators) {
        creators.push_back({{"platform", c.creator.key.platform},
                            {"handle", c.creator.key.handle},
                            {"label", label_of(c.creator)},
                            {"followed", c.creator.followed},
                            {"seconds", c.seconds},
                            {"share", c.share},
                            {"days_active", c.days_active}});
    }
    const auto& t = summary.totals;
    return {{"from", summary.from.to_string()},
            {"to", summary.to.to_string()},
            {"days", std::move(days)},
            {"creators", std::move(creators)},
            {"others_s", summary.others_s},
            {"totals",
             {{"creator_s", t.creator_s},
              {"followed_s", t.followed_s},
              {"connection_s", t.connection_s},
              {"social_min", t.social_min},
              {"balance", nullable(t.balance)}}}};
}

}  // namespace parasol::protocol
