#include "rollup_probe.hpp"

#include <map>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/summary.hpp"

namespace parasol::bench {

namespace {

sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("rollup probe: ") + sqlite3_errmsg(db));
    }
    return statement;
}

void step_done(sqlite3* db, sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) {
        throw std::runtime_error(std::string("rollup probe: ") + sqlite3_errmsg(db));
    }
    sqlite3_reset(statement);
}

}  // namespace

RollupProbe::RollupProbe(const std::filesystem::path& file, const std::vector<core::Span>& spans) {
    std::filesystem::remove(file);
    if (sqlite3_open(file.c_str(), &db_) != SQLITE_OK) {
        sqlite3_close(db_);
        throw std::runtime_error("rollup probe: can't open " + file.string());
    }
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec(
        "CREATE TABLE day_creator (day INTEGER, creator_id INTEGER, ms INTEGER NOT NULL, "
        "PRIMARY KEY (day, creator_id)) STRICT, WITHOUT ROWID;"
        "CREATE TABLE day_total (day INTEGER PRIMARY KEY, creator_ms INTEGER NOT NULL, "
        "connection_ms INTEGER NOT NULL) STRICT, WITHOUT ROWID;");

    // Pieces of each span on each local date it touches, grouped.
    std::map<core::CreatorKey, int> ids;
    std::map<std::pair<std::int64_t, int>, std::vector<core::Interval>> by_creator;
    std::map<std::pair<std::int64_t, core::SpanKind>, std::vector<core::Interval>> by_kind;
    for (const core::Span& s : spans) {
        int id = -1;
        if (s.kind == core::SpanKind::creator) {
            id = ids.emplace(core::CreatorKey{s.platform, s.handle}, static_cast<int>(ids.size()))
                     .first->second;
        }
        for (const core::DayPiece& piece :
             core::split_at_local_midnight(s.start, s.end, s.utc_offset_min)) {
            const std::int64_t day = piece.date.to_days();
            if (id >= 0) by_creator[{day, id}].push_back(piece.interval);
            by_kind[{day, s.kind}].push_back(piece.interval);
        }
    }
    exec("BEGIN");
    sqlite3_stmt* put_creator = prepare(db_, "INSERT INTO day_creator VALUES (?1, ?2, ?3)");
    for (auto& [key, intervals] : by_creator) {
        sqlite3_bind_int64(put_creator, 1, key.first);
        sqlite3_bind_int(put_creator, 2, key.second);
        sqlite3_bind_int64(put_creator, 3, core::union_length_ms(std::move(intervals)));
        step_done(db_, put_creator);
    }
    sqlite3_finalize(put_creator);
    creator_day_rows_ = by_creator.size();
    sqlite3_stmt* put_day =
        prepare(db_,
                "INSERT INTO day_total VALUES (?1, ?2, ?3) ON CONFLICT (day) DO UPDATE SET "
                "creator_ms = creator_ms + excluded.creator_ms, "
                "connection_ms = connection_ms + excluded.connection_ms");
    for (auto& [key, intervals] : by_kind) {
        const core::Instant ms = core::union_length_ms(std::move(intervals));
        const bool creator = key.second == core::SpanKind::creator;
        sqlite3_bind_int64(put_day, 1, key.first);
        sqlite3_bind_int64(put_day, 2, creator ? ms : 0);
        sqlite3_bind_int64(put_day, 3, creator ? 0 : ms);
        step_done(db_, put_day);
    }
    sqlite3_finalize(put_day);
    exec("COMMIT");

    days_ = prepare(db_,
                    "SELECT day, creator_ms, connection_ms FROM day_total "
                    "WHERE day BETWEEN ?1 AND ?2");
    creators_ = prepare(db_,
                        "SELECT creator_id, sum(ms), count(*) FROM day_creator "
                        "WHERE day BETWEEN ?1 AND ?2 GROUP BY creator_id ORDER BY 2 DESC");
}

RollupProbe::~RollupProbe() {
    sqlite3_finalize(days_);
    sqlite3_finalize(creators_);
    sqlite3_close(db_);
}

void RollupProbe::exec(const char* sql) {
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("rollup probe: ") + sqlite3_errmsg(db_));
    }
}

std::size_t RollupProbe::read(core::LocalDate from, core::LocalDate to) {
    std::size_t rows = 0;
    std::int64_t sink = 0;
    exec("BEGIN");
    for (sqlite3_stmt* statement : {days_, creators_}) {
        sqlite3_bind_int64(statement, 1, from.to_days());
        sqlite3_bind_int64(statement, 2, to.to_days());
        while (sqlite3_step(statement) == SQLITE_ROW) {
            sink += sqlite3_column_int64(statement, 1);
            ++rows;
        }
        sqlite3_reset(statement);
    }
    exec("COMMIT");
    return rows + static_cast<std::size_t>(sink < 0);
}

}  // namespace parasol::bench
