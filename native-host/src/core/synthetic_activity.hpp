#pragma once
// A seeded, deterministic generator of plausible usage: the demo database of
// `make run`, the benchmark's "year of heavy use" and test fixtures all come
// from here, so the same seed always gives the same rows.
#include <cstdint>
#include <vector>

#include "core/activity.hpp"

namespace parasol::core {

struct SyntheticPlan {
    std::uint64_t seed = 1;
    LocalDate last_day;  // the generated days end here (inclusive)
    int days = 14;
    int creators = 12;  // distinct creators, popularity skewed (Zipf-like)
    double creator_hours_per_day = 1.5;
    double connection_hours_per_day = 0.5;
    int utc_offset_min = 0;
    int mean_span_min = 6;  // a span per tab-state change
    bool checkins = true;   // one check-in every few days
};

struct SyntheticActivity {
    // Ids are "syn-<seed, 7 digits>-<n, 9 digits>": valid span ids under
    // PROTOCOL.md (8-64 of [A-Za-z0-9_-]), unique within a seed.
    std::vector<Span> spans;
    std::vector<Checkin> checkins;
};

SyntheticActivity generate_activity(const SyntheticPlan& plan);

}  // namespace parasol::core
