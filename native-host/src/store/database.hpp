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
// read-only, missing folder). Nothing was changed; the caller may retry.
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
    static constexpr int kBusyTimeoutMs = 5000;

    // Opens (creating with mode 0600 if needed) and migrates `file`. Safe when
    // several processes open a new file at the same instant. A file that is
    // not a database, or fails quick_check, is renamed to
    // "<file>.corrupt-<UTC timestamp>" (with its -wal and -shm) and a fresh one
    // made, with a warn() line. The folder must exist (StoreUnavailable if not).
    // ":memory:" opens a private in-memory database (tests).
    // Throws std::runtime_error for a schema newer than this build knows.
    static std::unique_ptr<Database> open(const std::filesystem::path& file, StoreLog& log,
                                          int busy_timeout_ms = kBusyTimeoutMs);

    // Runs `work` inside BEGIN IMMEDIATE ... COMMIT; rolls back if it throws.
    // SQLITE_BUSY/LOCKED/FULL/READONLY/IOERR/CANTOPEN (extended codes too)
    // become StoreUnavailable. No transaction is left open either way.
    // Called inside another write() on this Database (e.g. several record()
    // calls that must stand or fall together), `work` runs in a savepoint of
    // the outer transaction instead: undone alone if it throws, committed
    // only with the outer one.
    void write(const std::function<void(SQLite::Database&)>& work);
    // Runs `work` in a read transaction (a consistent snapshot); errors as write().
    void read(const std::function<void(SQLite::Database&)>& work);
    // Runs `work` outside any transaction (VACUUM, backups); errors as write().
    void maintain(const std::function<void(SQLite::Database&)>& work);

    SQLite::Database& sql() { return db_; }
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

    Database(SQLite::Database db, std::filesystem::path file, int busy_timeout_ms = kBusyTimeoutMs);

  private:
    void transaction(const char* begin, const std::function<void(SQLite::Database&)>& work);
    void mapping_errors(const std::function<void()>& work) const;

    SQLite::Database db_;
    std::filesystem::path file_;
    int busy_timeout_ms_;
};

}  // namespace parasol::store
