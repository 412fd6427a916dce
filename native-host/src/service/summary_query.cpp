#include "service/summary_query.hpp"

#include <limits>

namespace parasol::service {

namespace {
// Spans carry their own offsets (-840..840 min), so a local date range can
// reach up to 14 h either side of its midnights in UTC.
constexpr core::Instant kOffsetSlack = 14 * core::kMsPerHour;
}  // namespace

core::LocalDate today(const core::Clock& clock) {
    const core::Instant now = clock.now_ms();
    return core::local_date_of(now, clock.utc_offset_min(now));
}

core::Summary query_summary(Deps& deps, core::LocalDate from, core::LocalDate to,
                            std::size_t top_n) {
    core::SummaryInput input;
    input.from = from;
    input.to = to;
    input.top_n = top_n;
    const core::Instant lo = core::local_midnight(from, 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(to.plus_days(1), 0) + kOffsetSlack;
    input.social_min = deps.checkins.social_minutes(from, to);
    // The spans come from the host's memory when it holds them (SpanStore),
    // lent rather than copied for a range as long as the one held.
    core::Summary summary;
    deps.spans.with_intervals(lo, hi, input,
                              [&](const core::SummaryInput& in) { summary = core::summarize(in); });
    return summary;
}

std::map<core::CreatorKey, CreatorTimes> creator_times(Deps& deps) {
    const core::LocalDate day = today(deps.clock);
    constexpr auto kAll = std::numeric_limits<std::size_t>::max();
    std::map<core::CreatorKey, CreatorTimes> times;
    for (const auto& c : query_summary(deps, day.plus_days(-6), day, kAll).creators) {
        times[c.creator.key].week_s = c.seconds;
    }
    for (const auto& c : query_summary(deps, day, day, kAll).creators) {
        times[c.creator.key].today_s = c.seconds;
    }
    return times;
}

}  // namespace parasol::service
