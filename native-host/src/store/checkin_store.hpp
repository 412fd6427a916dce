#pragma once
// The user's daily check-ins (PROTOCOL.md checkin.record): one a local date.
#include <map>
#include <vector>

#include "core/activity.hpp"
#include "store/database.hpp"

namespace parasol::store {

class CheckinStore {
public:
    explicit CheckinStore(Database& db) : db_(db) {}
    void put(const core::Checkin& checkin);  // replaces that date's check-in
    std::vector<core::Checkin> between(core::LocalDate from, core::LocalDate to);  // inclusive
    std::map<core::LocalDate, int> social_minutes(core::LocalDate from, core::LocalDate to);

private:
    Database& db_;
};

}  // namespace parasol::store
