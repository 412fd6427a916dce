#pragma once
// Credentials (the digest's SMTP password, a webhook token), kept apart from
// the settings document so settings.get never shows them back. The database
// file is private to its user (0600, in a 0700 folder); values are never
// logged.
#include <optional>
#include <string>

#include "store/database.hpp"

namespace parasol::store {

class SecretStore {
public:
    explicit SecretStore(Database& db) : db_(db) {}
    void put(const std::string& name, const std::string& value);
    void remove(const std::string& name);
    std::optional<std::string> get(const std::string& name);
    bool has(const std::string& name) { return get(name).has_value(); }

private:
    Database& db_;
};

}  // namespace parasol::store
