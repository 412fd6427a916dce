#include <unistd.h>

#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "core/report_text.hpp"
#include "protocol/replies.hpp"
#include "service/summary_query.hpp"

namespace parasol::app::commands {

Action add_report(CLI::App& app, const CliOptions& options) {
    struct Args {
        int days = 7;
        std::optional<std::string> until;
        bool json = false;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand("report", "Your days, top creators and the balance");
    sub->add_option("--days", args->days, "How many days, ending today (1-366)")
        ->check(CLI::Range(1, 366));
    sub->add_option("--until", args->until, "Last day of the report, YYYY-MM-DD (default today)");
    sub->add_flag("--json", args->json, "Print the summary.get reply body as JSON");

    return [args, &options]() {
        std::optional<core::LocalDate> until;
        if (args->until) {
            until = core::LocalDate::parse(*args->until);
            if (!until) {
                std::cerr << "parasol report: --until: '" << *args->until
                          << "' is not a date of the form YYYY-MM-DD\n";
                return static_cast<int>(kExitUsage);
            }
        }
        // As summary.get: every date of the report is written YYYY-MM-DD.
        if (until && until->plus_days(1 - args->days) < core::LocalDate{0, 1, 1}) {
            std::cerr << "parasol report: --days: " << args->days << " days ending "
                      << until->to_string() << " would start before 0000-01-01\n";
            return static_cast<int>(kExitUsage);
        }
        CliSession session(options);
        const core::LocalDate last = until.value_or(service::today(session.deps().clock));
        const core::Summary summary =
            service::query_summary(session.deps(), last.plus_days(1 - args->days), last);
        if (args->json) {
            std::cout << protocol::encode_summary(summary).dump(2) << "\n";
        } else {
            std::cout << core::render_report(summary, ::isatty(STDOUT_FILENO) != 0);
        }
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
