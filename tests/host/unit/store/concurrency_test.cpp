// Two browsers mean two hosts on one file: opening and writing at once.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/span_store.hpp"
#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"
#include "unit/store/temp_folder.hpp"

namespace parasol::store {
namespace {

using test::creator_span;
using test::kDay0;

}  // namespace

TEST_CASE("twenty processes opening a new file at once all succeed", "[store][concurrency]") {
    test::TempFolder folder;
    const auto file = folder.file("parasol.db");
    constexpr int kProcesses = 20;

    // The children block on the pipe until the parent closes it, so they all
    // open the file at the same moment.
    int start[2];
    REQUIRE(::pipe(start) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < kProcesses; ++i) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(start[1]);
            char ignored;
            (void)!::read(start[0], &ignored, 1);
            int status = 0;
            try {
                test::RecordingLog log;
                Database::open(file, log).reset();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "child: %s\n", e.what());
                status = 1;
            }
            ::_exit(status);  // never return into the test runner
        }
        children.push_back(pid);
    }
    ::close(start[0]);
    ::close(start[1]);

    int failed = 0;
    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            ++failed;
        }
    }
    CHECK(failed == 0);

    test::RecordingLog log;
    auto db = Database::open(file, log);
    CHECK(db->sql().execAndGet("PRAGMA user_version").getInt() == schema_version());
    CHECK(
        db->sql().execAndGet("SELECT count(*) FROM sqlite_schema WHERE name = 'spans'").getInt() ==
        1);
    CHECK(log.warns.empty());
}

TEST_CASE("two writers on one file: every acknowledged span is stored exactly once",
          "[store][concurrency]") {
    test::TempFolder folder;
    const auto file = folder.file("parasol.db");
    constexpr int kBatches = 150;
    constexpr int kPerBatch = 5;
    test::RecordingLog log;
    Database::open(file, log);  // the schema exists before the race starts

    // Each writer sends its own spans and, in every batch, one span both
    // send (two browsers resending the same id).
    std::set<std::string> acknowledged[2];
    int failures[2] = {0, 0};
    const auto writer = [&](int w) {
        test::RecordingLog writer_log;
        auto db = Database::open(file, writer_log);
        SpanStore spans(*db);
        for (int b = 0; b < kBatches; ++b) {
            std::vector<core::Span> batch;
            const core::Instant at = kDay0 + b * 60'000;
            for (int i = 0; i < kPerBatch; ++i) {
                batch.push_back(creator_span(
                    "w" + std::to_string(w) + "-" + std::to_string(b) + "-" + std::to_string(i),
                    "creator-" + std::to_string(i), at, at + 10'000 + i));
            }
            batch.push_back(creator_span("shared-" + std::to_string(b), "shared", at, at + 5000));
            try {
                if (spans.record(batch, {}).conflict) {
                    ++failures[w];
                    continue;
                }
                for (const auto& span : batch) {
                    acknowledged[w].insert(span.id);
                }
            } catch (const StoreUnavailable&) {
                ++failures[w];
            }
        }
    };
    std::thread first(writer, 0);
    std::thread second(writer, 1);
    first.join();
    second.join();

    CHECK(failures[0] == 0);
    CHECK(failures[1] == 0);
    auto db = Database::open(file, log);
    std::map<std::string, int> stored;
    SpanStore(*db).for_each_span([&](const core::Span& span) { ++stored[span.id]; });
    for (const auto& acked : acknowledged) {
        for (const auto& id : acked) {
            CAPTURE(id);
            CHECK(stored[id] == 1);
        }
    }
    CHECK(stored.size() == kBatches * (2 * kPerBatch + 1));
}

}  // namespace parasol::store
