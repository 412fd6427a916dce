#include "raw_span_table.hpp"

#include <stdexcept>
#include <string>

#include "stderr_log.hpp"
#include "store/database.hpp"

namespace parasol::bench {

std::unique_ptr<RawSpanTable> RawSpanTable::create(const std::filesystem::path& file) {
    StderrLog log;
    store::Database::open(file, log).reset();  // the schema, exactly as the host makes it
    return std::unique_ptr<RawSpanTable>(new RawSpanTable(file));
}

std::unique_ptr<RawSpanTable> RawSpanTable::open(const std::filesystem::path& file) {
    if (!std::filesystem::exists(file)) {
        throw std::runtime_error("no database at " + file.string());
    }
    return std::unique_ptr<RawSpanTable>(new RawSpanTable(file));
}

RawSpanTable::RawSpanTable(const std::filesystem::path& file) {
    const int rc = sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    if (rc != SQLITE_OK) {
        const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        throw std::runtime_error("raw sqlite: can't open " + file.string() + ": " + why);
    }
    try {
        sqlite3_busy_timeout(db_, 5000);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        insert_creator_ =
            prepare("INSERT INTO creators (platform, handle, label) VALUES (?1, ?2, ?3)");
        insert_span_ = prepare(
            "INSERT INTO spans (ext_id, kind, creator_id, platform, start_ms, end_ms, "
            "utc_offset_min, attention, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        upsert_span_ = prepare(
            "INSERT INTO spans (ext_id, kind, creator_id, platform, start_ms, end_ms, "
            "utc_offset_min, attention, label) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (ext_id) DO UPDATE SET "
            "utc_offset_min = iif(excluded.start_ms < start_ms, excluded.utc_offset_min, "
            "utc_offset_min), "
            "start_ms = min(start_ms, excluded.start_ms), end_ms = max(end_ms, excluded.end_ms), "
            "attention = excluded.attention, label = coalesce(excluded.label, label)");
        read_ = prepare(
            "SELECT start_ms, end_ms, utc_offset_min, kind, creator_id FROM spans "
            "WHERE start_ms >= ?1 - 86400000 AND start_ms < ?2 AND end_ms > ?1");
    } catch (...) {
        close();
        throw;
    }
}

RawSpanTable::~RawSpanTable() {
    close();
}

void RawSpanTable::close() {
    sqlite3_finalize(insert_creator_);
    sqlite3_finalize(insert_span_);
    sqlite3_finalize(upsert_span_);
    sqlite3_finalize(read_);
    insert_creator_ = insert_span_ = upsert_span_ = read_ = nullptr;
    sqlite3_close(db_);
    db_ = nullptr;
}

void RawSpanTable::check(int rc, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        throw std::runtime_error(std::string("raw sqlite: ") + what + ": " + sqlite3_errmsg(db_));
    }
}

void RawSpanTable::exec(const char* sql) {
    check(sqlite3_exec(db_, sql, nullptr, nullptr, nullptr), sql);
}

sqlite3_stmt* RawSpanTable::prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    check(sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr), sql);
    return statement;
}

namespace {
void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}
}  // namespace

void RawSpanTable::insert_batch(std::span<const core::Span> spans) {
    write_batch(insert_span_, spans);
}

void RawSpanTable::upsert_batch(std::span<const core::Span> spans) {
    write_batch(upsert_span_, spans);
}

void RawSpanTable::use_read_query(const char* sql) {
    sqlite3_stmt* replacement = prepare(sql);
    sqlite3_finalize(read_);
    read_ = replacement;
}

void RawSpanTable::write_batch(sqlite3_stmt* statement, std::span<const core::Span> spans) {
    exec("BEGIN IMMEDIATE");
    try {
        for (const core::Span& span : spans) {
            sqlite3_reset(statement);
            sqlite3_clear_bindings(statement);
            bind_text(statement, 1, span.id);
            sqlite3_bind_int(statement, 2, span.kind == core::SpanKind::creator ? 0 : 1);
            if (span.kind == core::SpanKind::creator) {
                const core::CreatorKey key{span.platform, span.handle};
                auto known = creator_ids_.find(key);
                if (known == creator_ids_.end()) {
                    sqlite3_reset(insert_creator_);
                    bind_text(insert_creator_, 1, span.platform);
                    bind_text(insert_creator_, 2, span.handle);
                    bind_text(insert_creator_, 3, span.label.value_or(span.handle));
                    check(sqlite3_step(insert_creator_), "insert creator");
                    known = creator_ids_.emplace(key, sqlite3_last_insert_rowid(db_)).first;
                }
                sqlite3_bind_int64(statement, 3, known->second);
            } else {
                bind_text(statement, 4, span.platform);
            }
            sqlite3_bind_int64(statement, 5, span.start);
            sqlite3_bind_int64(statement, 6, span.end);
            sqlite3_bind_int(statement, 7, span.utc_offset_min);
            sqlite3_bind_int(statement, 8, span.attention == core::Attention::focused ? 0 : 1);
            if (span.label) {
                bind_text(statement, 9, *span.label);
            }
            check(sqlite3_step(statement), "insert span");
        }
        exec("COMMIT");
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void RawSpanTable::read_intervals(core::Instant from, core::Instant to,
                                  std::vector<core::SpanInterval>& out) {
    out.clear();
    sqlite3_reset(read_);
    sqlite3_bind_int64(read_, 1, from);
    sqlite3_bind_int64(read_, 2, to);
    int rc = 0;
    while ((rc = sqlite3_step(read_)) == SQLITE_ROW) {
        core::SpanInterval row;
        row.start = sqlite3_column_int64(read_, 0);
        row.end = sqlite3_column_int64(read_, 1);
        row.utc_offset_min = sqlite3_column_int(read_, 2);
        row.kind = sqlite3_column_int(read_, 3) == 0 ? core::SpanKind::creator
                                                     : core::SpanKind::connection;
        row.creator = sqlite3_column_type(read_, 4) == SQLITE_NULL
                          ? -1
                          : static_cast<int>(sqlite3_column_int64(read_, 4));
        out.push_back(row);
    }
    check(rc, "read spans");
}

}  // namespace parasol::bench
