#pragma once
// Spans and marks for store tests, with readable defaults.
#include <string>
#include <tuple>

#include "core/activity.hpp"
#include "store/database.hpp"

namespace parasol::store::test {

constexpr core::Instant kDay0 = 1'764'547'200'000;  // 2025-12-01T00:00:00Z

inline core::Span creator_span(std::string id, std::string handle, core::Instant start,
                               core::Instant end, std::string platform = "youtube") {
    core::Span span;
    span.id = std::move(id);
    span.kind = core::SpanKind::creator;
    span.platform = std::move(platform);
    span.handle = std::move(handle);
    span.start = start;
    span.end = end;
    span.utc_offset_min = 60;
    span.attention = core::Attention::focused;
    return span;
}

inline core::Span connection_span(std::string id, core::Instant start, core::Instant end,
                                  std::string platform = "whatsapp") {
    core::Span span = creator_span(std::move(id), "", start, end, std::move(platform));
    span.kind = core::SpanKind::connection;
    return span;
}

inline core::Mark mark(std::string id, std::string handle, core::Instant at, int count = 1,
                       core::MarkWhat what = core::MarkWhat::chat) {
    core::Mark m;
    m.id = std::move(id);
    m.what = what;
    m.platform = "twitch";
    m.handle = std::move(handle);
    m.at = at;
    m.utc_offset_min = -300;
    m.count = count;
    return m;
}

// Every field, for comparing stored and exported values.
inline auto fields(const core::Span& s) {
    return std::tie(s.id, s.kind, s.platform, s.handle, s.label, s.start, s.end, s.utc_offset_min,
                    s.attention);
}
inline auto fields(const core::Mark& m) {
    return std::tie(m.id, m.what, m.platform, m.handle, m.at, m.utc_offset_min, m.count);
}

inline long long count_rows(Database& db, const std::string& table) {
    return db.sql().execAndGet("SELECT count(*) FROM " + table).getInt64();
}

}  // namespace parasol::store::test
