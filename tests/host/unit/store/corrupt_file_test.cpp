// A damaged parasol.db is moved aside (never deleted) and a fresh one made:
// at open when the header or schema can't be read, otherwise at the next open
// after the daily backup's full check or a statement found the damage.
#include <SQLiteCpp/Exception.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using test::count_rows;
using test::creator_span;
using test::kDay0;

void write_bytes(const std::filesystem::path& file, std::streamoff at, std::size_t count,
                 char byte) {
    if (!std::filesystem::exists(file)) {
        std::ofstream create(file, std::ios::binary);  // in|out below needs an existing file
    }
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(at);
    const std::string bytes(count, byte);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

// The one file moved aside in `folder`, after checking its -wal and -shm
// went with it.
std::filesystem::path moved_aside(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().filename().string().starts_with("parasol.db.corrupt-")) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    REQUIRE(names.size() == 3);
    CHECK_THAT(names[0], Catch::Matches(R"(parasol\.db\.corrupt-\d{8}T\d{6}Z)"));
    CHECK(names[1] == names[0] + "-shm");
    CHECK(names[2] == names[0] + "-wal");
    return folder / names[0];
}

// The fresh database works, and the moved file is named in a warn() line.
void check_fresh_start(Database& db, const test::RecordingLog& log,
                       const std::filesystem::path& moved) {
    CHECK(count_rows(db, "spans") == 0);
    CHECK(SpanStore(db).record({creator_span("span-0001", "bob", kDay0, kDay0 + 1)}, {}).inserted ==
          1);
    REQUIRE(log.warns.size() == 1);
    CHECK_THAT(log.warns[0], Catch::Contains(moved.string()));
}

}  // namespace

TEST_CASE("a file that is not a database is moved aside with its -wal and -shm",
          "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    write_bytes(file, 0, 8192, 'G');
    write_bytes(file.string() + "-wal", 0, 100, 'W');
    write_bytes(file.string() + "-shm", 0, 100, 'S');

    auto db = Database::open(file, log);

    const auto moved = moved_aside(folder.path());
    CHECK(std::filesystem::file_size(moved) == 8192);
    CHECK(std::filesystem::file_size(moved.string() + "-wal") == 100);  // the WAL as it was
    check_fresh_start(*db, log, moved);
}

namespace {

// The file the damage tests start from: enough spans for the data to fill
// pages well past the schema on page 1.
std::uintmax_t write_spans_and_close(const std::filesystem::path& file, test::RecordingLog& log) {
    auto db = Database::open(file, log);
    std::vector<core::Span> spans;
    for (int i = 0; i < 2000; ++i) {
        spans.push_back(creator_span("span-" + std::to_string(1000 + i), "alice", kDay0 + i * 1000,
                                     kDay0 + i * 1000 + 500));
    }
    SpanStore(*db).record(spans, {});
    db.reset();  // the last connection checkpoints the WAL into the file
    const auto size = std::filesystem::file_size(file);
    REQUIRE(size > 4096 * 8);
    return size;
}

}  // namespace

TEST_CASE("a database whose schema page was overwritten is moved aside at open",
          "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    const auto size = write_spans_and_close(file, log);
    write_bytes(file, 100, 4096 - 100, '\xA5');  // page 1 after its header: sqlite_schema

    auto db = Database::open(file, log);

    const auto moved = moved_aside(folder.path());
    CHECK(std::filesystem::file_size(moved) == size);
    check_fresh_start(*db, log, moved);
}

TEST_CASE("open reads no more than the schema: damage deeper in the file is not looked for",
          "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    write_spans_and_close(file, log);
    write_bytes(file, 4096 * 2, 4096 * 4, '\xA5');  // pages 3 to 6: spans and their indexes

    auto db = Database::open(file, log);

    CHECK(log.warns.empty());
    CHECK_FALSE(std::filesystem::exists(db->damage_marker()));
    REQUIRE(db->find_damage().has_value());  // the full check does see it
}

