#pragma once
// What handlers may touch: the clock, the stores and the host's identity.
// Built once by the app layer; no globals, so tests build their own.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/instant.hpp"
#include "service/export_snapshot.hpp"
#include "store/checkin_store.hpp"
#include "store/creator_store.hpp"
#include "store/database.hpp"
#include "store/digest_outbox.hpp"
#include "store/history_reader.hpp"
#include "store/nudge_store.hpp"
#include "store/secret_store.hpp"
#include "store/settings_store.hpp"
#include "store/span_store.hpp"

namespace parasol::service {

struct Deps {
    Deps(const core::Clock& clock_, store::Database& db_, std::string version)
        : clock(clock_),
          db(db_),
          spans(db_),
          creators(db_),
          checkins(db_),
          settings(db_),
          nudges(db_),
          history(db_),
          digests(db_),
          secrets(db_),
          host_version(std::move(version)) {}

    const core::Clock& clock;
    store::Database& db;
    store::SpanStore spans;
    store::CreatorStore creators;
    store::CheckinStore checkins;
    store::SettingsStore settings;
    store::NudgeStore nudges;
    store::HistoryReader history;
    store::DigestOutbox digests;
    store::SecretStore secrets;
    // Tells the app's digest sender that a digest was queued to go now
    // (digest.send); empty where no sender runs (tests, the CLI).
    std::function<void()> digest_wake;
    std::string host_version;
    // The export being handed out page by page (data.export), if any.
    std::optional<ExportSnapshot> export_snapshot;
    std::uint64_t export_serial = 0;
};

}  // namespace parasol::service
