#pragma once
// The raw limit the host is measured against: the same rows written into a
// table of the same shape (the store's own schema), with nothing but the
// SQLite C API: prepared statements, one transaction per batch, WAL and
// synchronous=NORMAL. No JSON, no validation, no upsert, no foreign keys:
// what SQLite alone costs on this machine.
#include <sqlite3.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <vector>

#include "core/activity.hpp"
#include "core/summary.hpp"

namespace parasol::bench {

class RawSpanTable {
public:
    // A new file with the store's schema (made by store::Database::open, then
    // closed), reopened plainly.
    static std::unique_ptr<RawSpanTable> create(const std::filesystem::path& file);
    // An existing database (e.g. the host's own file), for raw reads.
    static std::unique_ptr<RawSpanTable> open(const std::filesystem::path& file);

    ~RawSpanTable();
    RawSpanTable(const RawSpanTable&) = delete;
    RawSpanTable& operator=(const RawSpanTable&) = delete;

    // Plain INSERTs in one BEGIN IMMEDIATE ... COMMIT; a creator row is
    // inserted the first time this object sees it. Ids must be new.
    void insert_batch(std::span<const core::Span> spans);
    // The same, but idempotent by id in one statement a span (INSERT ... ON
    // CONFLICT (ext_id) DO UPDATE widening the stored span): the floor under
    // SpanStore::record's find-then-write, for new ids and for resends alike.
    void upsert_batch(std::span<const core::Span> spans);

    // SpanStore::kOverlapQuery without the creator join, rows into `out`
    // (creator = the raw creator_id). The floor under load_intervals.
    void read_intervals(core::Instant from, core::Instant to, std::vector<core::SpanInterval>& out);
    // Replaces read_intervals' query (same columns and parameters), and runs
    // any statement: to try other plans, pragmas or indexes on the same rows.
    void use_read_query(const char* sql);
    void exec(const char* sql);

private:
    explicit RawSpanTable(const std::filesystem::path& file);
    void close();
    void write_batch(sqlite3_stmt* statement, std::span<const core::Span> spans);
    sqlite3_stmt* prepare(const char* sql);
    void check(int rc, const char* what);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_span_ = nullptr;
    sqlite3_stmt* upsert_span_ = nullptr;
    sqlite3_stmt* insert_creator_ = nullptr;
    sqlite3_stmt* read_ = nullptr;
    std::map<core::CreatorKey, sqlite3_int64> creator_ids_;
};

}  // namespace parasol::bench
