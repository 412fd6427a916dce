#include "store/database.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <optional>
#include <utility>

#include "store/migrations.hpp"
#include "store/private_file.hpp"
#include "store/statement_use.hpp"

namespace parasol::store {
namespace {

constexpr const char* kMemory = ":memory:";

// The file is there but can't be trusted: not a database, or damaged.
class CorruptDatabase : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Why storage is unavailable for an error a caller may retry later; nullopt
// for errors that are bugs or damage. Extended codes reduce to their primary.
std::optional<std::string> unavailable_reason(const SQLite::Exception& e, int busy_timeout_ms) {
    switch (e.getErrorCode() & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "the database is locked by another process (gave up after " +
                   std::to_string(busy_timeout_ms) + " ms)";
        case SQLITE_FULL:
            return "the disk is full (or the database reached its size limit)";
        case SQLITE_READONLY:
            return "the database is read-only";
        case SQLITE_IOERR:
            return "a disk input/output error occurred";
        case SQLITE_CANTOPEN:
            return "the database file can't be opened";
        default:
            return std::nullopt;
    }
}

bool is_corruption(const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    return code == SQLITE_NOTADB || code == SQLITE_CORRUPT;
}

// "20261125T093000Z": sorts by time and is a valid file name everywhere.
std::string utc_stamp() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day date{day};
    const hh_mm_ss time{now - day};
    char text[32];
    std::snprintf(text, sizeof text, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

// Renames the file and its -wal/-shm so they stay together (SQLite can still
// open the moved copy with its WAL). Returns the new path of the file.
std::filesystem::path move_aside(const std::filesystem::path& file) {
    const std::string base = file.string() + ".corrupt-" + utc_stamp();
    std::filesystem::path target = base;
    for (int n = 2; std::filesystem::exists(target); ++n) {
        target = base + "-" + std::to_string(n);
    }
    std::filesystem::rename(file, target);
    for (const char* suffix : {"-wal", "-shm"}) {
        const std::filesystem::path side = file.string() + suffix;
        if (std::filesystem::exists(side)) {
            std::filesystem::rename(side, target.string() + suffix);
        }
    }
    return target;
}

// On a failed open the connection closes without checkpointing into the
// file or deleting its WAL, so a damaged file is moved aside as it was found.
void keep_files_on_close(SQLite::Database& sql) {
    int on = 1;
    sqlite3_db_config(sql.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                      static_cast<int*>(nullptr));
    sqlite3_file_control(sql.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

// Switching a new file to WAL needs it alone for a moment, and SQLite
// returns SQLITE_BUSY for that without calling the busy handler: when several
// processes open a new file together, retry until the busy timeout.
void enable_wal(SQLite::Database& sql, int busy_timeout_ms) {
    constexpr int kPauseMs = 5;
    for (int waited = 0;; waited += kPauseMs) {
        try {
            if (sql.execAndGet("PRAGMA journal_mode = WAL").getString() == "wal") {
                return;
            }
        } catch (const SQLite::Exception& e) {
            if ((e.getErrorCode() & 0xff) != SQLITE_BUSY || waited >= busy_timeout_ms) {
                throw;
            }
        }
        if (waited >= busy_timeout_ms) {
            throw SQLite::Exception("could not switch the database to WAL mode", SQLITE_BUSY);
        }
        sqlite3_sleep(kPauseMs);
    }
}

void set_pragmas(SQLite::Database& sql, bool in_memory, int busy_timeout_ms) {
    if (!in_memory) {  // an in-memory database keeps its "memory" journal
        enable_wal(sql, busy_timeout_ms);
    }
    sql.exec("PRAGMA synchronous = NORMAL");
    sql.exec("PRAGMA foreign_keys = ON");
    // creators.forget and data.erase promise every trace is gone: zero
    // deleted content instead of leaving it in free pages.
    sql.exec("PRAGMA secure_delete = ON");
    // Parses the whole schema (SQLITE_CORRUPT if it can't be), touching
    // nothing else: the cheap part of a check, on every open.
    sql.execAndGet("SELECT count(*) FROM sqlite_schema");
}

std::filesystem::path marker_of(const std::filesystem::path& file) {
    return file.string() + ".damaged";
}

std::string read_marker(const std::filesystem::path& marker) {
    std::ifstream in(marker);
    std::string why;
    std::getline(in, why);
    return why.empty() ? "no reason recorded" : why;
}

// Opens, sets the pragmas, migrates, and with `full_check` (a damage marker
// was found) reads every page. Throws CorruptDatabase for a file that must be
// moved aside, StoreUnavailable for one that can't be used now.
std::unique_ptr<Database> connect(const std::filesystem::path& file, int busy_timeout_ms,
                                  bool full_check) {
    try {
        if (file != kMemory) {
            create_private_file(file);
        }
        // The constructor sets busy_timeout before any statement runs, so even
        // the pragmas below wait for a process that holds the file.
        auto db = std::make_unique<Database>(
            SQLite::Database(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                             busy_timeout_ms),
            file, busy_timeout_ms);
        try {
            set_pragmas(db->sql(), file == kMemory, busy_timeout_ms);
            if (full_check) {
                if (auto damage = db->find_damage()) {
                    throw CorruptDatabase("quick_check: " + *damage);
                }
            }
            migrate(*db);
        } catch (...) {
            keep_files_on_close(db->sql());
            throw;
        }
        return db;
    } catch (const SQLite::Exception& e) {
        if (is_corruption(e)) {
            throw CorruptDatabase(e.what());
        }
        if (auto reason = unavailable_reason(e, busy_timeout_ms)) {
            throw StoreUnavailable("can't open the database " + file.string() + ": " + *reason +
                                   " (" + e.what() + ")");
        }
        throw;
    }
}

}  // namespace

Database::Database(SQLite::Database db, std::filesystem::path file, int busy_timeout_ms)
    : db_(std::move(db)), file_(std::move(file)), busy_timeout_ms_(busy_timeout_ms) {}

std::unique_ptr<Database> Database::open(const std::filesystem::path& file, StoreLog& log,
                                         int busy_timeout_ms) {
    if (file != kMemory) {
        const std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
        std::error_code ignored;  // any failure to stat means "not a usable folder"
        if (!std::filesystem::is_directory(folder, ignored)) {
            throw StoreUnavailable("can't open the database " + file.string() + ": the folder " +
                                   folder.string() + " does not exist");
        }
    }
    const std::filesystem::path marker = marker_of(file);
    std::error_code ignored;  // can't tell: no marker, no full check
    const bool suspect = file != kMemory && std::filesystem::exists(marker, ignored);
    try {
        auto db = connect(file, busy_timeout_ms, suspect);
        if (suspect) {
            log.info("the database " + file.string() + " passed the full check asked for by " +
                     marker.string() + " (" + read_marker(marker) + ")");
            std::filesystem::remove(marker, ignored);  // one left behind costs one more check
        }
        return db;
    } catch (const CorruptDatabase& e) {
        if (file == kMemory) {
            throw;
        }
        const std::string why = suspect ? read_marker(marker) + "; then " + e.what() : e.what();
        const std::filesystem::path moved = move_aside(file);
        std::filesystem::remove(marker, ignored);  // it spoke of the file just moved
        log.warn("the database " + file.string() + " is damaged (" + why + "); moved it to " +
                 moved.string() + " and started a fresh one");
        // A fresh file that is corrupt too is not ours to fix: let it throw.
        return connect(file, busy_timeout_ms, false);
    }
}

Database::ContentVersion Database::content_version() {
    if (!data_version_) {
        data_version_.emplace(db_, "PRAGMA data_version");
    }
    ContentVersion version;
    mapping_errors([&] {
        const StatementUse use(*data_version_);
        data_version_->executeStep();
        version.others = data_version_->getColumn(0).getInt64();
    });
    version.ours = sqlite3_total_changes64(db_.getHandle());
    version.undone = undone_;
    return version;
}

std::optional<std::string> Database::find_damage(Scrutiny scrutiny) {
    std::optional<std::string> found;
    maintain([&](SQLite::Database& sql) {
        // quick_check skips integrity_check's index-against-table match: a
        // bad index is rebuilt by REINDEX, not lost data, and not worth N log N
        // on every open after a crash.
        SQLite::Statement check(sql, scrutiny == Scrutiny::full ? "PRAGMA integrity_check(10)"
                                                                : "PRAGMA quick_check(10)");
        std::string lines;
        while (check.executeStep()) {
            const std::string line = check.getColumn(0).getString();
            if (line == "ok") {
                break;
            }
            lines += (lines.empty() ? "" : "; ") + line;
        }
        if (!lines.empty()) {
            found = lines;
        }
    });
    return found;
}

std::filesystem::path Database::damage_marker() const {
    return marker_of(file_);
}

void Database::mark_damaged(const std::string& why) const noexcept {
    if (file_ == kMemory) {
        return;
    }
    try {
        const std::filesystem::path marker = damage_marker();
        create_private_file(marker);
        std::ofstream out(marker, std::ios::trunc);
        out << why << "\n";
    } catch (...) {
        // Only a check not made at the next open; the caller reports the damage.
    }
}

void Database::write(const std::function<void(SQLite::Database&)>& work) {
    transaction("BEGIN IMMEDIATE", work);
}

void Database::read(const std::function<void(SQLite::Database&)>& work) {
    transaction("BEGIN", work);
}

void Database::maintain(const std::function<void(SQLite::Database&)>& work) {
    ++undone_;  // VACUUM and friends: whatever a cache read before, read it again
    mapping_errors([&] { work(db_); });
}

void Database::transaction(const char* begin, const std::function<void(SQLite::Database&)>& work) {
    // Inside another write() or read() of this connection, `work` runs in a
    // savepoint: all or nothing itself, and the outer transaction decides.
    const bool nested = sqlite3_get_autocommit(db_.getHandle()) == 0;
    const char* start = nested ? "SAVEPOINT nested" : begin;
    const char* finish = nested ? "RELEASE nested" : "COMMIT";
    const char* undo = nested ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK";
    mapping_errors([&] {
        db_.exec(start);  // if this fails there is nothing to undo
        try {
            work(db_);
            db_.exec(finish);
        } catch (...) {
            ++undone_;  // rows counted in total_changes may be gone again
            // SQLite may already have rolled back (e.g. on SQLITE_FULL).
            if (sqlite3_get_autocommit(db_.getHandle()) == 0) {
                try {
                    db_.exec(undo);
                } catch (const SQLite::Exception&) {
                    // The error being propagated is the one to report.
                }
            }
            throw;
        }
    });
}

void Database::mapping_errors(const std::function<void()>& work) const {
    try {
        work();
    } catch (const SQLite::Exception& e) {
        if (is_corruption(e)) {
            mark_damaged("a statement failed with: " + std::string(e.what()));
        }
        if (auto reason = unavailable_reason(e, busy_timeout_ms_)) {
            throw StoreUnavailable("can't use the database " + file_.string() + ": " + *reason +
                                   " (" + e.what() + ")");
        }
        throw;
    }
}

}  // namespace parasol::store
