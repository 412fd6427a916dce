#include "store/creator_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "store/creator_row.hpp"

namespace parasol::store {
namespace {

const std::string kSelectCreator = std::string("SELECT ") + kCreatorColumns + " FROM creators ";

void bind_key(SQLite::Statement& s, const core::CreatorKey& key) {
    s.bind(1, key.platform);
    s.bind(2, key.handle);
}

// Runs a statement that RETURNING kCreatorColumns; nullopt if no row matched.
std::optional<core::CreatorRecord> returned_creator(SQLite::Statement& s) {
    if (!s.executeStep()) {
        return std::nullopt;
    }
    return read_creator(s, 0);
}

int delete_children(SQLite::Database& sql, const std::string& table, std::int64_t creator) {
    SQLite::Statement erase(sql, "DELETE FROM " + table + " WHERE creator_id = ?1");
    erase.bind(1, creator);
    return erase.exec();
}

}  // namespace

std::optional<core::CreatorRecord> CreatorStore::find(const core::CreatorKey& key) {
    std::optional<core::CreatorRecord> found;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql, kSelectCreator + "WHERE platform = ?1 AND handle = ?2");
        bind_key(query, key);
        found = returned_creator(query);
    });
    return found;
}

core::CreatorRecord CreatorStore::follow(const core::CreatorKey& key,
                                         const std::optional<std::string>& label,
                                         core::Instant now) {
    std::optional<core::CreatorRecord> followed;
    db_.write([&](SQLite::Database& sql) {
        // In DO UPDATE, bare column names are the row before the update.
        SQLite::Statement upsert(
            sql,
            "INSERT INTO creators (platform, handle, label, followed, followed_since) "
            "VALUES (?1, ?2, ?3, 1, ?4) ON CONFLICT (platform, handle) DO UPDATE SET "
            "label = coalesce(excluded.label, label), "
            "followed_since = CASE WHEN followed = 1 THEN followed_since "
            "ELSE excluded.followed_since END, "
            "followed = 1 "
            "RETURNING " +
                std::string(kCreatorColumns));
        bind_key(upsert, key);
        if (label) {
            upsert.bind(3, *label);
        } else {
            upsert.bind(3);
        }
        upsert.bind(4, now);
        followed = returned_creator(upsert);
    });
    return followed.value();  // an upsert always returns its row
}

bool CreatorStore::unfollow(const core::CreatorKey& key) {
    int changed = 0;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement update(sql,
                                 "UPDATE creators SET followed = 0, followed_since = NULL "
                                 "WHERE platform = ?1 AND handle = ?2");
        bind_key(update, key);
        changed = update.exec();
    });
    return changed > 0;
}

std::optional<core::CreatorRecord> CreatorStore::update(
    const core::CreatorKey& key, const std::optional<std::string>& label,
    const std::optional<std::optional<int>>& budget) {
    std::optional<core::CreatorRecord> updated;
    db_.write([&](SQLite::Database& sql) {
        // ?3 / ?5: whether label / budget were given at all.
        SQLite::Statement update(
            sql,
            "UPDATE creators SET "
            "label = CASE WHEN ?3 THEN ?4 ELSE label END, "
            "daily_budget_min = CASE WHEN ?5 THEN ?6 ELSE daily_budget_min END "
            "WHERE platform = ?1 AND handle = ?2 RETURNING " +
                std::string(kCreatorColumns));
        bind_key(update, key);
        update.bind(3, label ? 1 : 0);
        if (label) {
            update.bind(4, *label);
        }
        update.bind(5, budget ? 1 : 0);
        if (budget && *budget) {
            update.bind(6, **budget);
        }
        updated = returned_creator(update);
    });
    return updated;
}

std::optional<long long> CreatorStore::forget(const core::CreatorKey& key) {
    std::optional<long long> deleted_spans;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement find(sql, "SELECT id FROM creators WHERE platform = ?1 AND handle = ?2");
        bind_key(find, key);
        if (!find.executeStep()) {
            return;
        }
        const std::int64_t id = find.getColumn(0).getInt64();
        // Children first, so the creator's row is free to go.
        deleted_spans = delete_children(sql, "spans", id);
        delete_children(sql, "marks", id);
        SQLite::Statement erase(sql, "DELETE FROM creators WHERE id = ?1");
        erase.bind(1, id);
        erase.exec();
    });
    return deleted_spans;
}

std::vector<core::CreatorRecord> CreatorStore::all() {
    std::vector<core::CreatorRecord> creators;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql, kSelectCreator + "ORDER BY platform, handle");
        while (query.executeStep()) {
            creators.push_back(read_creator(query, 0));
        }
    });
    return creators;
}

}  // namespace parasol::store
