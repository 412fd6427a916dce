#pragma once
// Summaries straight from the stores: the one path from stored spans to
// core::summarize, shared by summary.get, creators.* and the CLI report.
// Spans are read from SQLite once and then kept, exact, in the SpanStore's
// memory (store/span_store.hpp): a long-lived host answers repeated
// summaries without reading them again.
#include <map>

#include "core/summary.hpp"
#include "service/deps.hpp"

namespace parasol::service {

// The host machine's local date now.
core::LocalDate today(const core::Clock& clock);

core::Summary query_summary(Deps& deps, core::LocalDate from, core::LocalDate to,
                            std::size_t top_n = 50);

struct CreatorTimes {
    std::int64_t today_s = 0;
    std::int64_t week_s = 0;
};
// Today's and this week's seconds for every creator with time this week.
std::map<core::CreatorKey, CreatorTimes> creator_times(Deps& deps);

}  // namespace parasol::service
