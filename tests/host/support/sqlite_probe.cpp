#include "support/sqlite_probe.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace parasol::test {

namespace {

class ReadOnly {
public:
    explicit ReadOnly(const std::filesystem::path& file) {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw std::runtime_error("can't open " + file.string() + ": " + why);
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~ReadOnly() { sqlite3_close(db_); }
    ReadOnly(const ReadOnly&) = delete;
    ReadOnly& operator=(const ReadOnly&) = delete;

    std::string first_value(const std::string& sql) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
            throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
        }
        std::string value;
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            if (text != nullptr) value = reinterpret_cast<const char*>(text);
        } else if (rc != SQLITE_DONE) {
            const std::string why = sqlite3_errmsg(db_);
            sqlite3_finalize(stmt);
            throw std::runtime_error(sql + ": " + why);
        }
        sqlite3_finalize(stmt);
        return value;
    }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace

std::string sqlite_integrity(const std::filesystem::path& file) {
    try {
        return ReadOnly(file).first_value("PRAGMA integrity_check");
    } catch (const std::exception& e) {
        return e.what();
    }
}

std::string sqlite_value(const std::filesystem::path& file, const std::string& sql) {
    return ReadOnly(file).first_value(sql);
}

}  // namespace parasol::test
