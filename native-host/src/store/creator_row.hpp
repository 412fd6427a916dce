#pragma once
// A creators row as a CreatorRecord. Shared by the stores that read or join
// creators.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "core/activity.hpp"

namespace parasol::store {

// The columns read_creator expects, in order, for a query on creators alone
// (also usable in RETURNING). Joined queries list them with their alias.
inline constexpr const char* kCreatorColumns =
    "platform, handle, label, followed, followed_since, daily_budget_min";

// Reads the kCreatorColumns starting at column `first` of the current row.
core::CreatorRecord read_creator(const SQLite::Statement& row, int first);

}  // namespace parasol::store
