// A damaged parasol.db is moved aside (never deleted) and a fresh one made.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

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

TEST_CASE("a database whose pages were overwritten is moved aside", "[store][corrupt]") {
    test::TempFolder folder;
    test::RecordingLog log;
    const auto file = folder.file("parasol.db");
    {
        auto db = Database::open(file, log);
        std::vector<core::Span> spans;
        for (int i = 0; i < 2000; ++i) {
            spans.push_back(creator_span("span-" + std::to_string(1000 + i), "alice",
                                         kDay0 + i * 1000, kDay0 + i * 1000 + 500));
        }
        SpanStore(*db).record(spans, {});
    }  // the last connection checkpoints the WAL into the file
    const auto size = std::filesystem::file_size(file);
    REQUIRE(size > 4096 * 8);
    write_bytes(file, 4096 * 2, 4096 * 4, '\xA5');  // page 1, the header, stays intact

    auto db = Database::open(file, log);

    const auto moved = moved_aside(folder.path());
    CHECK(std::filesystem::file_size(moved) == size);
    check_fresh_start(*db, log, moved);
}

}  // namespace parasol::store
