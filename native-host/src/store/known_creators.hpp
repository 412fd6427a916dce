#pragma once
// The creators one connection has written spans or marks for, by key: their
// row id and stored label, so that recording a span reads or writes the
// creators table only the first time a creator is seen, or when a span
// brings it a new label. Not thread-safe; owned by one SpanStore.
//
// It is exact only while nothing else changes the creators table: the owner
// clears it whenever Database::content_version() says something might have.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/activity.hpp"

namespace parasol::store {

struct KnownCreator {
    std::int64_t row = 0;
    std::optional<std::string> stored_label;  // the column as stored (NULL: none yet)
    core::CreatorRecord record;               // record.label falls back to the handle
};

class KnownCreators {
public:
    // More than this many creators and the map starts again: it serves the
    // creators being recorded now, not a directory of every one ever seen.
    static constexpr std::size_t kMaxKnown = 4096;

    // The creator's row, inserted if new. A given label that differs from the
    // stored one replaces it (`relabelled` is then true); an absent label
    // keeps the stored one. Run inside a write transaction. The reference is
    // valid until the next call or clear().
    const KnownCreator& resolve(SQLite::Database& sql, const std::string& platform,
                                const std::string& handle, const std::optional<std::string>& label,
                                bool& relabelled);

    void clear() { by_key_.clear(); }

private:
    struct Key {
        std::string platform;
        std::string handle;
    };
    struct KeyView {
        std::string_view platform;
        std::string_view handle;
    };
    // Transparent, so a lookup needs no copy of the span's strings.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(const KeyView& k) const noexcept;
        std::size_t operator()(const Key& k) const noexcept { return (*this)(view(k)); }
    };
    struct Equal {
        using is_transparent = void;
        template <typename A, typename B>
        bool operator()(const A& a, const B& b) const noexcept {
            return view(a).platform == view(b).platform && view(a).handle == view(b).handle;
        }
    };
    static KeyView view(const KeyView& k) { return k; }
    static KeyView view(const Key& k) { return {k.platform, k.handle}; }

    void relabel(SQLite::Database& sql, KnownCreator& known, const std::string& label);
    SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, SQLite::Database& sql,
                                const std::string& text);

    std::unordered_map<Key, KnownCreator, Hash, Equal> by_key_;
    std::optional<SQLite::Statement> find_;
    std::optional<SQLite::Statement> insert_;
    std::optional<SQLite::Statement> relabel_;
};

}  // namespace parasol::store
