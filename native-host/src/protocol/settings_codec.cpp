#include "protocol/settings_codec.hpp"

#include <algorithm>
#include <cctype>
#include <variant>
#include <vector>

#include "core/digest/digest_kind.hpp"
#include "protocol/json_reader.hpp"

namespace parasol::protocol {
namespace {

using core::Settings;

// Accessors hand out the member a field lives in; plain function pointers so
// the table below is a constant.
template <class T>
using Member = T& (*)(Settings&);

struct BoolField {
    Member<bool> member;
};
struct IntField {
    Member<int> member;
    int min;
    int max;
};
struct NullableIntField {
    Member<std::optional<int>> member;
    int min;
    int max;
};
struct NumberField {
    Member<double> member;
    double min;
    double max;
};
struct ClockField {  // "HH:MM"
    Member<core::ClockTime> member;
};
struct NullableInstantField {
    Member<std::optional<core::Instant>> member;
};
struct TextField {  // the digest's addresses; their meaning is checked in core
    Member<std::string> member;
    std::size_t max;
};
struct NullableTextField {
    Member<std::optional<std::string>> member;
    std::size_t max;
};
struct DigestKindField {
    Member<core::DigestKind> member;
};
struct SmtpSecurityField {
    Member<core::SmtpSecurity> member;
};
using FieldKind = std::variant<BoolField, IntField, NullableIntField, NumberField, ClockField,
                               NullableInstantField, TextField, NullableTextField, DigestKindField,
                               SmtpSecurityField>;

struct Field {
    std::string_view pointer;  // relative to the settings document
    FieldKind kind;
};

#define PARASOL_MEMBER(expr) ([](Settings & s) -> auto& { return s.expr; })
#define PARASOL_RULE(n)                                                    \
    {"/rules/R" #n "/enabled", BoolField{PARASOL_MEMBER(r##n.enabled)}}, { \
        "/rules/R" #n "/cooldown_days", IntField {                         \
            PARASOL_MEMBER(r##n.cooldown_days), 0, 365                     \
        }                                                                  \
    }

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        {"/nudges/enabled", BoolField{PARASOL_MEMBER(nudges.enabled)}},
        {"/nudges/max_per_day", IntField{PARASOL_MEMBER(nudges.max_per_day), 0, 2}},
        {"/nudges/max_per_week", IntField{PARASOL_MEMBER(nudges.max_per_week), 0, 14}},
        {"/nudges/quiet_hours/start", ClockField{PARASOL_MEMBER(nudges.quiet_hours.start)}},
        {"/nudges/quiet_hours/end", ClockField{PARASOL_MEMBER(nudges.quiet_hours.end)}},
        {"/nudges/sleep_window/start", ClockField{PARASOL_MEMBER(nudges.sleep_window.start)}},
        {"/nudges/sleep_window/end", ClockField{PARASOL_MEMBER(nudges.sleep_window.end)}},
        {"/nudges/snoozed_until", NullableInstantField{PARASOL_MEMBER(nudges.snoozed_until)}},
        {"/nudges/snoozed_indefinitely", BoolField{PARASOL_MEMBER(nudges.snoozed_indefinitely)}},
        {"/nudges/paused_until", NullableInstantField{PARASOL_MEMBER(nudges.paused_until)}},
        {"/nudges/reflection/weekday", IntField{PARASOL_MEMBER(nudges.reflection_weekday), 0, 6}},
        {"/nudges/reflection/time", ClockField{PARASOL_MEMBER(nudges.reflection_time)}},
        {"/nudges/learning_days", IntField{PARASOL_MEMBER(nudges.learning_days), 0, 28}},
        {"/nudges/spacing_min", IntField{PARASOL_MEMBER(nudges.spacing_min), 0, 1440}},

        PARASOL_RULE(1),
        {"/rules/R1/min_ratio", NumberField{PARASOL_MEMBER(r1.min_ratio), 0, 1}},
        {"/rules/R1/min_creator_hours_7d",
         IntField{PARASOL_MEMBER(r1.min_creator_hours_7d), 0, 168}},
        {"/rules/R1/max_connection_vs_baseline",
         NumberField{PARASOL_MEMBER(r1.max_connection_vs_baseline), 0, 1}},
        {"/rules/R1/connection_floor_min_7d",
         IntField{PARASOL_MEMBER(r1.connection_floor_min_7d), 0, 10080}},

