#include "store/creator_row.hpp"

namespace parasol::store {

core::CreatorRecord read_creator(const SQLite::Statement& row, int first) {
    core::CreatorRecord creator;
    creator.key.platform = row.getColumn(first).getString();
    creator.key.handle = row.getColumn(first + 1).getString();
    const auto label = row.getColumn(first + 2);
    creator.label = label.isNull() ? creator.key.handle : label.getString();
    creator.followed = row.getColumn(first + 3).getInt() != 0;
    if (const auto since = row.getColumn(first + 4); !since.isNull()) {
        creator.followed_since = since.getInt64();
    }
    if (const auto budget = row.getColumn(first + 5); !budget.isNull()) {
        creator.daily_budget_min = budget.getInt();
    }
    return creator;
}

CreatorUpsert::CreatorUpsert(SQLite::Database& sql)
    : statement_(sql,
                 "INSERT INTO creators (platform, handle, label) VALUES (?1, ?2, ?3) "
                 "ON CONFLICT (platform, handle) DO UPDATE SET label = "
                 "coalesce(excluded.label, creators.label) "
                 "RETURNING id") {}

std::int64_t CreatorUpsert::operator()(const core::CreatorKey& key,
                                       const std::optional<std::string>& label) {
    statement_.reset();
    statement_.bind(1, key.platform);
    statement_.bind(2, key.handle);
    if (label) {
        statement_.bind(3, *label);
    } else {
        statement_.bind(3);
    }
    statement_.executeStep();
    const std::int64_t id = statement_.getColumn(0).getInt64();
    statement_.reset();
    return id;
}

}  // namespace parasol::store
