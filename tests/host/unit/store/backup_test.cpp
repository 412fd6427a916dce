#include "store/backup.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using test::creator_span;
using test::kDay0;

unsigned mode_of(const std::filesystem::path& file) {
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    return info.st_mode & 0777U;
}

std::vector<std::string> names_in(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string day(int n) {
    return (core::LocalDate{2026, 1, 1}.plus_days(n)).to_string();
}

struct Fixture {
    test::TempFolder folder;
    test::RecordingLog log;
    std::unique_ptr<Database> db = Database::open(folder.file("parasol.db"), log);
    std::filesystem::path backups = folder.path() / "backups";
};

}  // namespace

TEST_CASE("a backup is a private, self-contained copy that opens and holds the data",
          "[store][backup]") {
    Fixture f;
    SpanStore(*f.db).record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000),
                             creator_span("span-0002", "bob", kDay0, kDay0 + 1000)},
                            {});

    const auto written = backup_if_due(*f.db, "2026-01-10", 7, f.log);

    REQUIRE(written);
    CHECK(*written == f.backups / "parasol-2026-01-10.db");
    CHECK(names_in(f.backups) == std::vector<std::string>{"parasol-2026-01-10.db"});
    CHECK(mode_of(*written) == 0600U);
    CHECK(mode_of(f.backups) == 0700U);
    REQUIRE(f.log.infos.size() == 1);
    CHECK_THAT(f.log.infos[0], Catch::Contains(written->string()));

    SQLite::Database copy(written->string(), SQLite::OPEN_READONLY);
    CHECK(copy.execAndGet("PRAGMA journal_mode").getString() == "delete");
    CHECK(copy.execAndGet("PRAGMA quick_check").getString() == "ok");
    CHECK(copy.execAndGet("SELECT count(*) FROM spans").getInt() == 2);
}

TEST_CASE("at most one backup a day", "[store][backup]") {
    Fixture f;
    REQUIRE(backup_if_due(*f.db, "2026-01-10", 7, f.log));
    SpanStore(*f.db).record({creator_span("span-0001", "alice", kDay0, kDay0 + 1000)}, {});

    CHECK_FALSE(backup_if_due(*f.db, "2026-01-10", 7, f.log));

    SQLite::Database copy((f.backups / "parasol-2026-01-10.db").string(), SQLite::OPEN_READONLY);
    CHECK(copy.execAndGet("SELECT count(*) FROM spans").getInt() == 0);  // the first one stays
    CHECK(backup_if_due(*f.db, "2026-01-11", 7, f.log));
}

TEST_CASE("backups keep the newest `keep` and leave other files alone", "[store][backup]") {
    Fixture f;
    std::filesystem::create_directory(f.backups);
    std::ofstream(f.backups / "notes.txt") << "mine";
    std::ofstream(f.backups / "parasol-latest.db") << "not a dated backup";

    for (int n = 0; n < 10; ++n) {
        REQUIRE(backup_if_due(*f.db, day(n), 7, f.log));
    }

    std::vector<std::string> expected{"notes.txt"};
    for (int n = 3; n < 10; ++n) {
        expected.push_back("parasol-" + day(n) + ".db");
    }
    expected.push_back("parasol-latest.db");
    std::sort(expected.begin(), expected.end());
    CHECK(names_in(f.backups) == expected);
    CHECK(f.log.infos.size() == 10 + 3);  // ten written, three deleted
}

TEST_CASE("backup_if_due refuses a malformed day or keep, and skips in-memory databases",
          "[store][backup]") {
    Fixture f;
    CHECK_THROWS_AS(backup_if_due(*f.db, "../../etc", 7, f.log), std::invalid_argument);
    CHECK_THROWS_AS(backup_if_due(*f.db, "2026-02-30", 7, f.log), std::invalid_argument);
    CHECK_THROWS_AS(backup_if_due(*f.db, "2026-02-03", 0, f.log), std::invalid_argument);
    CHECK_FALSE(std::filesystem::exists(f.backups));

    auto memory = Database::open(":memory:", f.log);
    CHECK_FALSE(backup_if_due(*memory, "2026-02-03", 7, f.log));
}

}  // namespace parasol::store