        PARASOL_RULE(2),
        {"/rules/R2/drought_hours", IntField{PARASOL_MEMBER(r2.drought_hours), 1, 720}},
        {"/rules/R2/min_creator_min_per_day",
         IntField{PARASOL_MEMBER(r2.min_creator_min_per_day), 0, 1440}},

        PARASOL_RULE(3),
        {"/rules/R3/daily_goal_min", NullableIntField{PARASOL_MEMBER(r3.daily_goal_min), 1, 1440}},
        {"/rules/R3/floor_min", IntField{PARASOL_MEMBER(r3.floor_min), 0, 1440}},
        {"/rules/R3/median_factor", NumberField{PARASOL_MEMBER(r3.median_factor), 1, 10}},

        PARASOL_RULE(4),
        {"/rules/R4/min_night_minutes", IntField{PARASOL_MEMBER(r4.min_night_minutes), 1, 300}},
        {"/rules/R4/nights", IntField{PARASOL_MEMBER(r4.nights), 1, 7}},
        {"/rules/R4/of_nights", IntField{PARASOL_MEMBER(r4.of_nights), 1, 7}},
        {"/rules/R4/wind_down_card", BoolField{PARASOL_MEMBER(r4.wind_down_card)}},

        PARASOL_RULE(5),
        {"/rules/R5/min_checks_per_day", IntField{PARASOL_MEMBER(r5.min_checks_per_day), 1, 1000}},
        {"/rules/R5/baseline_factor", NumberField{PARASOL_MEMBER(r5.baseline_factor), 1, 10}},
        {"/rules/R5/min_short_share", NumberField{PARASOL_MEMBER(r5.min_short_share), 0, 1}},
        {"/rules/R5/pause_page", BoolField{PARASOL_MEMBER(r5.pause_page)}},

        PARASOL_RULE(6),
        {"/rules/R6/min_share", NumberField{PARASOL_MEMBER(r6.min_share), 0, 1}},
        {"/rules/R6/min_creator_hours_7d",
         IntField{PARASOL_MEMBER(r6.min_creator_hours_7d), 0, 168}},
        {"/rules/R6/min_episodes_per_day",
         IntField{PARASOL_MEMBER(r6.min_episodes_per_day), 1, 100}},
        {"/rules/R6/min_days", IntField{PARASOL_MEMBER(r6.min_days), 1, 7}},

        PARASOL_RULE(7),
        {"/rules/R7/spend_marks_7d", IntField{PARASOL_MEMBER(r7.spend_marks_7d), 1, 100}},
        {"/rules/R7/monthly_budget",
         NullableIntField{PARASOL_MEMBER(r7.monthly_budget), 0, 1000000}},

        PARASOL_RULE(8),
        {"/rules/R8/min_live_hours_7d", IntField{PARASOL_MEMBER(r8.min_live_hours_7d), 0, 168}},
        {"/rules/R8/min_chat_messages_7d",
         IntField{PARASOL_MEMBER(r8.min_chat_messages_7d), 1, 100000}},

        PARASOL_RULE(9),
        {"/rules/R9/min_ramp_factor", NumberField{PARASOL_MEMBER(r9.min_ramp_factor), 1, 10}},
        {"/rules/R9/max_connection_vs_baseline",
         NumberField{PARASOL_MEMBER(r9.max_connection_vs_baseline), 0, 1}},

        PARASOL_RULE(10),
        {"/rules/R10/min_lean", IntField{PARASOL_MEMBER(r10.min_lean), 1, 5}},
        {"/rules/R10/of_checkins", IntField{PARASOL_MEMBER(r10.of_checkins), 1, 10}},
        {"/rules/R10/min_count", IntField{PARASOL_MEMBER(r10.min_count), 1, 10}},

        PARASOL_RULE(11),
        {"/rules/R11/max_messages_24h", IntField{PARASOL_MEMBER(r11.max_messages_24h), 1, 1000}},

        {"/tracking/private_windows", BoolField{PARASOL_MEMBER(tracking.private_windows)}},
        {"/tracking/background_audio", BoolField{PARASOL_MEMBER(tracking.background_audio)}},
        {"/tracking/connection_time", BoolField{PARASOL_MEMBER(tracking.connection_time)}},
        {"/tracking/idle_threshold_s",
         IntField{PARASOL_MEMBER(tracking.idle_threshold_s), 15, 3600}},

