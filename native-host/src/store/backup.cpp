#include "store/backup.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/local_date.hpp"
#include "store/private_file.hpp"

namespace parasol::store {
namespace {

constexpr std::string_view kPrefix = "parasol-";
constexpr std::string_view kSuffix = ".db";

// "parasol-YYYY-MM-DD.db" and nothing else: other files in the folder are
// not ours to delete.
bool is_backup_name(const std::string& name) {
    constexpr std::size_t kLength = kPrefix.size() + 10 + kSuffix.size();
    return name.size() == kLength && name.starts_with(kPrefix) && name.ends_with(kSuffix) &&
           core::LocalDate::parse(name.substr(kPrefix.size(), 10)).has_value();
}

// Copies the whole database in one step, so the copy is one consistent
// snapshot even while other processes write.
void copy_database(Database& db, const std::filesystem::path& target) {
    create_private_file(target);
    db.maintain([&](SQLite::Database& source) {
        SQLite::Database copy(target.string(), SQLite::OPEN_READWRITE);
        const int result = SQLite::Backup(copy, source).executeStep();
        if (result != SQLITE_DONE) {  // BUSY or LOCKED are returned, not thrown
            throw SQLite::Exception("backup did not complete", result);
        }
        // A self-contained file: no -wal beside it when someone opens it.
        copy.exec("PRAGMA journal_mode = DELETE");
    });
}

void prune(const std::filesystem::path& folder, int keep, StoreLog& log) {
    std::vector<std::filesystem::path> backups;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.is_regular_file() && is_backup_name(entry.path().filename().string())) {
            backups.push_back(entry.path());
        }
    }
    // The names sort by date.
    std::sort(backups.begin(), backups.end(), std::greater<>());
    for (std::size_t i = static_cast<std::size_t>(keep); i < backups.size(); ++i) {
        std::filesystem::remove(backups[i]);
        log.info("deleted old backup " + backups[i].string());
    }
}

}  // namespace

std::optional<std::filesystem::path> backup_folder(const Database& db) {
    if (db.file() == ":memory:") {
        return std::nullopt;
    }
    return db.file().parent_path() / "backups";
}

std::optional<std::filesystem::path> backup_if_due(Database& db, const std::string& today, int keep,
                                                   StoreLog& log) {
    if (!core::LocalDate::parse(today)) {
        throw std::invalid_argument("backup_if_due: today must be a date \"YYYY-MM-DD\", got \"" +
                                    today + "\"");
    }
    if (keep < 1) {
        throw std::invalid_argument("backup_if_due: keep must be at least 1, got " +
                                    std::to_string(keep));
    }
    const auto folder = backup_folder(db);
    if (!folder) {
        return std::nullopt;
    }
    create_private_folder(*folder);
    const std::filesystem::path target =
        *folder / (std::string(kPrefix) + today + std::string(kSuffix));
    if (std::filesystem::exists(target)) {
        return std::nullopt;
    }
    // The full check runs here, once a day after a reply has gone out, rather
    // than at every open (database.hpp). A damaged file is not copied over
    // good backups, and pruning waits, so the last good copies survive.
    if (auto damage = db.find_damage()) {
        db.mark_damaged("the check before the daily backup found: " + *damage);
        throw DatabaseDamaged("the database " + db.file().string() +
                              " failed its check before the daily backup (" + *damage +
                              "); no backup was made and the older ones are kept; the next "
                              "start moves the file aside and begins a fresh one");
    }
    // Written under a name of its own, then renamed: a copy cut short never
    // passes for today's backup, and two hosts backing up at once don't mix.
    std::filesystem::path partial = target;
    partial += ".partial-" + std::to_string(std::random_device{}());
    try {
        copy_database(db, partial);
        std::filesystem::rename(partial, target);
    } catch (...) {
        std::error_code ignored;  // the copy's own error is the one to report
        std::filesystem::remove(partial, ignored);
        throw;
    }
    log.info("wrote backup " + target.string());
    prune(*folder, keep, log);
    return target;
}

}  // namespace parasol::store
