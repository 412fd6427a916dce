#include "protocol/export_format.hpp"

namespace parasol::protocol::export_format {

using nlohmann::json;

json header(core::Instant exported_at) {
    return {{"format", kFormat}, {"version", kVersion}, {"exported_at", exported_at}};
}

json creator_line(const core::CreatorRecord& c) {
    return {{"type", "creator"},
            {"platform", c.key.platform},
            {"handle", c.key.handle},
            {"label", c.label},
            {"followed", c.followed},
            {"followed_since", c.followed_since ? json(*c.followed_since) : json(nullptr)},
            {"daily_budget_min", c.daily_budget_min ? json(*c.daily_budget_min) : json(nullptr)}};
}

json checkin_line(const core::Checkin& c) {
    json line = {{"type", "checkin"}, {"date", c.date.to_string()}, {"social_min", c.social_min}};
    if (c.lonely) line["lonely"] = *c.lonely;
    if (c.felt) line["felt"] = core::to_string(*c.felt);
    if (c.opinion_lean) line["opinion_lean"] = *c.opinion_lean;
    if (c.plan) line["plan"] = *c.plan;
    if (c.note) line["note"] = *c.note;
    return line;
}

}  // namespace parasol::protocol::export_format
