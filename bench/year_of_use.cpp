#include "year_of_use.hpp"

#include <algorithm>
#include <chrono>

namespace parasol::bench {

core::LocalDate default_last_day() {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return core::local_date_of(now, 0).plus_days(-2);
}

core::SyntheticActivity year_of_use(const YearPlan& plan) {
    core::SyntheticActivity year;
    for (int layer = 0; layer < plan.layers; ++layer) {
        core::SyntheticPlan p;
        p.seed = static_cast<std::uint64_t>(layer) + 1;
        p.last_day = plan.last_day;
        p.days = plan.days;
        p.creators = plan.creators;
        p.creator_hours_per_day = plan.creator_hours_per_day;
        p.mean_span_min = plan.mean_span_min;
        p.checkins = layer == 0;
        core::SyntheticActivity one = core::generate_activity(p);
        year.spans.insert(year.spans.end(), std::make_move_iterator(one.spans.begin()),
                          std::make_move_iterator(one.spans.end()));
        year.checkins.insert(year.checkins.end(), one.checkins.begin(), one.checkins.end());
    }
    std::stable_sort(year.spans.begin(), year.spans.end(),
                     [](const core::Span& a, const core::Span& b) { return a.start < b.start; });
    return year;
}

}  // namespace parasol::bench
