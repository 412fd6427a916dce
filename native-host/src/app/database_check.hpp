#pragma once
// Doctor's look at parasol.db: a copy is opened the way the host opens it and
// read whole (store::Database::find_damage, SQLite's integrity_check), so
// the check never moves, migrates or locks the user's own file.
#include <filesystem>
#include <optional>
#include <string>

#include "store/digest_outbox.hpp"

namespace parasol::app {

struct DatabaseCheck {
    enum class Verdict { absent, sound, damaged, unusable };
    Verdict verdict = Verdict::absent;
    std::string detail;  // what SQLite or the store said
    // The newest row of the digest outbox, read from the same copy (sound
    // databases only); nullopt when no digest was ever queued.
    std::optional<store::DigestRow> last_digest;
};

// `database` is the user's parasol.db; `scratch` an empty private folder for
// the copy.
DatabaseCheck check_database(const std::filesystem::path& database,
                             const std::filesystem::path& scratch);

}  // namespace parasol::app
