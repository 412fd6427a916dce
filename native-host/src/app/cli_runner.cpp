#include "app/cli_runner.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands/commands.hpp"
#include "app/version.hpp"
#include "protocol/error_code.hpp"
#include "store/database.hpp"

namespace parasol::app {

int run_cli(int argc, char** argv) {
    CLI::App app{
        "Parasol: see how your time with creators compares with your time with people.\n"
        "Everything stays on this machine."};
    app.set_version_flag("--version", std::string("parasol ") + kVersion);
    app.require_subcommand(1);
    app.fallthrough();  // --data-dir may come before or after the subcommand

    CliOptions options;
    app.add_option("--data-dir", options.data_dir,
                   "Data folder (default: $PARASOL_DATA_DIR, else ~/.local/share/parasol)");
    app.footer(
        "Exit codes: 0 done, 1 failed (storage or file error; doctor: a problem found),\n"
        "2 usage error, 3 malformed input file (nothing imported).");

    std::vector<std::pair<CLI::App*, commands::Action>> actions;
    auto add = [&](auto adder) {
        const auto before = app.get_subcommands({}).size();
        commands::Action action = adder(app, options);
        actions.emplace_back(app.get_subcommands({})[before], std::move(action));
    };
    add(commands::add_report);
    add(commands::add_export);
    add(commands::add_import);
    add(commands::add_demo);
    add(commands::add_install);
    add(commands::add_uninstall);
    add(commands::add_doctor);
    add(commands::add_digest);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? kExitOk : kExitUsage;
    }
    try {
        for (auto& [sub, action] : actions) {
            if (sub->parsed()) return action();
        }
    } catch (const store::StoreUnavailable& e) {
        std::cerr << "parasol: storage unavailable: " << e.what() << "\n";
        return kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "parasol: " << e.what() << "\n";
        return kExitFailure;
    }
    return kExitUsage;
}

}  // namespace parasol::app
