#include "store/erase.hpp"

#include <catch2/catch.hpp>

#include "store/backup.hpp"
#include "store/checkin_store.hpp"
#include "store/creator_store.hpp"
#include "store/migrations.hpp"
#include "store/settings_store.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {

TEST_CASE("erase_everything empties every table and deletes the backups", "[store][erase]") {
    using test::kDay0;
    test::TempFolder folder;
    test::RecordingLog log;
    auto db = Database::open(folder.file("parasol.db"), log);
    CreatorStore(*db).follow({"youtube", "alice"}, "Alice", kDay0);
    SpanStore spans(*db);
    spans.record({test::creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                  test::connection_span("span-0002", kDay0, kDay0 + 1000)},
                 {test::mark("mark-0001", "bob", kDay0)});
    core::Checkin checkin;
    checkin.date = core::LocalDate{2026, 11, 25};
    CheckinStore(*db).put(checkin);
    SettingsStore(*db).save("{}");
    const auto backup = backup_if_due(*db, "2026-11-25", 7, log);
    REQUIRE(backup);

    erase_everything(*db);

    SQLite::Statement tables(db->sql(),
                             "SELECT name FROM sqlite_schema WHERE type = 'table' "
                             "AND name NOT LIKE 'sqlite%'");
    int table_count = 0;
    while (tables.executeStep()) {
        const auto name = tables.getColumn(0).getString();
        CAPTURE(name);
        CHECK(test::count_rows(*db, name) == 0);
        ++table_count;
    }
    CHECK(table_count == 8);  // creators spans marks checkins settings nudges digests secrets
    CHECK_FALSE(std::filesystem::exists(*backup));
    CHECK(db->sql().execAndGet("PRAGMA user_version").getInt() == schema_version());
    CHECK(db->sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK_FALSE(SettingsStore(*db).load());

    CHECK(spans.record({test::creator_span("span-0001", "alice", kDay0, kDay0 + 1)}, {}).inserted ==
          1);
}

}  // namespace parasol::store