TEST_CASE("the daily backup's check finds deeper damage; the next open moves the file aside",
          "[store][corrupt][backup]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    const auto backups = folder.path() / "backups";
    write_spans_and_close(file, log);
    REQUIRE(backup_if_due(*Database::open(file, log), "2026-01-01", 1, log));
    const auto size = std::filesystem::file_size(file);
    write_bytes(file, 4096 * 2, 4096 * 4, '\xA5');

    {
        auto db = Database::open(file, log);  // no full check: it opens
        REQUIRE(log.warns.empty());
        try {
            backup_if_due(*db, "2026-01-02", 1, log);
            FAIL("backup_if_due copied a damaged file");
        } catch (const DatabaseDamaged& e) {
            CHECK_THAT(e.what(), Catch::Contains(file.string()));
        }
        // No copy of the damaged file, and the last good one is not pruned.
        CHECK_FALSE(std::filesystem::exists(backups / "parasol-2026-01-02.db"));
        CHECK(std::filesystem::exists(backups / "parasol-2026-01-01.db"));
        CHECK(std::filesystem::exists(db->damage_marker()));
    }

    auto db = Database::open(file, log);

    const auto moved = moved_aside(folder.path());
    CHECK(std::filesystem::file_size(moved) == size);
    CHECK_FALSE(std::filesystem::exists(file.string() + ".damaged"));
    check_fresh_start(*db, log, moved);
    CHECK_THAT(log.warns[0], Catch::Contains("before the daily backup"));
}

TEST_CASE("a statement that meets damaged pages leaves the marker for the next open",
          "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    write_spans_and_close(file, log);
    write_bytes(file, 4096 * 2, 4096 * 4, '\xA5');

    {
        auto db = Database::open(file, log);
        SpanStore spans(*db);
        // Every row: whichever pages the damage hit, this reads them.
        CHECK_THROWS_AS(spans.for_each_span([](const core::Span&) {}), SQLite::Exception);
        CHECK(std::filesystem::exists(db->damage_marker()));
    }

    auto db = Database::open(file, log);

    const auto moved = moved_aside(folder.path());
    check_fresh_start(*db, log, moved);
    CHECK_THAT(log.warns[0], Catch::Contains("a statement failed"));
}

TEST_CASE("a marker on a sound file costs one full check, then goes", "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    write_spans_and_close(file, log);
    std::ofstream(file.string() + ".damaged") << "left by a test\n";

    auto db = Database::open(file, log);

    CHECK(log.warns.empty());
    CHECK_FALSE(std::filesystem::exists(file.string() + ".damaged"));
    REQUIRE(log.infos.size() == 1);
    CHECK_THAT(log.infos[0],
               Catch::Contains("passed the full check") && Catch::Contains("left by a test"));
    CHECK(count_rows(*db, "spans") == 2000);
}

}  // namespace parasol::store

namespace parasol::store {

TEST_CASE("only the full check sees an index that disagrees with its table", "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    {
        auto db = Database::open(file, log);
        SpanStore spans(*db);
        spans.record(
            {test::creator_span("index-span-1", "alice", test::kDay0, test::kDay0 + 60000),
             test::creator_span("index-span-2", "bob", test::kDay0 + 120000, test::kDay0 + 180000)},
            {});
        // Point spans_by_start at another column without rebuilding it: every
        // page and record stays well formed, but the index no longer matches.
        db->sql().exec("PRAGMA writable_schema = ON");
        db->sql().exec(
            "UPDATE sqlite_schema SET sql = 'CREATE INDEX spans_by_start ON spans (end_ms)' "
            "WHERE name = 'spans_by_start'");
        db->sql().exec("PRAGMA writable_schema = OFF");
    }
    auto db = Database::open(file, log);

    CHECK_FALSE(db->find_damage(Database::Scrutiny::quick).has_value());
    const auto found = db->find_damage(Database::Scrutiny::full);
    REQUIRE(found.has_value());
    CHECK_THAT(*found, Catch::Contains("spans_by_start"));
}

}  // namespace parasol::store
