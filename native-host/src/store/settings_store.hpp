#pragma once
// Settings are kept as one opaque text document (the service encodes it);
// the store never interprets it.
#include <optional>
#include <string>

#include "store/database.hpp"

namespace parasol::store {

class SettingsStore {
public:
    explicit SettingsStore(Database& db) : db_(db) {}
    std::optional<std::string> load();  // nullopt: never saved (or erased): use the defaults
    void save(const std::string& document);

private:
    Database& db_;
};

}  // namespace parasol::store
