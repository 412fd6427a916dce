#include "store/span_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "store/creator_row.hpp"

namespace parasol::store {
namespace {

// Enum codes as the schema lists them (migrations.cpp, step 1).
int kind_code(core::SpanKind kind) {
    switch (kind) {
        case core::SpanKind::creator:
            return 0;
        case core::SpanKind::connection:
            return 1;
        case core::SpanKind::unknown:
            break;
    }
    throw std::invalid_argument("a span's kind is unknown (validation should have rejected it)");
}

core::SpanKind kind_from_code(int code) {
    return code == 0 ? core::SpanKind::creator : core::SpanKind::connection;
}

int attention_code(core::Attention attention) {
    switch (attention) {
        case core::Attention::focused:
            return 0;
        case core::Attention::audible:
            return 1;
        case core::Attention::unknown:
            break;
    }
    throw std::invalid_argument(
        "a span's attention is unknown (validation should have rejected it)");
}

core::Attention attention_from_code(int code) {
    return code == 0 ? core::Attention::focused : core::Attention::audible;
}

int what_code(core::MarkWhat what) {
    switch (what) {
        case core::MarkWhat::spend:
            return 0;
        case core::MarkWhat::chat:
            return 1;
        case core::MarkWhat::unknown:
            break;
    }
    throw std::invalid_argument("a mark's what is unknown (validation should have rejected it)");
}

core::MarkWhat what_from_code(int code) {
    return code == 0 ? core::MarkWhat::spend : core::MarkWhat::chat;
}

// A span as read_span expects its columns; a connection span's handle is "".
constexpr const char* kSelectSpan =
    "SELECT s.ext_id, s.kind, coalesce(c.platform, s.platform), coalesce(c.handle, ''), "
    "s.label, s.start_ms, s.end_ms, s.utc_offset_min, s.attention, s.id "
    "FROM spans s LEFT JOIN creators c ON c.id = s.creator_id ";

core::Span read_span(const SQLite::Statement& row) {
    core::Span span;
    span.id = row.getColumn(0).getString();
    span.kind = kind_from_code(row.getColumn(1).getInt());
    span.platform = row.getColumn(2).getString();
    span.handle = row.getColumn(3).getString();
    if (const auto label = row.getColumn(4); !label.isNull()) {
        span.label = label.getString();
    }
    span.start = row.getColumn(5).getInt64();
    span.end = row.getColumn(6).getInt64();
    span.utc_offset_min = row.getColumn(7).getInt();
    span.attention = attention_from_code(row.getColumn(8).getInt());
    return span;
}

constexpr const char* kSelectMark =
    "SELECT m.ext_id, m.what, c.platform, c.handle, m.at_ms, m.utc_offset_min, m.count, m.id "
    "FROM marks m JOIN creators c ON c.id = m.creator_id ";

core::Mark read_mark(const SQLite::Statement& row) {
    core::Mark mark;
    mark.id = row.getColumn(0).getString();
    mark.what = what_from_code(row.getColumn(1).getInt());
    mark.platform = row.getColumn(2).getString();
    mark.handle = row.getColumn(3).getString();
    mark.at = row.getColumn(4).getInt64();
    mark.utc_offset_min = row.getColumn(5).getInt();
    mark.count = row.getColumn(6).getInt();
    return mark;
}

// The stored span once `sent` is merged into it (PROTOCOL.md, activity.record).
core::Span widen(const core::Span& stored, const core::Span& sent) {
    core::Span merged = stored;
    if (sent.start < stored.start) {
        merged.start = sent.start;
        merged.utc_offset_min = sent.utc_offset_min;
    }
    merged.end = std::max(stored.end, sent.end);
    merged.attention = sent.attention;
    if (sent.label) {
        merged.label = sent.label;
    }
    return merged;
}

bool same_stored_values(const core::Span& a, const core::Span& b) {
    return a.start == b.start && a.end == b.end && a.utc_offset_min == b.utc_offset_min &&
           a.attention == b.attention && a.label == b.label;
}

std::optional<SpanConflict> identity_conflict(bool is_mark, std::size_t index,
                                              const std::string& field, const std::string& stored,
                                              const std::string& sent) {
    if (stored == sent) {
        return std::nullopt;
    }
    return SpanConflict{is_mark, index, field,
                        "was stored earlier with " + field + " \"" + stored + "\""};
}

// Unwinds out of Database::write so the batch rolls back.
struct ConflictFound : std::exception {
    explicit ConflictFound(SpanConflict c) : conflict(std::move(c)) {}
    SpanConflict conflict;
};

void throw_if(std::optional<SpanConflict> conflict) {
    if (conflict) {
        throw ConflictFound(std::move(*conflict));
    }
}

// One batch of activity.record inside its write transaction, with each
// statement prepared once.
class BatchWriter {
  public:
    BatchWriter(SQLite::Database& sql, RecordOutcome& outcome)
        : outcome_(outcome),
          creator_id_(sql),
          find_span_(sql, std::string(kSelectSpan) + "WHERE s.ext_id = ?1"),
          insert_span_(
              sql,
              "INSERT INTO spans (ext_id, kind, creator_id, platform, start_ms, end_ms, "
              "utc_offset_min, attention, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
          update_span_(sql,
                       "UPDATE spans SET start_ms = ?2, end_ms = ?3, utc_offset_min = ?4, "
                       "attention = ?5, label = ?6 WHERE id = ?1"),
          find_mark_(sql, std::string(kSelectMark) + "WHERE m.ext_id = ?1"),
          insert_mark_(sql,
                       "INSERT INTO marks (ext_id, what, creator_id, at_ms, utc_offset_min, count) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
          update_mark_count_(sql, "UPDATE marks SET count = ?2 WHERE id = ?1") {}

    void span(std::size_t index, const core::Span& sent) {
        const bool is_creator = kind_code(sent.kind) == 0;
        attention_code(sent.attention);  // reject unknown before anything is read
        find_span_.reset();
        find_span_.bind(1, sent.id);
        if (!find_span_.executeStep()) {
            std::optional<std::int64_t> creator;
            if (is_creator) {
                creator = creator_id_({sent.platform, sent.handle}, sent.label);
            }
            run(insert_span_, [&](SQLite::Statement& s) {
                s.bind(1, sent.id);
                s.bind(2, kind_code(sent.kind));
                bind_optional(s, 3, creator);
                bind_optional(s, 4, is_creator ? std::nullopt : std::optional(sent.platform));
                bind_span_values(s, 5, sent);
            });
            ++outcome_.inserted;
            return;
        }
        const core::Span stored = read_span(find_span_);
        const std::int64_t row = find_span_.getColumn(9).getInt64();
        find_span_.reset();
        throw_if(identity_conflict(false, index, "kind", core::to_string(stored.kind),
                                   core::to_string(sent.kind)));
        throw_if(identity_conflict(false, index, "platform", stored.platform, sent.platform));
        throw_if(identity_conflict(false, index, "handle", stored.handle, sent.handle));
        const core::Span merged = widen(stored, sent);
        if (merged.end - merged.start > core::kMsPerDay) {
            throw ConflictFound(
                SpanConflict{false, index, "end",
                             "would make the span stored under this id longer than 24 hours"});
        }
        if (is_creator && sent.label) {
            creator_id_({sent.platform, sent.handle}, sent.label);
        }
        if (same_stored_values(stored, merged)) {
            ++outcome_.unchanged;
            return;
        }
        run(update_span_, [&](SQLite::Statement& s) {
            s.bind(1, row);
            bind_span_values(s, 2, merged);
        });
        ++outcome_.widened;
    }

    void mark(std::size_t index, const core::Mark& sent) {
        const int what = what_code(sent.what);
        find_mark_.reset();
        find_mark_.bind(1, sent.id);
        if (!find_mark_.executeStep()) {
            const std::int64_t creator = creator_id_({sent.platform, sent.handle}, std::nullopt);
            run(insert_mark_, [&](SQLite::Statement& s) {
                s.bind(1, sent.id);
                s.bind(2, what);
                s.bind(3, creator);
                s.bind(4, sent.at);
                s.bind(5, sent.utc_offset_min);
                s.bind(6, sent.count);
            });
            ++outcome_.inserted;
            return;
        }
        const core::Mark stored = read_mark(find_mark_);
        const std::int64_t row = find_mark_.getColumn(7).getInt64();
        find_mark_.reset();
        throw_if(identity_conflict(true, index, "what", core::to_string(stored.what),
                                   core::to_string(sent.what)));
        throw_if(identity_conflict(true, index, "platform", stored.platform, sent.platform));
        throw_if(identity_conflict(true, index, "handle", stored.handle, sent.handle));
        if (sent.count <= stored.count) {
            ++outcome_.unchanged;
            return;
        }
        run(update_mark_count_, [&](SQLite::Statement& s) {
            s.bind(1, row);
            s.bind(2, sent.count);
        });
        ++outcome_.widened;
    }

  private:
    template <typename Bind>
    static void run(SQLite::Statement& statement, const Bind& bind) {
        statement.reset();
        statement.clearBindings();
        bind(statement);
        statement.exec();
    }

    template <typename T>
    static void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& value) {
        if (value) {
            s.bind(index, *value);
        } else {
            s.bind(index);
        }
    }

    // start, end, utc_offset_min, attention, label from parameter `first` on.
    static void bind_span_values(SQLite::Statement& s, int first, const core::Span& span) {
        s.bind(first, span.start);
        s.bind(first + 1, span.end);
        s.bind(first + 2, span.utc_offset_min);
        s.bind(first + 3, attention_code(span.attention));
        bind_optional(s, first + 4, span.label);
    }

    RecordOutcome& outcome_;
    CreatorUpsert creator_id_;
    SQLite::Statement find_span_;
    SQLite::Statement insert_span_;
    SQLite::Statement update_span_;
    SQLite::Statement find_mark_;
    SQLite::Statement insert_mark_;
    SQLite::Statement update_mark_count_;
};

}  // namespace

RecordOutcome SpanStore::record(const std::vector<core::Span>& spans,
                                const std::vector<core::Mark>& marks) {
    RecordOutcome outcome;
    try {
        db_.write([&](SQLite::Database& sql) {
            BatchWriter batch(sql, outcome);
            for (std::size_t i = 0; i < spans.size(); ++i) {
                batch.span(i, spans[i]);
            }
            for (std::size_t i = 0; i < marks.size(); ++i) {
                batch.mark(i, marks[i]);
            }
        });
    } catch (const ConflictFound& found) {
        RecordOutcome refused;
        refused.conflict = found.conflict;
        return refused;
    }
    return outcome;
}

void SpanStore::load_intervals(core::Instant from, core::Instant to,
                               std::vector<core::CreatorRecord>& creators,
                               std::vector<core::SpanInterval>& spans) {
    creators.clear();
    spans.clear();
    db_.read([&](SQLite::Database& sql) {
        std::unordered_map<std::int64_t, int> index_of;  // creators.id -> index in `creators`
        SQLite::Statement query(sql, kOverlapQuery);
        query.bind(1, from);
        query.bind(2, to);
        while (query.executeStep()) {
            core::SpanInterval span;
            span.start = query.getColumn(0).getInt64();
            span.end = query.getColumn(1).getInt64();
            span.utc_offset_min = query.getColumn(2).getInt();
            span.kind = kind_from_code(query.getColumn(3).getInt());
            if (const auto creator = query.getColumn(4); !creator.isNull()) {
                const auto [at, added] =
                    index_of.try_emplace(creator.getInt64(), static_cast<int>(creators.size()));
                if (added) {
                    creators.push_back(read_creator(query, 5));
                }
                span.creator = at->second;
            }
            spans.push_back(span);
        }
    });
}

std::vector<core::Mark> SpanStore::marks_between(core::Instant from, core::Instant to) {
    std::vector<core::Mark> marks;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql,
                                std::string(kSelectMark) +
                                    "WHERE m.at_ms >= ?1 AND m.at_ms < ?2 ORDER BY m.at_ms, m.id");
        query.bind(1, from);
        query.bind(2, to);
        while (query.executeStep()) {
            marks.push_back(read_mark(query));
        }
    });
    return marks;
}

void SpanStore::for_each_span(const std::function<void(const core::Span&)>& each) {
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql, std::string(kSelectSpan) + "ORDER BY s.start_ms, s.id");
        while (query.executeStep()) {
            each(read_span(query));
        }
    });
}

void SpanStore::for_each_mark(const std::function<void(const core::Mark&)>& each) {
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql, std::string(kSelectMark) + "ORDER BY m.at_ms, m.id");
        while (query.executeStep()) {
            each(read_mark(query));
        }
    });
}

}  // namespace parasol::store
