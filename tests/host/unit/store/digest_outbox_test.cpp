#include "store/digest_outbox.hpp"

#include <catch2/catch.hpp>

#include "store/migrations.hpp"
#include "store/secret_store.hpp"
#include "unit/store/recording_log.hpp"

using namespace parasol::store;
using parasol::store::test::RecordingLog;

namespace {
DigestDraft draft(const std::string& week, const std::string& body = "hello") {
    return {week, "webhook", "https://example.org", "application/json", body};
}
}  // namespace

TEST_CASE("digest outbox: one row a week, claimed once, retried, never sent twice") {
    RecordingLog log;
    auto db = Database::open(":memory:", log);
    DigestOutbox outbox(*db);
    CHECK(outbox.enqueue(draft("2026-11-22"), 1000));
    CHECK_FALSE(outbox.enqueue(draft("2026-11-22", "other"), 2000));  // idempotent by week
    CHECK(outbox.find("2026-11-22")->draft.body == "hello");

    auto claimed = outbox.claim_due(1000, 500);
    REQUIRE(claimed);
    CHECK(claimed->attempts == 1);
    CHECK_FALSE(outbox.claim_due(1200, 500));  // held by its sender
    outbox.mark_retry(claimed->id, 5000, "down");
    CHECK_FALSE(outbox.claim_due(4999, 500));
    claimed = outbox.claim_due(5000, 500);
    REQUIRE(claimed);
    CHECK(claimed->attempts == 2);
    outbox.mark_sent(claimed->id, 5100);
    CHECK_FALSE(outbox.claim_due(1'000'000, 500));
    CHECK_FALSE(outbox.requeue(draft("2026-11-22"), 6000));  // sent stays sent
    CHECK(outbox.find("2026-11-22")->state == DigestState::sent);

    SECTION("a dead sender's claim runs out") {
        CHECK(outbox.enqueue(draft("2026-11-29"), 10'000));
        REQUIRE(outbox.claim_due(10'000, 500));
        CHECK(outbox.claim_due(10'500, 500));
    }
    SECTION("failed waits for the user, then goes again") {
        CHECK(outbox.enqueue(draft("2026-11-29"), 10'000));
        auto row = outbox.claim_due(10'000, 500);
        outbox.mark_failed(row->id, "untrusted");
        CHECK_FALSE(outbox.claim_due(99'999'999, 500));
        CHECK(outbox.requeue(draft("2026-11-29", "new"), 20'000));
        row = outbox.claim_due(20'000, 500);
        REQUIRE(row);
        CHECK(row->draft.body == "new");
        CHECK(outbox.history(10).front().draft.week == "2026-11-29");
        CHECK(outbox.history(1).size() == 1);
    }
}

TEST_CASE("secret store: put, replace, remove") {
    RecordingLog log;
    auto db = Database::open(":memory:", log);
    SecretStore secrets(*db);
    CHECK_FALSE(secrets.has("digest.password"));
    secrets.put("digest.password", "a");
    secrets.put("digest.password", "b");
    CHECK(secrets.get("digest.password") == "b");
    secrets.remove("digest.password");
    CHECK_FALSE(secrets.get("digest.password"));
}
