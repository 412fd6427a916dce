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

}  // namespace parasol::store
