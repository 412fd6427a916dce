#include "protocol/nudge_codec.hpp"

#include "protocol/json_reader.hpp"

namespace parasol::protocol {
namespace {

using core::nudges::NudgeAction;

const JsonPath kBody = JsonPath().key("body");
constexpr int kMaxSnoozeMin = 7 * 24 * 60;

template <class T>
json nullable(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json encode_creator_ref(const core::CreatorKey& key, const std::string& label) {
    return {{"platform", key.platform},
            {"handle", key.handle},
            {"label", label.empty() ? key.handle : label}};
}

json encode_checkin(const core::Checkin& c) {
    json out = {{"date", c.date.to_string()}, {"social_min", c.social_min}};
    if (c.lonely) out["lonely"] = *c.lonely;
    if (c.felt) out["felt"] = core::to_string(*c.felt);
    if (c.opinion_lean) out["opinion_lean"] = *c.opinion_lean;
    if (c.plan) out["plan"] = *c.plan;
    if (c.note) out["note"] = *c.note;
    return out;
}

}  // namespace

NudgeRespondRequest decode_nudges_respond(const json& body) {
    const ObjectReader r(body, kBody, {"id", "action", "snooze_min"});
    NudgeRespondRequest out;
    out.id = r.required("id", Text{1, 64, &kRecordIdChars});
    out.action =
        r.required("action", Choice<NudgeAction>{core::nudges::nudge_action_from,
                                                 "dismissed, snoozed, helpful, unhelpful"});
    out.snooze_min = r.optional("snooze_min", Integer<int>{1, kMaxSnoozeMin});
    if (out.snooze_min && out.action != NudgeAction::snoozed) {
        throw r.at("snooze_min").invalid("is only allowed with action \"snoozed\"");
    }
    return out;
}

ReflectionGetRequest decode_reflection_get(const json& body) {
    const ObjectReader r(body, kBody, {"until"});
    return {r.optional("until", Date{})};
}

json encode_choice(const core::nudges::Choice& choice) {
    json out = {{"label", choice.label}, {"action", core::nudges::to_string(choice.action)}};
    if (choice.snooze_min) out["snooze_min"] = *choice.snooze_min;
    if (!choice.follow_up.empty()) out["follow_up"] = choice.follow_up;
    return out;
}

std::string encode_choices_document(const std::vector<core::nudges::Choice>& choices) {
    json out = json::array();
    for (const auto& c : choices) out.push_back(encode_choice(c));
    return out.dump();
}

json encode_nudge(const core::nudges::NudgeRecord& nudge, std::string_view choices_document) {
    json choices = json::parse(choices_document, nullptr, false);
    if (!choices.is_array()) {
        throw std::runtime_error("stored choices of nudge " + nudge.id + " are not a JSON array");
    }
    return {{"id", nudge.id},
            {"rule", core::nudges::to_string(nudge.rule)},
            {"title", nudge.title},
            {"message", nudge.message},
            {"creator", nudge.creator ? encode_creator_ref(*nudge.creator, nudge.creator_label)
                                      : json(nullptr)},
            {"created_at", nudge.created_at},
            {"choices", std::move(choices)}};
}

json encode_reflection(const core::nudges::Reflection& r) {
    json weeks = json::array();
    for (const auto& w : r.weeks) {
        weeks.push_back({{"from", w.from.to_string()},
                         {"to", w.to.to_string()},
                         {"creator_s", w.creator_s},
                         {"connection_min", w.connection_min},
                         {"ratio", nullable(w.ratio)}});
    }
    json creators = json::array();
    for (const auto& c : r.top_creators) {
        creators.push_back({{"platform", c.key.platform},
                            {"handle", c.key.handle},
                            {"label", c.label.empty() ? c.key.handle : c.label},
                            {"seconds", c.seconds}});
    }
    json nudges = json::array();
    for (const auto& n : r.nudges) {
        nudges.push_back({{"id", n.id},
                          {"rule", core::nudges::to_string(n.rule)},
                          {"title", n.title},
                          {"created_at", n.created_at},
                          {"response", n.response == NudgeAction::unknown
                                           ? json(nullptr)
                                           : json(core::nudges::to_string(n.response))}});
    }
    json tuning = json::array();
    for (const auto& t : r.tuning) {
        tuning.push_back({{"rule", core::nudges::to_string(t.rule)},
                          {"factor", t.factor},
                          {"until", t.until.to_string()},
                          {"why", t.why}});
    }
    json insight = nullptr;
    if (r.insight) {
        insight = {{"rule", core::nudges::to_string(r.insight->rule)},
                   {"fired", r.insight->fired},
                   {"text", r.insight->text}};
    }
    return {{"from", r.from.to_string()},
            {"to", r.to.to_string()},
            {"headline", {{"connection_min", r.connection_min}, {"creator_s", r.creator_s}}},
            {"weeks", std::move(weeks)},
            {"top_creators", std::move(creators)},
            {"insight", std::move(insight)},
            {"nudges", std::move(nudges)},
            {"checkin", r.checkin ? encode_checkin(*r.checkin) : json(nullptr)},
            {"tuning", std::move(tuning)},
            {"goal", {{"daily_goal_min", nullable(r.daily_goal_min)}}}};
}

}  // namespace parasol::protocol
