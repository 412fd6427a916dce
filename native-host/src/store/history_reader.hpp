#pragma once
// Fills core::nudges::ActivityHistory from the file: the spans (with the
// connection platform), marks and check-ins of the last kHistoryDays local
// days, the creators they name, and the first activity ever. One read
// transaction, so the picture is consistent.
#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "core/nudges/activity_history.hpp"
#include "store/database.hpp"

namespace parasol::store {

class HistoryReader {
public:
    explicit HistoryReader(Database& db) : db_(db) {}

    // The local days today - kHistoryDays + 1 .. today (today = the local
    // date of `now` under `utc_offset_min`), up to `now` plus the 10 minutes
    // a span may reach past the host's clock.
    core::nudges::ActivityHistory read(core::Instant now, int utc_offset_min);

    // Spans overlapping [from, to), marks with from <= at < to, check-ins
    // dated first_date..last_date.
    core::nudges::ActivityHistory read_window(core::Instant from, core::Instant to,
                                              core::LocalDate first_date,
                                              core::LocalDate last_date);

private:
    Database& db_;
};

}  // namespace parasol::store
