// The data folder on disk: who may read it, what happens to a damaged
// database, and the daily backup.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <random>

#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/sqlite_probe.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<unsigned>(info.st_mode) & 07777U;
}

std::vector<std::filesystem::path> entries(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> found;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        found.push_back(entry.path());
    }
    return found;
}

// Lets the host finish what it does after a reply (the backup) by asking it
// one more thing: it is single-threaded, so the second reply comes after.
void settle(HostProcess& host) {
    host.call_ok("settings.get");
}

}  // namespace

TEST_CASE("the host creates the data folder 0700 and parasol.db 0600", "[data-dir]") {
    Sandbox sandbox;
    // Even under a permissive umask the files must stay private.
    const mode_t old = ::umask(0);
    auto host = sandbox.start_host();
    ::umask(old);
    host->call_ok("hello", hello_body());
    const std::int64_t t = utc_midnight(now_ms()) - kDay;
    host->call_ok("activity.record",
                  spans_body({creator_span("mode-span-01", "youtube", "alice", t, t + kHour)}));
    settle(*host);

    CHECK(mode_of(sandbox.data_dir()) == 0700U);
    CHECK(mode_of(sandbox.database()) == 0600U);
    // SQLite's companions hold the same data.
    for (const char* suffix : {"-wal", "-shm"}) {
        const auto file = sandbox.data_dir() / (std::string("parasol.db") + suffix);
        if (std::filesystem::exists(file)) {
            INFO(file);
            CHECK((mode_of(file) & 077U) == 0U);
        }
    }
}

TEST_CASE("a corrupt parasol.db is moved aside and the host still answers", "[data-dir]") {
    Sandbox sandbox;
    std::filesystem::create_directories(sandbox.data_dir());
    std::filesystem::permissions(sandbox.data_dir(), std::filesystem::perms::owner_all);
    std::string garbage(64 * 1024, '\0');
    std::mt19937 rng(42);
    for (auto& c : garbage) c = static_cast<char>(rng() & 0xFFU);
    garbage.replace(0, 12, "NOT A SQLITE");  // never mistaken for a database header
    {
        std::ofstream out(sandbox.database(), std::ios::binary);
        out << garbage;
    }

    auto host = sandbox.start_host();
    CHECK(host->call_ok("hello", hello_body())["protocol"] == 1);
    const std::int64_t t = utc_midnight(now_ms()) - kDay;
    CHECK(host->call_ok("activity.record",
                        spans_body({creator_span("after-corrupt", "youtube", "alice", t,
                                                 t + kHour)}))["stored"] == 1);
    CHECK(host->call_ok("summary.get",
                        {{"days", 1}, {"until", utc_date(t)}})["totals"]["creator_s"] == 3600);

    std::vector<std::filesystem::path> moved;
    for (const auto& path : entries(sandbox.data_dir())) {
        if (path.filename().string().rfind("parasol.db.corrupt-", 0) == 0) moved.push_back(path);
    }
    INFO(sandbox.host_log());
    REQUIRE(moved.size() == 1);
    // Moved, not rewritten: the user can still hand it to someone to rescue.
    CHECK(read_text_file(moved[0]) == garbage);
    CHECK(sqlite_integrity(sandbox.database()) == "ok");
}

TEST_CASE("a daily backup exists once the host has answered a request", "[data-dir]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    const std::int64_t t = utc_midnight(now_ms()) - kDay;
    host->call_ok("activity.record",
                  spans_body({creator_span("backup-span1", "youtube", "alice", t, t + kHour)}));
    settle(*host);

    // The name store/backup.hpp promises: one file per local day.
    const auto backups_dir = sandbox.data_dir() / "backups";
    const auto backup = backups_dir / ("parasol-" + utc_date(now_ms()) + ".db");
    INFO(backup);
    REQUIRE(std::filesystem::is_regular_file(backup));
    CHECK(sqlite_integrity(backup) == "ok");
    // Taken after the first reply, so it holds that span: restore it and look.
    Sandbox restored;
    std::filesystem::create_directories(restored.data_dir());
    std::filesystem::copy_file(backup, restored.database());
    bool found = false;
    for (const auto& line : restored.export_lines()) {
        if (line.value("id", "") == "backup-span1") found = true;
    }
    CHECK(found);
    // A backup is the whole history: as private as the database itself.
    CHECK((mode_of(backup) & 077U) == 0U);
    CHECK((mode_of(backups_dir) & 077U) == 0U);

    SECTION("a second host on the same day makes no second copy") {
        host->close_stdin();
        REQUIRE(host->wait_exit(std::chrono::seconds(10)).has_value());
        auto again = sandbox.start_host();
        again->call_ok("hello", hello_body());
        settle(*again);
        std::size_t files = 0;
        for (const auto& path : entries(backups_dir)) {
            if (std::filesystem::is_regular_file(path)) ++files;
        }
        CHECK(files == 1);
    }
}
