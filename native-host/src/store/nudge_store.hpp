#pragma once
// The nudge history (table `nudges`, migration step 2): every nudge created,
// when it was handed out or dropped, and the user's answer. The delivery
// policy reads it whole (a few hundred rows a year); the service writes a
// poll's outcome inside one Database::write so two hosts never hand out the
// same nudge.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"
#include "core/nudges/nudge_action.hpp"
#include "core/nudges/nudge_record.hpp"
#include "store/database.hpp"

namespace parasol::store {

// A nudge as stored: the record plus its buttons, an opaque document the
// service encodes (the store never reads it).
struct StoredNudge {
    core::nudges::NudgeRecord record;
    std::string choices;
};

class NudgeStore {
public:
    explicit NudgeStore(Database& db) : db_(db) {}

    // Every nudge ever created, oldest first, without their choices.
    std::vector<core::nudges::NudgeRecord> history();
    // Nudges created in [from, to), oldest first, with their choices.
    std::vector<StoredNudge> created_between(core::Instant from, core::Instant to);
    std::optional<StoredNudge> find(const std::string& id);

    // Adds a new nudge (its record's id must be new; delivered_at may be set
    // already when it is handed out at once).
    void insert(const StoredNudge& nudge);
    // Hands out a held nudge: false (nothing written) when it was handed out
    // or dropped meanwhile, or does not exist.
    bool mark_delivered(const std::string& id, core::Instant at);
    // Drops a held nudge; false when it was not held.
    bool mark_dropped(const std::string& id, core::Instant at);
    // Records the user's answer, replacing an earlier one. False (nothing
    // written) when no nudge with that id was ever handed out.
    bool respond(const std::string& id, core::nudges::NudgeAction action,
                 std::optional<int> snooze_min, core::Instant at);

private:
    // Sets `column` (delivered_at or dropped_at) of a nudge still held.
    bool settle_held(const std::string& id, core::Instant at, const char* column);
    Database& db_;
};

}  // namespace parasol::store
