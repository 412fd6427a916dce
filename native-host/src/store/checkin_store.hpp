#pragma once
#include <map>
#include <vector>

#include "core/activity.hpp"
#include "store/database.hpp"

namespace parasol::store {

class CheckinStore {
public:
    explicit CheckinStore(Database& db) : db_(db) {}
    void put(const core::Checkin& checkin);  // replaces that date's check-in
    std::vector<core::Checkin> between(core::LocalDate from, core::LocalDate to);  // inclusive
    std::map<core::LocalDate, int> social_minutes(core::LocalDate from, core::LocalDate to);

private:
    Database& db_;
};

// Settings are kept as one opaque text document (the service encodes it);
// the store never interprets it.
class SettingsStore {
public:
    explicit SettingsStore(Database& db) : db_(db) {}
    std::optional<std::string> load();
    void save(const std::string& document);

private:
    Database& db_;
};

// data.erase: every table emptied, then VACUUM.
void erase_everything(Database& db);

// A daily copy with SQLite's online backup API: "<dir>/backups/parasol-YYYY-MM-DD.db",
// at most one a local day, the newest `keep` kept. Returns the path written, if any.
std::optional<std::filesystem::path> backup_if_due(Database& db, const std::string& today,
                                                   int keep, StoreLog& log);

}  // namespace parasol::store
