#include "store/migrations.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace parasol::store {
namespace {

// Changelog (one line per step; a step is never edited once released):
//   1  creators, spans, marks, checkins, settings.
//   2  nudges: every nudge created, its delivery and the user's response.
//   3  digests (the trusted-friend outbox) and secrets (digest credentials).

// Step 1. Sized for a year of heavy use (100k+ spans) in well under 25 MiB:
// rowid tables with integer codes for enums (0 and 1 take no payload bytes),
// instants as integers, and only the indexes a query needs. Enum codes:
//   spans.kind       0 creator, 1 connection
//   spans.attention  0 focused, 1 audible
//   marks.what       0 spend, 1 chat
//   checkins.felt    1 chosen, 2 autopilot, 3 hard_to_stop
// A span is at most 24 h long (the CHECK), which lets the overlap query
// search spans_by_start for start >= from - 24 h. spans.creator_id and
// marks.creator_id have no index: only creators.forget needs one, and a scan
// there is cheaper than an index paid on every one of 100k rows.
void migration_1(SQLite::Database& sql) {
    sql.exec(R"sql(
        CREATE TABLE creators (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            handle TEXT NOT NULL,
            label TEXT,  -- NULL: show the handle
            followed INTEGER NOT NULL DEFAULT 0 CHECK (followed IN (0, 1)),
            followed_since INTEGER,  -- set while followed
            daily_budget_min INTEGER,
            UNIQUE (platform, handle)
        ) STRICT;

        CREATE TABLE spans (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,  -- the extension's id: writes are idempotent by it
            kind INTEGER NOT NULL CHECK (kind IN (0, 1)),
            creator_id INTEGER REFERENCES creators (id),  -- creator spans
            platform TEXT,                                -- connection spans
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            attention INTEGER NOT NULL CHECK (attention IN (0, 1)),
            label TEXT,
            CHECK (CASE kind WHEN 0 THEN creator_id IS NOT NULL AND platform IS NULL
                             ELSE creator_id IS NULL AND platform IS NOT NULL END),
            CHECK (end_ms - start_ms BETWEEN 0 AND 86400000)
        ) STRICT;
        CREATE INDEX spans_by_start ON spans (start_ms);

        CREATE TABLE marks (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,
            what INTEGER NOT NULL CHECK (what IN (0, 1)),
            creator_id INTEGER NOT NULL REFERENCES creators (id),
            at_ms INTEGER NOT NULL,
            utc_offset_min INTEGER NOT NULL,
            count INTEGER NOT NULL CHECK (count >= 1)
        ) STRICT;
        CREATE INDEX marks_by_at ON marks (at_ms);

        CREATE TABLE checkins (
            date TEXT PRIMARY KEY,  -- local date, "YYYY-MM-DD"
            social_min INTEGER NOT NULL,
            lonely INTEGER,
            felt INTEGER CHECK (felt IN (1, 2, 3)),
            opinion_lean INTEGER,
            plan TEXT,
            note TEXT
        ) STRICT, WITHOUT ROWID;

        -- One row: the settings document, opaque to the store.
        CREATE TABLE settings (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            document TEXT NOT NULL
        ) STRICT;
    )sql");
}

// Step 2. The nudge history (NUDGES.md): cooldowns, budgets and back-off are
// computed from it, so they survive restarts; `delivered_at` is set in the
// same transaction that hands a nudge out, so two browsers never both get it.
// Owned by the nudge delivery work; edit freely until a release.
void migration_2(SQLite::Database& sql) {
    sql.exec(R"sql(
        CREATE TABLE nudges (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,    -- the id on the wire
            rule TEXT NOT NULL,             -- "R1".."R11", "first_week", "reflection"
            wording INTEGER NOT NULL,       -- the variant shown (rotation)
            title TEXT NOT NULL,
            message TEXT NOT NULL,
            choices TEXT NOT NULL,          -- opaque to the store
            creator_platform TEXT,
            creator_handle TEXT,
            creator_label TEXT,
            created_at INTEGER NOT NULL,
            delivered_at INTEGER,
            dropped_at INTEGER,             -- held past 24 h, or its rule (or nudges) turned off
            response TEXT CHECK (response IN ('dismissed', 'snoozed', 'helpful', 'unhelpful')),
            snooze_min INTEGER,
            responded_at INTEGER
        ) STRICT;
        CREATE INDEX nudges_by_created ON nudges (created_at);
    )sql");
}

// Step 3. The digest outbox: one row a week (the idempotency key), never
// deleted by sending; and the digest's credentials, kept out of the settings
// document so settings.get can never show them back.
// Owned by the digest work; edit freely until a release.
void migration_3(SQLite::Database& sql) {
    sql.exec(R"sql(
        CREATE TABLE digests (
            id INTEGER PRIMARY KEY,
            week TEXT NOT NULL UNIQUE,      -- idempotency key: the local date the week ends
            kind TEXT NOT NULL,             -- "webhook", "ntfy", "slack", "discord", "email"
            target TEXT NOT NULL,           -- where it goes, for the history (no credentials)
            content_type TEXT NOT NULL,
            body TEXT NOT NULL,             -- exactly what is sent
            created_at INTEGER NOT NULL,
            -- 'sending': claimed by one process until next_attempt_at (a lease),
            -- so two hosts and the timer never send the same week twice.
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER,
            sent_at INTEGER,
            last_error TEXT
        ) STRICT;
        CREATE INDEX digests_due ON digests (state, next_attempt_at);

        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;
    )sql");
}

using Step = void (*)(SQLite::Database&);
constexpr std::array<Step, 3> kLadder{migration_1, migration_2, migration_3};

int user_version(SQLite::Database& sql) {
    return sql.execAndGet("PRAGMA user_version").getInt();
}

void refuse_newer(int version) {
    if (version > schema_version()) {
        throw std::runtime_error("the database has schema version " + std::to_string(version) +
                                 ", newer than this Parasol understands (" +
                                 std::to_string(schema_version()) + "); update Parasol");
    }
}

}  // namespace

int schema_version() {
    return static_cast<int>(kLadder.size());
}

void migrate(Database& db) {
    // Read outside a transaction first: most opens have nothing to do and
    // should not queue for the write lock.
    int version = user_version(db.sql());
    refuse_newer(version);
    while (version < schema_version()) {
        db.write([&](SQLite::Database& sql) {
            // Re-read under the write lock: another process may have just
            // taken this step.
            version = user_version(sql);
            refuse_newer(version);
            if (version < schema_version()) {
                kLadder[static_cast<std::size_t>(version)](sql);
                ++version;
                sql.exec("PRAGMA user_version = " + std::to_string(version));
            }
        });
    }
}

}  // namespace parasol::store
