#pragma once
// One function per `parasol` subcommand: each adds its options to the CLI11
// app and returns the action to run once parsing succeeded.
#include <CLI/CLI.hpp>
#include <functional>

#include "app/cli_session.hpp"

namespace parasol::app::commands {

using Action = std::function<int()>;

Action add_report(CLI::App& app, const CliOptions& options);
Action add_export(CLI::App& app, const CliOptions& options);
Action add_import(CLI::App& app, const CliOptions& options);
Action add_demo(CLI::App& app, const CliOptions& options);

}  // namespace parasol::app::commands
