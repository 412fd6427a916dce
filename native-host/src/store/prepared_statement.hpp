#pragma once
// A statement prepared once and run many times on one connection, through
// SQLite's C interface: no Column object (and shared_ptr copy) per value
// read, no copy of bound text. For the per-row paths (recording spans,
// reading a window of them); everything else uses SQLiteCpp.
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace parasol::store {

class PreparedStatement {
public:
    // Errors throw SQLite::Exception, as SQLiteCpp does, so Database maps them.
    PreparedStatement(SQLite::Database& db, const std::string& sql);
    ~PreparedStatement();
    PreparedStatement(const PreparedStatement&) = delete;
    PreparedStatement& operator=(const PreparedStatement&) = delete;

    // One run: bind, step, read; the statement is reset when the Run ends,
    // however it ends, so it never holds a snapshot open or keeps VACUUM
    // (data.erase) from running.
    class Run {
    public:
        explicit Run(PreparedStatement& statement) : s_(statement) {}
        ~Run() { sqlite3_reset(s_.statement_); }  // a failed step has thrown already
        Run(const Run&) = delete;
        Run& operator=(const Run&) = delete;

        void bind(int index, std::int64_t value);
        void bind(int index, int value) { bind(index, std::int64_t{value}); }
        void bind_null(int index);
        // No copy: `text` must outlive the Run.
        void bind_text(int index, std::string_view text);
        // True while there is a row to read.
        bool step();
        [[nodiscard]] std::int64_t int64(int column) const {
            return sqlite3_column_int64(s_.statement_, column);
        }
        [[nodiscard]] int int32(int column) const {
            return sqlite3_column_int(s_.statement_, column);
        }
        [[nodiscard]] bool is_null(int column) const {
            return sqlite3_column_type(s_.statement_, column) == SQLITE_NULL;
        }

    private:
        void check(int rc) const;
        PreparedStatement& s_;
    };

private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

}  // namespace parasol::store
