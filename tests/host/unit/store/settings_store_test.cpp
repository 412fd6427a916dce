#include "store/settings_store.hpp"

#include <catch2/catch.hpp>

#include "unit/store/recording_log.hpp"
#include "unit/store/sample_activity.hpp"

namespace parasol::store {

TEST_CASE("settings: nothing until saved, then the latest document", "[store][settings]") {
    test::RecordingLog log;
    auto db = Database::open(":memory:", log);
    SettingsStore settings(*db);
    CHECK_FALSE(settings.load());

    settings.save(R"({"nudges":{"enabled":false}})");
    CHECK(settings.load() == R"({"nudges":{"enabled":false}})");
    settings.save("{}");
    CHECK(settings.load() == "{}");
    CHECK(test::count_rows(*db, "settings") == 1);
}

}  // namespace parasol::store
