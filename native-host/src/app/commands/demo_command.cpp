#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "core/synthetic_activity.hpp"
#include "service/summary_query.hpp"

namespace parasol::app::commands {

Action add_demo(CLI::App& app, const CliOptions& options) {
    auto days = std::make_shared<int>(14);
    CLI::App* sub = app.add_subcommand(
        "demo", "Fill the data folder with two weeks of made-up activity (to try `report`)");
    sub->add_option("--days", *days, "How many days of demo data, ending today")
        ->check(CLI::Range(1, 366));

    return [days, &options]() {
        CliSession session(options);
        service::Deps& deps = session.deps();
        core::SyntheticPlan plan;
        plan.seed = 2026;
        plan.days = *days;
        plan.last_day = service::today(deps.clock);
        const core::Instant now = deps.clock.now_ms();
        plan.utc_offset_min = deps.clock.utc_offset_min(now);
        core::SyntheticActivity demo = core::generate_activity(plan);
        // Nothing in the future: the host would refuse it, and so do we.
        std::erase_if(demo.spans, [now](const core::Span& s) { return s.end > now; });

        constexpr std::size_t kBatch = 1000;
        for (std::size_t i = 0; i < demo.spans.size(); i += kBatch) {
            const auto last = std::min(demo.spans.size(), i + kBatch);
            deps.spans.record({demo.spans.begin() + static_cast<std::ptrdiff_t>(i),
                               demo.spans.begin() + static_cast<std::ptrdiff_t>(last)},
                              {});
        }
        for (const auto& checkin : demo.checkins) deps.checkins.put(checkin);
        int followed = 0;
        for (const auto& c :
             service::query_summary(deps, plan.last_day.plus_days(-6), plan.last_day, 3).creators) {
            deps.creators.follow(c.creator.key, std::nullopt, now);
            ++followed;
        }
        std::cout << "demo: " << demo.spans.size() << " spans over " << *days << " days, "
                  << demo.checkins.size() << " check-ins, " << followed << " creators followed, in "
                  << session.data_dir().string() << "\n";
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
