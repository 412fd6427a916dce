#include "store/erase.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>
#include <vector>

#include "store/backup.hpp"

namespace parasol::store {
namespace {

void set_foreign_keys(Database& db, bool on) {
    db.maintain([&](SQLite::Database& sql) {
        sql.exec(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
    });
}

void empty_every_table(Database& db) {
    db.write([](SQLite::Database& sql) {
        // Every table, so tables added by later migrations are erased too.
        std::vector<std::string> tables;
        SQLite::Statement list(sql,
                               "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
        while (list.executeStep()) {
            tables.push_back(list.getColumn(0).getString());
        }
        for (const std::string& table : tables) {
            sql.exec("DELETE FROM \"" + table + "\"");
        }
    });
}

void delete_backups(const Database& db) {
    const auto folder = backup_folder(db);
    if (!folder || !std::filesystem::is_directory(*folder)) {
        return;
    }
    for (const auto& entry : std::filesystem::directory_iterator(*folder)) {
        if (entry.path().filename().string().starts_with("parasol-")) {
            std::filesystem::remove(entry.path());
        }
    }
}

}  // namespace

void erase_everything(Database& db) {
    // Foreign keys off while emptying: once every table is empty none can
    // dangle, and SQLite then truncates each table instead of checking every
    // creator against its spans. (The pragma is a no-op inside a transaction.)
    set_foreign_keys(db, false);
    try {
        empty_every_table(db);
    } catch (...) {
        set_foreign_keys(db, true);
        throw;
    }
    set_foreign_keys(db, true);
    db.maintain([](SQLite::Database& sql) {
        sql.exec("VACUUM");
        sql.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    });
    delete_backups(db);
}

}  // namespace parasol::store
