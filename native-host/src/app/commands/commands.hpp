#pragma once
// One function per `parasol` subcommand: each adds its options to the CLI11
// app and returns the action to run once parsing succeeded.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "app/cli_session.hpp"

namespace parasol::app::commands {

using Action = std::function<int()>;

Action add_report(CLI::App& app, const CliOptions& options);
Action add_export(CLI::App& app, const CliOptions& options);
Action add_import(CLI::App& app, const CliOptions& options);
Action add_demo(CLI::App& app, const CliOptions& options);
Action add_install(CLI::App& app, const CliOptions& options);
Action add_uninstall(CLI::App& app, const CliOptions& options);
Action add_doctor(CLI::App& app, const CliOptions& options);
Action add_digest(CLI::App& app, const CliOptions& options);

// What --browser accepts: every supported browser's key, and "all".
std::vector<std::string> browser_choices();

}  // namespace parasol::app::commands
