#pragma once
// The schema as a user_version ladder: one function per step, each run in its
// own BEGIN IMMEDIATE transaction that re-reads user_version, so any number of
// processes opening a new file at once make the schema exactly once.
#include "store/database.hpp"

namespace parasol::store {

// The user_version this build creates and understands.
int schema_version();

// Brings `db` up to schema_version(). Throws std::runtime_error for a file
// made by a newer build (never downgrades or guesses).
void migrate(Database& db);

}  // namespace parasol::store
