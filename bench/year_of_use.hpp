#pragma once
// The benchmarks' "year of heavy use": the committed, seeded generator
// (core/synthetic_activity.hpp), so every run on every machine measures the
// same rows. See BENCHMARKS.md for the plan and why these numbers.
#include "core/synthetic_activity.hpp"

namespace parasol::bench {

struct YearPlan {
    int days = 365;
    int creators = 200;
    double creator_hours_per_day = 6;
    int mean_span_min = 3;  // a span per tab-state change
    // More than 1 stacks independently seeded years (seeds 1..layers), as if
    // several browsers recorded at once: more spans, overlapping time.
    int layers = 1;
    core::LocalDate last_day;
};

// Two days before today (UTC): the generator lets a heavy day run two hours
// past midnight, and the host refuses spans ending over 10 minutes in its future.
core::LocalDate default_last_day();

// Spans in start order (as the extension would send them); check-ins of the
// first layer only (one a date).
core::SyntheticActivity year_of_use(const YearPlan& plan);

}  // namespace parasol::bench
