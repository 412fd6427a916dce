#pragma once
// A creators row as a CreatorRecord, and the creator a span or mark refers
// to, made on first sight. Shared by the stores that write or join creators.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/activity.hpp"

namespace parasol::store {

// The columns read_creator expects, in order, for a query on creators alone
// (also usable in RETURNING). Joined queries list them with their alias.
inline constexpr const char* kCreatorColumns =
    "platform, handle, label, followed, followed_since, daily_budget_min";

// Reads the kCreatorColumns starting at column `first` of the current row.
core::CreatorRecord read_creator(const SQLite::Statement& row, int first);

// The creator's row id, inserting the creator if new. A given label replaces
// the stored one; an absent label keeps it. One prepared statement, reused.
class CreatorUpsert {
  public:
    explicit CreatorUpsert(SQLite::Database& sql);
    std::int64_t operator()(const core::CreatorKey& key, const std::optional<std::string>& label);

  private:
    SQLite::Statement statement_;
};

}  // namespace parasol::store
