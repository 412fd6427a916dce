#pragma once
#include <optional>
#include <vector>

#include "core/activity.hpp"
#include "store/database.hpp"

namespace parasol::store {

class CreatorStore {
public:
    explicit CreatorStore(Database& db) : db_(db) {}

    std::optional<core::CreatorRecord> find(const core::CreatorKey& key);
    // Creates the creator if new; sets followed (keeping followed_since if
    // already followed); updates the label when given.
    core::CreatorRecord follow(const core::CreatorKey& key, const std::optional<std::string>& label,
                               core::Instant now);
    bool unfollow(const core::CreatorKey& key);  // false: never seen
    // nullopt: never seen. `budget` outer optional = "not given".
    std::optional<core::CreatorRecord> update(const core::CreatorKey& key,
                                              const std::optional<std::string>& label,
                                              const std::optional<std::optional<int>>& budget);
    // Erases the creator, its spans and marks; nullopt if never seen, else spans deleted.
    std::optional<long long> forget(const core::CreatorKey& key);
    std::vector<core::CreatorRecord> all();

private:
    Database& db_;
};

}  // namespace parasol::store
