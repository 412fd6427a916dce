#pragma once
// The SQLite file: opening with the right pragmas (busy_timeout first), the
// user_version migration ladder, corrupt-file recovery, write transactions.
#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

namespace parasol::store {

// Storage can't be written now (locked past the busy timeout, disk full,
// read-only). Nothing was changed; the caller may retry.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Where the store reports what a user or developer may need to know
// (e.g. "moved corrupt database aside to ..."). Implemented in app/.
class StoreLog {
public:
    virtual ~StoreLog() = default;
    virtual void info(const std::string& line) = 0;
    virtual void warn(const std::string& line) = 0;
};

class Database {
public:
    // Opens (creating with mode 0600 if needed) and migrates `file`. Safe when
    // several processes open a new file at the same instant. A file that is
    // not a database, or fails quick_check, is renamed to
    // "<file>.corrupt-<timestamp>" and a fresh one made, with a warn() line.
    // ":memory:" opens a private in-memory database (tests).
    static std::unique_ptr<Database> open(const std::filesystem::path& file, StoreLog& log);

    // Runs `work` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws.
    // SQLITE_BUSY/LOCKED/FULL/READONLY/IOERR become StoreUnavailable.
    void write(const std::function<void(SQLite::Database&)>& work);
    // Runs `work` in a read transaction (a consistent snapshot).
    void read(const std::function<void(SQLite::Database&)>& work);

    SQLite::Database& sql() { return db_; }
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

    static constexpr int kBusyTimeoutMs = 5000;

    Database(SQLite::Database db, std::filesystem::path file);

private:
    SQLite::Database db_;
    std::filesystem::path file_;
};

}  // namespace parasol::store
