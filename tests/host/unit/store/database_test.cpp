#include "store/database.hpp"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "store/migrations.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using test::count_rows;
using test::creator_span;
using test::kDay0;

unsigned mode_of(const std::filesystem::path& file) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    return info.st_mode & 0777U;
}

bool in_transaction(Database& db) {
    return sqlite3_get_autocommit(db.sql().getHandle()) == 0;
}

std::string pragma(Database& db, const std::string& name) {
    return db.sql().execAndGet("PRAGMA " + name).getString();
}

}  // namespace

TEST_CASE("open creates the database and its WAL files with mode 0600", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    auto db = Database::open(file, log);
    SpanStore(*db).record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});

    CHECK(mode_of(file) == 0600U);
    CHECK(mode_of(file.string() + "-wal") == 0600U);
    CHECK(mode_of(file.string() + "-shm") == 0600U);
    CHECK(log.warns.empty());
}

TEST_CASE("open sets the pragmas and the latest schema", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    auto db = Database::open(folder.file("parasol.db"), log, 1234);

    CHECK(pragma(*db, "busy_timeout") == "1234");
    CHECK(pragma(*db, "journal_mode") == "wal");
    CHECK(pragma(*db, "synchronous") == "1");  // NORMAL
    CHECK(pragma(*db, "foreign_keys") == "1");
    CHECK(pragma(*db, "user_version") == std::to_string(schema_version()));
    for (const char* table : {"creators", "spans", "marks", "checkins", "settings"}) {
        CHECK(db->sql().tableExists(table));
    }
}

TEST_CASE("open keeps what an earlier open stored", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    SpanStore(*Database::open(file, log))
        .record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});

    auto db = Database::open(file, log);
    CHECK(count_rows(*db, "spans") == 1);
    CHECK(log.warns.empty());
}

TEST_CASE("open fails clearly when the folder is missing", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto missing = folder.file("not-made-yet");
    try {
        Database::open(missing / "parasol.db", log);
        FAIL("open succeeded");
    } catch (const StoreUnavailable& e) {
        CHECK_THAT(e.what(),
                   Catch::Contains("does not exist") && Catch::Contains(missing.string()));
    }
    CHECK_FALSE(std::filesystem::exists(missing));
}

TEST_CASE("open refuses a database made by a newer build, and leaves it alone",
          "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    Database::open(file, log)->sql().exec("PRAGMA user_version = 999");

    CHECK_THROWS_WITH(Database::open(file, log), Catch::Contains("newer"));
    CHECK(std::filesystem::exists(file));
    CHECK(log.warns.empty());
}

TEST_CASE("write commits, or rolls back everything when the work throws", "[store][database]") {
    test::RecordingLog log;
    auto db = Database::open(":memory:", log);
    db->write([](SQLite::Database& sql) { sql.exec("INSERT INTO settings VALUES (1, 'a')"); });
    CHECK(count_rows(*db, "settings") == 1);

    CHECK_THROWS_AS(db->write([](SQLite::Database& sql) {
        sql.exec("DELETE FROM settings");
        throw std::logic_error("bug");
    }),
                    std::logic_error);
    CHECK(count_rows(*db, "settings") == 1);
    CHECK_FALSE(in_transaction(*db));
}

TEST_CASE("a write inside a write is a savepoint of the outer transaction", "[store][database]") {
    test::RecordingLog log;
    auto db = Database::open(":memory:", log);
    SpanStore spans(*db);

    SECTION("an inner failure undoes only the inner work") {
        db->write([&](SQLite::Database&) {
            spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 10)}, {});
            const auto refused =
                spans.record({creator_span("span-0002", "bob", kDay0, kDay0 + 10),
                              test::connection_span("span-0001", kDay0, kDay0 + 10)},
                             {});
            CHECK(refused.conflict);
        });
        std::vector<std::string> ids;
        spans.for_each_span([&](const core::Span& s) { ids.push_back(s.id); });
        CHECK(ids == std::vector<std::string>{"span-0001"});
    }
    SECTION("an outer failure undoes the inner work too") {
        CHECK_THROWS_AS(db->write([&](SQLite::Database&) {
            spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 10)}, {});
            throw std::runtime_error("import failed later");
        }),
                        std::runtime_error);
        CHECK(count_rows(*db, "spans") == 0);
        CHECK(count_rows(*db, "creators") == 0);
    }
    CHECK_FALSE(in_transaction(*db));
}

