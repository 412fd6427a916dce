#pragma once
// NUDGES.md's signals, computed from stored activity. Pure: `now` and the
// host's UTC offset come in as parameters.
//
// The helper writing core/nudges owns this file: add the fields the rules
// need. The delivery policy relies on the ones below.
#include <optional>

#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "core/nudges/activity_history.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

struct Signals {
    Instant now = 0;
    LocalDate today;  // local date of `now` under the host's offset

    // Today's real-connection minutes (connection spans weighted by kind,
    // plus check-in social minutes) and the personal daily baseline
    // (NUDGES.md "baselines"); nullopt while there is no baseline yet.
    double rt_d_min = 0.0;
    std::optional<double> rt_d_baseline_min;

    // NUDGES.md: never nudge when real connection is above baseline that day.
    [[nodiscard]] bool connection_above_baseline_today() const {
        return rt_d_baseline_min && rt_d_min > *rt_d_baseline_min;
    }
};

Signals compute_signals(const ActivityHistory& history, const Settings& settings, Instant now,
                        int utc_offset_min);

}  // namespace parasol::core::nudges
