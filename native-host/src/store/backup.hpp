#pragma once
#include <filesystem>
#include <optional>
#include <string>

#include "store/database.hpp"

namespace parasol::store {

// "<db folder>/backups"; nullopt for an in-memory database.
std::optional<std::filesystem::path> backup_folder(const Database& db);

// A daily copy with SQLite's online backup API: "<dir>/backups/parasol-YYYY-MM-DD.db"
// (0600, folder 0700), at most one a local day (`today`, "YYYY-MM-DD"), the
// newest `keep` (>= 1) kept and older ones deleted. Logs info() for each file
// written or deleted. Returns the path written, if any (nullopt: already done
// today, or in-memory). Throws StoreUnavailable if the copy can't be made now.
// Checks the whole file first (Database::find_damage): a damaged one throws
// DatabaseDamaged, writes no copy, deletes no older one, and leaves the
// marker that makes the next Database::open move the file aside.
std::optional<std::filesystem::path> backup_if_due(Database& db, const std::string& today, int keep,
                                                   StoreLog& log);

}  // namespace parasol::store
