#include "protocol/activity_codec.hpp"

#include "protocol/json_reader.hpp"

namespace parasol::protocol {
namespace {

constexpr Text kRecordId{8, 64, &kRecordIdChars};
constexpr Text kPlatform{1, 32, &kPlatformChars};
constexpr Text kHandle{1, 128};
constexpr Integer<int> kUtcOffset{-840, 840};

core::Instant not_in_future(core::Instant at, const JsonPath& path, core::Instant now) {
    if (at > now + kMaxFutureMs) {
        throw path.invalid("must not be more than 10 minutes past the host's clock");
    }
    return at;
}

}  // namespace

core::Span decode_span(const json& value, const JsonPath& path, core::Instant now) {
    const ObjectReader r(value, path,
                         {"id", "kind", "platform", "handle", "label", "start", "end",
                          "utc_offset_min", "attention"});
    core::Span span;
    span.id = r.required("id", kRecordId);
    span.kind =
        r.required("kind", Choice<core::SpanKind>{core::span_kind_from, "creator, connection"});
    span.platform = r.required("platform", kPlatform);
    if (span.kind == core::SpanKind::creator) {
        span.handle = r.required("handle", kHandle);
    } else if (!r.need("handle").is_string() || !r.need("handle").get<std::string>().empty()) {
        throw r.at("handle").invalid("must be \"\" for connection spans");
    }
    span.label = r.optional("label", Text{0, 200});
    // Who the user talks to is never recorded, so a connection span has no label.
    if (span.kind == core::SpanKind::connection && span.label) {
        throw r.at("label").invalid("must be absent for connection spans");
    }
    span.start = r.required("start", kInstant);
    span.end = r.required("end", kInstant);
    if (span.end < span.start) throw r.at("end").invalid("must not be earlier than start");
    if (span.end - span.start > kMaxSpanMs) {
        throw r.at("end").invalid("must be at most 86400000 ms (24 h) after start");
    }
    not_in_future(span.end, r.at("end"), now);
    span.utc_offset_min = r.required("utc_offset_min", kUtcOffset);
    span.attention =
        r.required("attention", Choice<core::Attention>{core::attention_from, "focused, audible"});
    return span;
}

core::Mark decode_mark(const json& value, const JsonPath& path, core::Instant now) {
    const ObjectReader r(value, path,
                         {"id", "what", "platform", "handle", "at", "utc_offset_min", "count"});
    core::Mark mark;
    mark.id = r.required("id", kRecordId);
    mark.what = r.required("what", Choice<core::MarkWhat>{core::mark_what_from, "spend, chat"});
    mark.platform = r.required("platform", kPlatform);
    mark.handle = r.required("handle", kHandle);
    mark.at = not_in_future(r.required("at", kInstant), r.at("at"), now);
    mark.utc_offset_min = r.required("utc_offset_min", kUtcOffset);
    mark.count = r.optional("count", Integer<int>{1, 10000}).value_or(1);
    return mark;
}

json encode_span(const core::Span& span) {
    json out = {{"id", span.id},
                {"kind", core::to_string(span.kind)},
                {"platform", span.platform},
                {"handle", span.handle},
                {"start", span.start},
                {"end", span.end},
                {"utc_offset_min", span.utc_offset_min},
                {"attention", core::to_string(span.attention)}};
    if (span.label) out["label"] = *span.label;
    return out;
}

json encode_mark(const core::Mark& mark) {
    return {{"id", mark.id},
            {"what", core::to_string(mark.what)},
            {"platform", mark.platform},
            {"handle", mark.handle},
            {"at", mark.at},
            {"utc_offset_min", mark.utc_offset_min},
            {"count", mark.count}};
}

}  // namespace parasol::protocol
