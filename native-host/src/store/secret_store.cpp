#include "store/secret_store.hpp"

#include <SQLiteCpp/Statement.h>

namespace parasol::store {

void SecretStore::put(const std::string& name, const std::string& value) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "INSERT OR REPLACE INTO secrets (name, value) VALUES (?1, ?2)");
        q.bind(1, name);
        q.bind(2, value);
        q.exec();
    });
}

void SecretStore::remove(const std::string& name) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "DELETE FROM secrets WHERE name = ?1");
        q.bind(1, name);
        q.exec();
    });
}

std::optional<std::string> SecretStore::get(const std::string& name) {
    std::optional<std::string> value;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement q(sql, "SELECT value FROM secrets WHERE name = ?1");
        q.bind(1, name);
        if (q.executeStep()) value = q.getColumn(0).getString();
    });
    return value;
}

}  // namespace parasol::store
