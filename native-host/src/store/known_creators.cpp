#include "store/known_creators.hpp"

#include "store/creator_row.hpp"
#include "store/statement_use.hpp"

namespace parasol::store {

std::size_t KnownCreators::Hash::operator()(const KeyView& k) const noexcept {
    const std::size_t h = std::hash<std::string_view>{}(k.platform);
    return h ^
           (std::hash<std::string_view>{}(k.handle) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

SQLite::Statement& KnownCreators::prepared(std::optional<SQLite::Statement>& slot,
                                           SQLite::Database& sql, const std::string& text) {
    if (!slot) {
        slot.emplace(sql, text);
    }
    return *slot;
}

const KnownCreator& KnownCreators::resolve(SQLite::Database& sql, const std::string& platform,
                                           const std::string& handle,
                                           const std::optional<std::string>& label,
                                           bool& relabelled) {
    relabelled = false;
    if (auto it = by_key_.find(KeyView{platform, handle}); it != by_key_.end()) {
        if (label && it->second.stored_label != label) {
            relabel(sql, it->second, *label);
            relabelled = true;
        }
        return it->second;
    }
    if (by_key_.size() >= kMaxKnown) {
        by_key_.clear();
    }

    KnownCreator known;
    // The row as stored, or a new one. Label IS NULL tells "no label yet"
    // apart from a label equal to the handle.
    SQLite::Statement& find = prepared(find_, sql,
                                       std::string("SELECT id, label IS NULL, ") + kCreatorColumns +
                                           " FROM creators WHERE platform = ?1 AND handle = ?2");
    {
        const StatementUse use(find);
        find.bindNoCopy(1, platform);
        find.bindNoCopy(2, handle);
        if (find.executeStep()) {
            known.row = find.getColumn(0).getInt64();
            known.record = read_creator(find, 2);
            if (find.getColumn(1).getInt() == 0) {
                known.stored_label = known.record.label;
            }
        }
    }
    if (known.row == 0) {
        SQLite::Statement& insert =
            prepared(insert_, sql,
                     std::string("INSERT INTO creators (platform, handle, label) VALUES "
                                 "(?1, ?2, ?3) RETURNING id, ") +
                         kCreatorColumns);
        const StatementUse use(insert);
        insert.bindNoCopy(1, platform);
        insert.bindNoCopy(2, handle);
        if (label) {
            insert.bindNoCopy(3, *label);
        } else {
            insert.bind(3);
        }
        insert.executeStep();  // RETURNING: always one row
        known.row = insert.getColumn(0).getInt64();
        known.record = read_creator(insert, 1);
        known.stored_label = label;
    } else if (label && known.stored_label != label) {
        relabel(sql, known, *label);
        relabelled = true;
    }
    auto [it, added] = by_key_.emplace(Key{platform, handle}, std::move(known));
    return it->second;
}

void KnownCreators::relabel(SQLite::Database& sql, KnownCreator& known, const std::string& label) {
    SQLite::Statement& update =
        prepared(relabel_, sql, "UPDATE creators SET label = ?2 WHERE id = ?1");
    const StatementUse use(update);
    update.bind(1, known.row);
    update.bindNoCopy(2, label);
    update.exec();
    known.stored_label = label;
    known.record.label = label;
}

}  // namespace parasol::store
