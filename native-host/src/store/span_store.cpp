#include "store/span_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "store/creator_row.hpp"
#include "store/interval_window.hpp"
#include "store/known_creators.hpp"
#include "store/prepared_statement.hpp"
#include "store/statement_use.hpp"

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

// Insert, or widen by PROTOCOL.md's rules, in one statement. In DO UPDATE,
// bare column names are the stored row (all SET expressions see it as it
// was). The WHERE refuses the update, so that nothing is written
// (changes() = 0), when the stored span has another identity, when widening
// would pass 24 hours, or when nothing would change: the caller then reads
// the row to tell which. No RETURNING: it doubles the cost of the statement
// (~2 us a row), and an insert's values are the ones sent.
constexpr const char* kUpsertSpan =
    "INSERT INTO spans (ext_id, kind, creator_id, platform, start_ms, end_ms, utc_offset_min, "
    "attention, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (ext_id) DO UPDATE SET "
    "start_ms = min(start_ms, excluded.start_ms), "
    "end_ms = max(end_ms, excluded.end_ms), "
    "utc_offset_min = iif(excluded.start_ms < start_ms, excluded.utc_offset_min, utc_offset_min), "
    "attention = excluded.attention, "
    "label = coalesce(excluded.label, label) "
    "WHERE kind = excluded.kind AND creator_id IS excluded.creator_id "
    "AND platform IS excluded.platform "
    "AND max(end_ms, excluded.end_ms) - min(start_ms, excluded.start_ms) <= 86400000 "
    "AND (excluded.start_ms < start_ms OR excluded.end_ms > end_ms "
    "OR excluded.attention <> attention "
    "OR (excluded.label IS NOT NULL AND excluded.label IS NOT label))";

// A widened span's values as stored, for the interval window.
constexpr const char* kStoredInterval =
    "SELECT id, start_ms, end_ms, utc_offset_min FROM spans WHERE ext_id = ?1";

// The same for marks: a stored mark keeps its `at`; count becomes the larger.
constexpr const char* kUpsertMark =
    "INSERT INTO marks (ext_id, what, creator_id, at_ms, utc_offset_min, count) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT (ext_id) DO UPDATE SET count = excluded.count "
    "WHERE what = excluded.what AND creator_id = excluded.creator_id "
    "AND excluded.count > count";

}  // namespace

// What a SpanStore keeps between calls, all of it tied to this connection.
class SpanStore::Memory {
public:
    explicit Memory(Database& db) : db_(db) {}

    // At the start of every transaction: drops whatever may be stale.
    void sync() {
        const Database::ContentVersion now = db_.content_version();
        if (synced_ != now) {
            creators.clear();
            window.clear();
        }
        synced_ = now;
    }
    // After this connection's own writes, which the caches have taken in.
    void synced_after_writes() { synced_ = db_.content_version(); }
    void forget() {
        synced_.reset();
        creators.clear();
        window.clear();
    }

    void write_span(SQLite::Database& sql, std::size_t index, const core::Span& sent,
                    RecordOutcome& outcome);
    void write_mark(SQLite::Database& sql, std::size_t index, const core::Mark& sent,
                    RecordOutcome& outcome);
    void load_window(core::Instant first, core::Instant last);

    KnownCreators creators;
    IntervalWindow window;

private:
    SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const std::string& text) {
        if (!slot) {
            slot.emplace(db_.sql(), text);
        }
        return *slot;
    }
    PreparedStatement& hot(std::optional<PreparedStatement>& slot, const char* text) {
        if (!slot) {
            slot.emplace(db_.sql(), text);
        }
        return *slot;
    }
    void explain_refused_span(std::size_t index, const core::Span& sent, RecordOutcome& outcome);
    void explain_refused_mark(std::size_t index, const core::Mark& sent, RecordOutcome& outcome);
    core::CreatorRecord creator_by_id(std::int64_t id);

    Database& db_;
    std::optional<Database::ContentVersion> synced_;
    std::optional<PreparedStatement> upsert_span_;
    std::optional<SQLite::Statement> find_span_;
    std::optional<PreparedStatement> upsert_mark_;
    std::optional<SQLite::Statement> find_mark_;
    std::optional<PreparedStatement> window_query_;
    std::optional<PreparedStatement> stored_interval_;
    std::optional<SQLite::Statement> creator_by_id_;
};

