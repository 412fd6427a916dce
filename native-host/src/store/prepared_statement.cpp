#include "store/prepared_statement.hpp"

#include <SQLiteCpp/Exception.h>

namespace parasol::store {

PreparedStatement::PreparedStatement(SQLite::Database& db, const std::string& sql)
    : db_(db.getHandle()) {
    // PERSISTENT: kept for the life of the connection, so SQLite may put it
    // in memory that is not meant for short-lived statements.
    const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                      SQLITE_PREPARE_PERSISTENT, &statement_, nullptr);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(db_, rc);
    }
}

PreparedStatement::~PreparedStatement() {
    sqlite3_finalize(statement_);
}

void PreparedStatement::Run::check(int rc) const {
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(s_.db_, rc);
    }
}

void PreparedStatement::Run::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(s_.statement_, index, value));
}

void PreparedStatement::Run::bind_null(int index) {
    check(sqlite3_bind_null(s_.statement_, index));
}

void PreparedStatement::Run::bind_text(int index, std::string_view text) {
    check(sqlite3_bind_text(s_.statement_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_STATIC));
}

bool PreparedStatement::Run::step() {
    const int rc = sqlite3_step(s_.statement_);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    throw SQLite::Exception(s_.db_, rc);
}

}  // namespace parasol::store
