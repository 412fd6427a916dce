#pragma once
// The SQLite file: opening with the right pragmas (busy_timeout first), the
// user_version migration ladder, corrupt-file recovery, write transactions.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
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
    // not a database (SQLITE_NOTADB) or whose schema can't be read
    // (SQLITE_CORRUPT reading sqlite_schema or user_version) is renamed to
    // "<file>.corrupt-<UTC timestamp>" (with its -wal and -shm) and a fresh one
    // made, with a warn() line. The folder must exist (StoreUnavailable if not).
    // ":memory:" opens a private in-memory database (tests).
    // Throws std::runtime_error for a schema newer than this build knows.
    //
    // Open reads only the header and the schema: a full check reads every
    // page (10 ms for a year of use, growing with the history), too much for
    // every start of a host the browser spawns. Deeper damage is found where
    // it costs no one: find_damage() before each daily backup, and any
    // SQLITE_CORRUPT a statement meets later. Either leaves a marker,
    // "<file>.damaged" (holding why); the next open that sees it runs the full
    // check first and, if the damage is real, moves the file aside as above
    // (a clean check removes the marker).
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

    // What a cache of rows read from this connection needs to know whether
    // they may have changed since. Equal versions (taken inside read() or
    // write(), where the snapshot is fixed) mean no row has changed in
    // between: `others` is PRAGMA data_version (moves when another connection
    // commits), `ours` counts rows this connection changed
    // (sqlite3_total_changes64), and `undone` counts this connection's
    // rollbacks and maintain() calls, which can take back rows `ours` counted.
    struct ContentVersion {
        std::int64_t others = 0;
        std::int64_t ours = 0;
        std::uint64_t undone = 0;
        friend bool operator==(const ContentVersion&, const ContentVersion&) = default;
    };
    // Call inside read() or write(); a few microseconds (one cached statement).
    ContentVersion content_version();

    // How hard find_damage() looks. quick: PRAGMA quick_check, every page,
    // b-tree and record format (10 ms a year of use), for the checks made
    // on the way (opening after a crash, before each backup). full: PRAGMA
    // integrity_check, which also matches every index against its table
    // (N log N), for `parasol doctor`.
    enum class Scrutiny { quick, full };
    // nullopt when the file is sound, else SQLite's first findings (at most
    // 10). Errors as write().
    std::optional<std::string> find_damage(Scrutiny scrutiny = Scrutiny::quick);
    // Leaves the "<file>.damaged" marker that makes the next open() check the
    // whole file (see open()). Best effort: a marker that can't be written is
    // only a check not made; nothing for ":memory:".
    void mark_damaged(const std::string& why) const noexcept;
    // "<file>.damaged".
    [[nodiscard]] std::filesystem::path damage_marker() const;

    Database(SQLite::Database db, std::filesystem::path file, int busy_timeout_ms = kBusyTimeoutMs);

private:
    void transaction(const char* begin, const std::function<void(SQLite::Database&)>& work);
    void mapping_errors(const std::function<void()>& work) const;

    SQLite::Database db_;
    std::filesystem::path file_;
    int busy_timeout_ms_;
    std::uint64_t undone_ = 0;
    std::optional<SQLite::Statement> data_version_;  // prepared on first use
};

// The file failed find_damage(): what SQLite found is in what().
class DatabaseDamaged : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace parasol::store