TEST_CASE("write maps storage errors to StoreUnavailable and others through", "[store][database]") {
    struct Case {
        int code;
        bool unavailable;
    };
    const auto c = GENERATE(values<Case>({
        {SQLITE_BUSY, true},
        {SQLITE_BUSY_SNAPSHOT, true},
        {SQLITE_LOCKED, true},
        {SQLITE_FULL, true},
        {SQLITE_READONLY, true},
        {SQLITE_READONLY_DBMOVED, true},
        {SQLITE_IOERR, true},
        {SQLITE_IOERR_WRITE, true},
        {SQLITE_IOERR_FSYNC, true},
        {SQLITE_CANTOPEN, true},
        {SQLITE_CONSTRAINT, false},
        {SQLITE_CONSTRAINT_UNIQUE, false},
        {SQLITE_ERROR, false},
        {SQLITE_CORRUPT, false},
        {SQLITE_MISUSE, false},
    }));
    CAPTURE(c.code);
    test::RecordingLog log;
    auto db = Database::open(":memory:", log);
    const auto failing = [&](SQLite::Database& sql) {
        sql.exec("INSERT INTO settings VALUES (1, 'half-written')");
        throw SQLite::Exception("simulated", c.code);
    };
    if (c.unavailable) {
        CHECK_THROWS_AS(db->write(failing), StoreUnavailable);
        CHECK_THROWS_AS(db->read(failing), StoreUnavailable);
    } else {
        CHECK_THROWS_AS(db->write(failing), SQLite::Exception);
    }
    CHECK_FALSE(in_transaction(*db));
    CHECK(count_rows(*db, "settings") == 0);
}

TEST_CASE("write gives up on a locked database after the busy timeout", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    auto db = Database::open(file, log, 100);
    SpanStore spans(*db);

    SQLite::Database other(file.string(), SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    try {
        spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});
        FAIL("write succeeded while another connection held the lock");
    } catch (const StoreUnavailable& e) {
        CHECK_THAT(e.what(), Catch::Contains("locked"));
    }
    CHECK_FALSE(in_transaction(*db));
    other.exec("ROLLBACK");

    const auto outcome =
        spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});
    CHECK(outcome.inserted == 1);
}

TEST_CASE("a full disk makes write unavailable and writes nothing", "[store][database]") {
    test::TempFolder folder;
    test::RecordingLog log;
    auto db = Database::open(folder.file("parasol.db"), log);
    SpanStore spans(*db);
    spans.record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});

    // The database may not grow by a single page: any real batch fills it.
    const auto pages = db->sql().execAndGet("PRAGMA page_count").getInt64();
    db->sql().exec("PRAGMA max_page_count = " + std::to_string(pages));
    std::vector<core::Span> batch;
    for (int i = 0; i < 1000; ++i) {
        auto span = creator_span("batch-" + std::to_string(i), "creator-" + std::to_string(i),
                                 kDay0 + i, kDay0 + i + 500);
        span.label = std::string(150, 'x');
        batch.push_back(span);
    }
    try {
        spans.record(batch, {});
        FAIL("a batch larger than the disk was written");
    } catch (const StoreUnavailable& e) {
        CHECK_THAT(e.what(), Catch::Contains("full"));
    }
    CHECK_FALSE(in_transaction(*db));
    CHECK(count_rows(*db, "spans") == 1);
    CHECK(count_rows(*db, "creators") == 1);

    db->sql().exec("PRAGMA max_page_count = 1000000");
    CHECK(spans.record(batch, {}).inserted == 1000);
}

}  // namespace parasol::store
