#include "store/settings_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace parasol::store {

std::optional<std::string> SettingsStore::load() {
    std::optional<std::string> document;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql, "SELECT document FROM settings WHERE id = 1");
        if (query.executeStep()) {
            document = query.getColumn(0).getString();
        }
    });
    return document;
}

void SettingsStore::save(const std::string& document) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement replace(sql,
                                  "INSERT OR REPLACE INTO settings (id, document) VALUES (1, ?1)");
        replace.bind(1, document);
        replace.exec();
    });
}

}  // namespace parasol::store