        {"/digest/enabled", BoolField{PARASOL_MEMBER(digest.enabled)}},
        {"/digest/recipient/kind", DigestKindField{PARASOL_MEMBER(digest.recipient.kind)}},
        {"/digest/recipient/url", TextField{PARASOL_MEMBER(digest.recipient.url), 2000}},
        {"/digest/recipient/host", TextField{PARASOL_MEMBER(digest.recipient.host), 253}},
        {"/digest/recipient/port", IntField{PARASOL_MEMBER(digest.recipient.port), 1, 65535}},
        {"/digest/recipient/security",
         SmtpSecurityField{PARASOL_MEMBER(digest.recipient.security)}},
        {"/digest/recipient/from", TextField{PARASOL_MEMBER(digest.recipient.from), 254}},
        {"/digest/recipient/to", TextField{PARASOL_MEMBER(digest.recipient.to), 254}},
        {"/digest/recipient/username", TextField{PARASOL_MEMBER(digest.recipient.username), 256}},
        {"/digest/weekday", IntField{PARASOL_MEMBER(digest.weekday), 0, 6}},
        {"/digest/hour", IntField{PARASOL_MEMBER(digest.hour), 0, 23}},
        {"/digest/include_creators", BoolField{PARASOL_MEMBER(digest.include_creators)}},
        {"/digest/ca_file", NullableTextField{PARASOL_MEMBER(digest.ca_file), 4096}},
    };
    return table;
}

#undef PARASOL_RULE
#undef PARASOL_MEMBER

constexpr std::string_view kSitesPointer = "/connection_sites";
constexpr std::size_t kMaxSites = 100;

// ---- one encode and one apply per field kind

std::string clock_text(core::ClockTime t) {
    const int h = t.minute_of_day / 60;
    const int m = t.minute_of_day % 60;
    return {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
            static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10)};
}

core::ClockTime read_clock(const json& v, const JsonPath& p) {
    const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() == 5 && digit(s[0]) && digit(s[1]) && s[2] == ':' && digit(s[3]) &&
            digit(s[4])) {
            const int h = (s[0] - '0') * 10 + (s[1] - '0');
            const int m = (s[3] - '0') * 10 + (s[4] - '0');
            if (h < 24 && m < 60) return {h * 60 + m};
        }
    }
    throw p.invalid("must be a time \"HH:MM\" from 00:00 to 23:59");
}

template <class T>
json nullable(const std::optional<T>& value) {
    return value ? json(*value) : json(nullptr);
}

json encode_field(const BoolField& f, Settings& s) {
    return f.member(s);
}
json encode_field(const IntField& f, Settings& s) {
    return f.member(s);
}
json encode_field(const NullableIntField& f, Settings& s) {
    return nullable(f.member(s));
}
json encode_field(const NumberField& f, Settings& s) {
    return f.member(s);
}
json encode_field(const ClockField& f, Settings& s) {
    return clock_text(f.member(s));
}
json encode_field(const NullableInstantField& f, Settings& s) {
    return nullable(f.member(s));
}
json encode_field(const TextField& f, Settings& s) {
    return f.member(s);
}
json encode_field(const NullableTextField& f, Settings& s) {
    return nullable(f.member(s));
}
json encode_field(const DigestKindField& f, Settings& s) {
    return core::digest_kind_name(f.member(s));
}
json encode_field(const SmtpSecurityField& f, Settings& s) {
    return core::smtp_security_name(f.member(s));
}

void apply_field(const BoolField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = read_bool(v, p);
}
void apply_field(const IntField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = Integer<int>{f.min, f.max}(v, p);
}
void apply_field(const NullableIntField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = v.is_null() ? std::nullopt : std::optional(Integer<int>{f.min, f.max}(v, p));
}
void apply_field(const NumberField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = read_number(v, p, f.min, f.max);
}
void apply_field(const ClockField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = read_clock(v, p);
}
void apply_field(const NullableInstantField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = v.is_null() ? std::nullopt : std::optional(kInstant(v, p));
}
void apply_field(const TextField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = Text{0, f.max}(v, p);
}
void apply_field(const NullableTextField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = v.is_null() ? std::nullopt : std::optional(Text{1, f.max}(v, p));
}
void apply_field(const DigestKindField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = Choice<core::DigestKind>{core::digest_kind_from,
                                           "webhook, ntfy, slack, discord, email"}(v, p);
}
void apply_field(const SmtpSecurityField& f, Settings& s, const json& v, const JsonPath& p) {
    f.member(s) = Choice<core::SmtpSecurity>{core::smtp_security_from, "starttls, smtps"}(v, p);
}

