#include "store/history_reader.hpp"

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <unordered_map>

#include "store/checkin_store.hpp"
#include "store/creator_row.hpp"

namespace parasol::store {
namespace {

// A span lasts at most 24 hours (the spans table's CHECK), so every span
// overlapping [from, to) starts in [from - 24 h, to): the search stays on
// spans_by_start.
constexpr const char* kSpanQuery =
    "SELECT start_ms, end_ms, utc_offset_min, kind, attention, creator_id, platform "
    "FROM spans WHERE start_ms >= ?1 AND start_ms < ?2 AND end_ms > ?3";
constexpr const char* kMarkQuery =
    "SELECT m.ext_id, m.what, m.at_ms, m.utc_offset_min, m.count, m.creator_id "
    "FROM marks m WHERE m.at_ms >= ?1 AND m.at_ms < ?2 ORDER BY m.at_ms";
// Both MINs are answered from an index (spans_by_start, marks_by_at).
constexpr const char* kFirstActivityQuery =
    "SELECT min((SELECT min(start_ms) FROM spans), (SELECT min(at_ms) FROM marks)), "
    "(SELECT min(start_ms) FROM spans), (SELECT min(at_ms) FROM marks)";

// Creator rows looked up once each, as the spans and marks name them.
class CreatorIndex {
public:
    CreatorIndex(SQLite::Database& sql, std::vector<core::CreatorRecord>& creators)
        : query_(sql, std::string("SELECT ") + kCreatorColumns + " FROM creators WHERE id = ?1"),
          creators_(creators) {}

    int index_of(std::int64_t row) {
        if (const auto found = by_row_.find(row); found != by_row_.end()) return found->second;
        query_.reset();
        query_.bind(1, row);
        if (!query_.executeStep()) {
            throw std::runtime_error("a span or mark names creator row " + std::to_string(row) +
                                     ", which is missing");
        }
        creators_.push_back(read_creator(query_, 0));
        const int index = static_cast<int>(creators_.size()) - 1;
        by_row_.emplace(row, index);
        return index;
    }

private:
    SQLite::Statement query_;
    std::vector<core::CreatorRecord>& creators_;
    std::unordered_map<std::int64_t, int> by_row_;
};

}  // namespace

core::nudges::ActivityHistory HistoryReader::read(core::Instant now, int utc_offset_min) {
    const core::LocalDate today = core::local_date_of(now, utc_offset_min);
    const core::LocalDate first = today.plus_days(-(core::nudges::kHistoryDays - 1));
    // A span's end may be up to 10 minutes past the host's clock (PROTOCOL.md).
    return read_window(core::local_midnight(first, utc_offset_min), now + 10 * core::kMsPerMinute,
                       first, today);
}

core::nudges::ActivityHistory HistoryReader::read_window(core::Instant from, core::Instant to,
                                                         core::LocalDate first_date,
                                                         core::LocalDate last_date) {
    core::nudges::ActivityHistory out;
    db_.read([&](SQLite::Database& sql) {
        CreatorIndex creators(sql, out.creators);

        SQLite::Statement spans(sql, kSpanQuery);
        spans.bind(1, from - core::kMsPerDay);
        spans.bind(2, to);
        spans.bind(3, from);
        while (spans.executeStep()) {
            core::nudges::HistorySpan span;
            span.start = spans.getColumn(0).getInt64();
            span.end = spans.getColumn(1).getInt64();
            span.utc_offset_min = spans.getColumn(2).getInt();
            span.kind = spans.getColumn(3).getInt() == 0 ? core::SpanKind::creator
                                                         : core::SpanKind::connection;
            span.attention = spans.getColumn(4).getInt() == 0 ? core::Attention::focused
                                                              : core::Attention::audible;
            if (span.kind == core::SpanKind::creator) {
                span.creator = creators.index_of(spans.getColumn(5).getInt64());
            } else {
                span.platform = spans.getColumn(6).getString();
            }
            out.spans.push_back(std::move(span));
        }

        SQLite::Statement marks(sql, kMarkQuery);
        marks.bind(1, from);
        marks.bind(2, to);
        while (marks.executeStep()) {
            core::Mark mark;
            mark.id = marks.getColumn(0).getString();
            mark.what =
                marks.getColumn(1).getInt() == 0 ? core::MarkWhat::spend : core::MarkWhat::chat;
            mark.at = marks.getColumn(2).getInt64();
            mark.utc_offset_min = marks.getColumn(3).getInt();
            mark.count = marks.getColumn(4).getInt();
            const auto& creator = out.creators[static_cast<std::size_t>(
                creators.index_of(marks.getColumn(5).getInt64()))];
            mark.platform = creator.key.platform;
            mark.handle = creator.key.handle;
            out.marks.push_back(std::move(mark));
        }

        out.checkins = CheckinStore(db_).between(first_date, last_date);

        SQLite::Statement first(sql, kFirstActivityQuery);
        if (first.executeStep()) {
            // min() of two values is NULL if either is: take whichever exists.
            if (!first.getColumn(0).isNull()) {
                out.first_activity_at = first.getColumn(0).getInt64();
            } else if (!first.getColumn(1).isNull()) {
                out.first_activity_at = first.getColumn(1).getInt64();
            } else if (!first.getColumn(2).isNull()) {
                out.first_activity_at = first.getColumn(2).getInt64();
            }
        }
    });
    return out;
}

}  // namespace parasol::store
