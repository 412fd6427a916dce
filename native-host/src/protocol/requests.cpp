#include "protocol/requests.hpp"

#include <algorithm>
#include <climits>
#include <initializer_list>

#include "protocol/activity_codec.hpp"
#include "protocol/json_reader.hpp"

namespace parasol::protocol {
namespace {

const JsonPath kBody = JsonPath().key("body");
constexpr Charset kVersionChars{true, ".+-", "[0-9A-Za-z.+-]"};

core::CreatorKey read_creator_key(const ObjectReader& r) {
    return {r.required("platform", Text{1, 32, &kPlatformChars}),
            r.required("handle", Text{1, 128})};
}

// A string from a fixed list that has no enum in core.
std::string read_one_of(const ObjectReader& r, std::string_view key,
                        std::initializer_list<std::string_view> names) {
    const json& v = r.need(key);
    if (!v.is_string() ||
        std::find(names.begin(), names.end(), v.get_ref<const std::string&>()) == names.end()) {
        std::string list;
        for (std::string_view name : names) list += (list.empty() ? "" : ", ") + std::string(name);
        throw r.at(key).invalid(names.size() == 1 ? "must be \"" + list + "\""
                                                  : "must be one of " + list);
    }
    return v.get<std::string>();
}

}  // namespace

HelloRequest decode_hello(const json& body) {
    const ObjectReader r(body, kBody, {"protocol", "extension"});
    HelloRequest hello;
    hello.protocol = r.required("protocol", Integer<int>{1, INT_MAX});
    const ObjectReader extension(r.need("extension"), r.at("extension"), {"version", "browser"});
    hello.extension_version = extension.required("version", Text{1, 32, &kVersionChars});
    hello.browser = read_one_of(extension, "browser",
                                {"chrome", "chromium", "edge", "brave", "firefox", "other"});
    return hello;
}

ActivityRecordRequest decode_activity_record(const json& body, core::Instant now) {
    const ObjectReader r(body, kBody, {"spans", "marks"});
    static const json kNone = json::array();
    const auto list = [&](std::string_view key) -> const json& {
        const json* v = r.find(key);
        return v == nullptr ? kNone : read_array(*v, r.at(key), kMaxRecordItems);
    };
    const json& spans = list("spans");
    const json& marks = list("marks");
    const std::size_t total = spans.size() + marks.size();
    if (total < 1 || total > kMaxRecordItems) {
        throw kBody.invalid("must hold 1 to 1000 spans and marks in all, not " +
                            std::to_string(total));
    }
    ActivityRecordRequest request;
    request.spans.reserve(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        request.spans.push_back(decode_span(spans[i], r.at("spans").index(i), now));
    }
    request.marks.reserve(marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i) {
        request.marks.push_back(decode_mark(marks[i], r.at("marks").index(i), now));
    }
    return request;
}

CreatorKeyRequest decode_creator_key(const json& body) {
    return {read_creator_key(ObjectReader(body, kBody, {"platform", "handle"}))};
}

CreatorFollowRequest decode_creator_follow(const json& body) {
    const ObjectReader r(body, kBody, {"platform", "handle", "label"});
    return {read_creator_key(r), r.optional("label", Text{0, 200})};
}

CreatorUpdateRequest decode_creator_update(const json& body) {
    const ObjectReader r(body, kBody, {"platform", "handle", "label", "daily_budget_min"});
    CreatorUpdateRequest request{read_creator_key(r), r.optional("label", Text{0, 200}), {}};
    if (const json* budget = r.find("daily_budget_min")) {
        request.daily_budget_min =
            budget->is_null()
                ? std::optional<int>()
                : std::optional<int>(Integer<int>{1, 1440}(*budget, r.at("daily_budget_min")));
    }
    return request;
}

CreatorListRequest decode_creator_list(const json& body) {
    const ObjectReader r(body, kBody, {"limit", "cursor"});
    return {r.optional("limit", Integer<int>{1, 1000}).value_or(200),
            r.optional("cursor", Text{1, 200})};
}

SummaryRequest decode_summary(const json& body) {
    const ObjectReader r(body, kBody, {"days", "until"});
    SummaryRequest request{r.optional("days", Integer<int>{1, 366}).value_or(7),
                           r.optional("until", Date{})};
    // Every date of the reply must be written YYYY-MM-DD, so none before year 0.
    if (request.until && request.until->plus_days(1 - request.days) < core::LocalDate{0, 1, 1}) {
        throw r.at("days").invalid("must not reach back before 0000-01-01 from until " +
                                   request.until->to_string());
    }
    return request;
}

CheckinRequest decode_checkin(const json& body) {
    const ObjectReader r(body, kBody,
                         {"date", "social_min", "lonely", "felt", "opinion_lean", "plan", "note"});
    core::Checkin c;
    c.date = r.required("date", Date{});
    c.social_min = r.required("social_min", Integer<int>{0, 1440});
    c.lonely = r.optional("lonely", Integer<int>{1, 3});
    c.felt =
        r.optional("felt", Choice<core::Felt>{core::felt_from, "chosen, autopilot, hard_to_stop"});
    c.opinion_lean = r.optional("opinion_lean", Integer<int>{1, 5});
    c.plan = r.optional("plan", Text{0, 500});
    c.note = r.optional("note", Text{0, 500});
    return {c};
}

SettingsSetRequest decode_settings_set(const json& body) {
    const ObjectReader r(body, kBody, {"settings"});
    return {read_object(r.need("settings"), r.at("settings"))};
}

DataExportRequest decode_data_export(const json& body) {
    const ObjectReader r(body, kBody, {"format", "cursor"});
    return {read_one_of(r, "format", {"json", "csv"}), r.optional("cursor", Text{1, 200})};
}

DataEraseRequest decode_data_erase(const json& body) {
    const ObjectReader r(body, kBody, {"confirm"});
    read_one_of(r, "confirm", {"erase-all"});
    return {};
}

void decode_empty(const json& body, std::string_view type) {
    const json& object = read_object(body, kBody);
    if (!object.empty()) {
        throw kBody.key(object.begin().key())
            .invalid("is not a known field: " + std::string(type) + " takes an empty body");
    }
}

}  // namespace parasol::protocol
