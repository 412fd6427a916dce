#include <fstream>
#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "service/data_export.hpp"

namespace parasol::app::commands {

Action add_export(CLI::App& app, const CliOptions& options) {
    struct Args {
        std::string format = "json";
        std::optional<std::string> output;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand("export", "Write everything Parasol has stored to a file");
    sub->add_option("--format", args->format, "json (JSON Lines, re-importable) or csv")
        ->check(CLI::IsMember({"json", "csv"}));
    sub->add_option("-o,--output", args->output, "File to write (default: standard output)");

    return [args, &options]() {
        CliSession session(options);
        std::ofstream file;
        if (args->output) {
            file.open(*args->output, std::ios::out | std::ios::trunc);
            if (!file) {
                std::cerr << "parasol export: can't write " << *args->output << "\n";
                return static_cast<int>(kExitFailure);
            }
        }
        std::ostream& out = args->output ? static_cast<std::ostream&>(file) : std::cout;
        service::write_export(session.deps(), service::export_format_from(args->format), out);
        out.flush();
        if (!out) {
            std::cerr << "parasol export: writing failed (disk full?)\n";
            return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