void SpanStore::Memory::write_span(SQLite::Database& sql, std::size_t index, const core::Span& sent,
                                   RecordOutcome& outcome) {
    const int kind = kind_code(sent.kind);
    const int attention = attention_code(sent.attention);
    const KnownCreator* creator = nullptr;
    if (sent.kind == core::SpanKind::creator) {
        bool relabelled = false;
        creator = &creators.resolve(sql, sent.platform, sent.handle, sent.label, relabelled);
        if (relabelled) {
            window.relabel(creator->row, creator->record.label);
        }
    }
    PreparedStatement& upsert = hot(upsert_span_, kUpsertSpan);
    {
        PreparedStatement::Run run(upsert);
        run.bind_text(1, sent.id);
        run.bind(2, kind);
        if (creator != nullptr) {
            run.bind(3, creator->row);
            run.bind_null(4);
        } else {
            run.bind_null(3);
            run.bind_text(4, sent.platform);
        }
        run.bind(5, sent.start);
        run.bind(6, sent.end);
        run.bind(7, sent.utc_offset_min);
        run.bind(8, attention);
        if (sent.label) {
            run.bind_text(9, *sent.label);
        } else {
            run.bind_null(9);
        }
        // An insert sets the last rowid; the upsert's update leaves it alone.
        sqlite3_set_last_insert_rowid(sql.getHandle(), 0);
        run.step();
    }
    if (sqlite3_changes(sql.getHandle()) == 0) {
        explain_refused_span(index, sent, outcome);
        return;
    }
    const std::int64_t creator_row = creator != nullptr ? creator->row : 0;
    const core::CreatorRecord* record = creator != nullptr ? &creator->record : nullptr;
    if (const std::int64_t row = sqlite3_last_insert_rowid(sql.getHandle()); row != 0) {
        window.put(row, sent.start, sent.end, sent.utc_offset_min, creator_row, record);
        ++outcome.inserted;
        return;
    }
    if (window.loaded()) {  // only a summary's window needs the widened values
        PreparedStatement::Run stored(hot(stored_interval_, kStoredInterval));
        stored.bind_text(1, sent.id);
        if (!stored.step()) {
            throw std::logic_error("activity.record: span " + sent.id +
                                   " was widened, yet no span has that id");
        }
        window.put(stored.int64(0), stored.int64(1), stored.int64(2), stored.int32(3), creator_row,
                   record);
    }
    ++outcome.widened;
}

// The upsert wrote nothing: the span is stored already and either stays as it
// is, or conflicts (an error naming the field).
void SpanStore::Memory::explain_refused_span(std::size_t index, const core::Span& sent,
                                             RecordOutcome& outcome) {
    SQLite::Statement& find =
        prepared(find_span_, std::string(kSelectSpan) + "WHERE s.ext_id = ?1");
    core::Span stored;
    {
        const StatementUse use(find);
        find.bindNoCopy(1, sent.id);
        if (!find.executeStep()) {
            throw std::logic_error("activity.record: the upsert of span " + sent.id +
                                   " wrote nothing, yet no span has that id");
        }
        stored = read_span(find);
    }
    throw_if(identity_conflict(false, index, "kind", core::to_string(stored.kind),
                               core::to_string(sent.kind)));
    throw_if(identity_conflict(false, index, "platform", stored.platform, sent.platform));
    throw_if(identity_conflict(false, index, "handle", stored.handle, sent.handle));
    const core::Span merged = widen(stored, sent);
    if (merged.end - merged.start > core::kMsPerDay) {
        throw ConflictFound(SpanConflict{
            false, index, "end", "would make the span stored under this id longer than 24 hours"});
    }
    if (!same_stored_values(stored, merged)) {
        throw std::logic_error("activity.record: the upsert left span " + sent.id +
                               " as it was, but widening it changes it (kUpsertSpan and widen() "
                               "disagree)");
    }
    ++outcome.unchanged;
}

void SpanStore::Memory::write_mark(SQLite::Database& sql, std::size_t index, const core::Mark& sent,
                                   RecordOutcome& outcome) {
    const int what = what_code(sent.what);
    bool relabelled = false;
    const KnownCreator& creator =
        creators.resolve(sql, sent.platform, sent.handle, std::nullopt, relabelled);
    PreparedStatement& upsert = hot(upsert_mark_, kUpsertMark);
    {
        PreparedStatement::Run run(upsert);
        run.bind_text(1, sent.id);
        run.bind(2, what);
        run.bind(3, creator.row);
        run.bind(4, sent.at);
        run.bind(5, sent.utc_offset_min);
        run.bind(6, sent.count);
        sqlite3_set_last_insert_rowid(sql.getHandle(), 0);
        run.step();
    }
    if (sqlite3_changes(sql.getHandle()) == 0) {
        explain_refused_mark(index, sent, outcome);
        return;
    }
    ++(sqlite3_last_insert_rowid(sql.getHandle()) != 0 ? outcome.inserted : outcome.widened);
}