// ---- connection sites

const char* to_string(core::ConnectionKind kind) {
    return kind == core::ConnectionKind::messaging ? "messaging"
           : kind == core::ConnectionKind::call    ? "call"
                                                   : "unknown";
}

core::ConnectionKind connection_kind_from(std::string_view name) {
    if (name == "messaging") return core::ConnectionKind::messaging;
    if (name == "call") return core::ConnectionKind::call;
    return core::ConnectionKind::unknown;
}

std::vector<core::ConnectionSite> read_sites(const json& v, const JsonPath& path) {
    const json& list = read_array(v, path, kMaxSites);
    std::vector<core::ConnectionSite> sites;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const ObjectReader r(list[i], path.index(i), {"platform", "match", "kind"});
        core::ConnectionSite site;
        site.platform = r.required("platform", Text{1, 32, &kPlatformChars});
        site.match = r.required("match", Text{1, 200});
        if (std::any_of(site.match.begin(), site.match.end(),
                        [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
            throw r.at("match").invalid("must not contain whitespace");
        }
        site.kind = r.required(
            "kind", Choice<core::ConnectionKind>{connection_kind_from, "messaging, call"});
        sites.push_back(std::move(site));
    }
    return sites;
}

// ---- the walk over a partial document

const Field* find_field(std::string_view pointer) {
    const auto& table = fields();
    const auto it = std::find_if(table.begin(), table.end(),
                                 [&](const Field& f) { return f.pointer == pointer; });
    return it == table.end() ? nullptr : &*it;
}

bool is_group(std::string_view pointer) {
    return std::any_of(fields().begin(), fields().end(), [&](const Field& f) {
        return f.pointer.size() > pointer.size() && f.pointer.starts_with(pointer) &&
               f.pointer[pointer.size()] == '/';
    });
}

void merge_group(Settings& s, const json& partial, const std::string& pointer,
                 const JsonPath& path) {
    for (const auto& item : read_object(partial, path).items()) {
        const JsonPath child_path = path.key(item.key());
        // Keys holding '/' or '~' would need escaping; no field has one, so they are unknown.
        const bool plain = item.key().find_first_of("/~") == std::string::npos;
        const std::string child = pointer + "/" + item.key();
        if (plain && child == kSitesPointer) {
            s.connection_sites = read_sites(item.value(), child_path);
        } else if (const Field* field = plain ? find_field(child) : nullptr) {
            std::visit([&](const auto& kind) { apply_field(kind, s, item.value(), child_path); },
                       field->kind);
        } else if (plain && is_group(child)) {
            merge_group(s, item.value(), child, child_path);
        } else {
            throw child_path.invalid("is not a known field");
        }
    }
}

}  // namespace

json encode_settings(const Settings& settings) {
    Settings s = settings;  // the accessors hand out mutable references
    json out = json::object();
    for (const Field& field : fields()) {
        out[json::json_pointer(std::string(field.pointer))] =
            std::visit([&](const auto& kind) { return encode_field(kind, s); }, field.kind);
    }
    json& sites = out[json::json_pointer(std::string(kSitesPointer))] = json::array();
    for (const auto& site : s.connection_sites) {
        sites.push_back(
            {{"platform", site.platform}, {"match", site.match}, {"kind", to_string(site.kind)}});
    }
    return out;
}

Settings merge_settings(const Settings& current, const json& partial,
                        const std::string& base_path) {
    const JsonPath base = JsonPath::from_pointer(base_path);
    Settings merged = current;
    merge_group(merged, partial, "", base);
    if (const auto problems = core::validate_settings(merged); !problems.empty()) {
        throw JsonPath::from_pointer(base_path + problems.front().path)
            .invalid(problems.front().message);
    }
    return merged;
}

Settings decode_settings_document(const json& full) {
    return merge_settings(Settings{}, full, "");
}

}  // namespace parasol::protocol