void SpanStore::Memory::explain_refused_mark(std::size_t index, const core::Mark& sent,
                                             RecordOutcome& outcome) {
    SQLite::Statement& find =
        prepared(find_mark_, std::string(kSelectMark) + "WHERE m.ext_id = ?1");
    core::Mark stored;
    {
        const StatementUse use(find);
        find.bindNoCopy(1, sent.id);
        if (!find.executeStep()) {
            throw std::logic_error("activity.record: the upsert of mark " + sent.id +
                                   " wrote nothing, yet no mark has that id");
        }
        stored = read_mark(find);
    }
    throw_if(identity_conflict(true, index, "what", core::to_string(stored.what),
                               core::to_string(sent.what)));
    throw_if(identity_conflict(true, index, "platform", stored.platform, sent.platform));
    throw_if(identity_conflict(true, index, "handle", stored.handle, sent.handle));
    if (sent.count > stored.count) {
        throw std::logic_error("activity.record: the upsert left mark " + sent.id +
                               " as it was, but its count grows (kUpsertMark disagrees)");
    }
    ++outcome.unchanged;
}

core::CreatorRecord SpanStore::Memory::creator_by_id(std::int64_t id) {
    SQLite::Statement& find = prepared(
        creator_by_id_, std::string("SELECT ") + kCreatorColumns + " FROM creators WHERE id = ?1");
    const StatementUse use(find);
    find.bind(1, id);
    if (!find.executeStep()) {
        throw std::runtime_error("a span refers to creator " + std::to_string(id) +
                                 ", which is not in the creators table");
    }
    return read_creator(find, 0);
}

void SpanStore::Memory::load_window(core::Instant first, core::Instant last) {
    window.reset(first, last);
    PreparedStatement::Run query(hot(window_query_, kWindowQuery));
    query.bind(1, first);
    query.bind(2, last);
    std::int64_t last_creator = -1;  // spans of one creator often come in runs
    int last_slot = -1;
    while (query.step()) {
        core::SpanInterval span{query.int64(1), query.int64(2), query.int32(3),
                                core::SpanKind::connection, -1};
        if (kind_from_code(query.int32(4)) == core::SpanKind::creator) {
            const std::int64_t creator = query.int64(5);
            if (creator != last_creator) {
                last_creator = creator;
                last_slot = window.slot_of(creator);
                if (last_slot < 0) {
                    last_slot = window.add_creator(creator, creator_by_id(creator));
                }
            }
            span.kind = core::SpanKind::creator;
            span.creator = last_slot;
        }
        window.add(query.int64(0), span);
    }
    window.done_loading();
}

SpanStore::SpanStore(Database& db) : db_(db), memory_(std::make_unique<Memory>(db)) {}

SpanStore::~SpanStore() = default;

RecordOutcome SpanStore::record(const std::vector<core::Span>& spans,
                                const std::vector<core::Mark>& marks) {
    RecordOutcome outcome;
    try {
        db_.write([&](SQLite::Database& sql) {
            memory_->sync();
            for (std::size_t i = 0; i < spans.size(); ++i) {
                memory_->write_span(sql, i, spans[i], outcome);
            }
            for (std::size_t i = 0; i < marks.size(); ++i) {
                memory_->write_mark(sql, i, marks[i], outcome);
            }
            memory_->synced_after_writes();
        });
    } catch (const ConflictFound& found) {
        memory_->forget();  // it took in rows that were rolled back
        RecordOutcome refused;
        refused.conflict = found.conflict;
        return refused;
    } catch (...) {
        memory_->forget();
        throw;
    }
    return outcome;
}

void SpanStore::load_intervals(core::Instant from, core::Instant to,
                               std::vector<core::CreatorRecord>& creators,
                               std::vector<core::SpanInterval>& spans) {
    creators.clear();
    spans.clear();
    try {
        db_.read([&](SQLite::Database&) {
            memory_->sync();
            const core::Instant first = from - core::kMsPerDay;
            if (!memory_->window.covers(first, to)) {
                memory_->load_window(first, to);
            }
            memory_->window.copy_out(from, to, creators, spans);
        });
    } catch (...) {
        memory_->forget();
        throw;
    }
}

void SpanStore::with_intervals(core::Instant from, core::Instant to, core::SummaryInput& input,
                               const std::function<void(const core::SummaryInput&)>& use) {
    IntervalWindow& window = memory_->window;
    bool lent = false;
    try {
        db_.read([&](SQLite::Database&) {
            memory_->sync();
            const core::Instant first = from - core::kMsPerDay;
            if (!window.covers(first, to)) {
                memory_->load_window(first, to);
            }
            // Lent whole when the range is most of the window: the extra
            // spans cost summarize less than a copy of the rest would.
            if (2 * (to - first) >= window.last() - window.first()) {
                window.lend(input.creators, input.spans);
                lent = true;
            } else {
                window.copy_out(from, to, input.creators, input.spans);
            }
        });
    } catch (...) {
        memory_->forget();
        throw;
    }
    struct GiveBack {
        IntervalWindow& window;
        core::SummaryInput& input;
        bool lent;
        ~GiveBack() {
            if (lent) {
                window.give_back(input.creators, input.spans);
            }
            input.creators.clear();
            input.spans.clear();
        }
    } give_back{window, input, lent};
    use(input);
}

void SpanStore::forget_cached() {
    memory_->forget();
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
