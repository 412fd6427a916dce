#include <fstream>
#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "app/commands/export_format.hpp"
#include "protocol/activity_codec.hpp"

namespace parasol::app::commands {

namespace {

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

void write_json_lines(service::Deps& deps, std::ostream& out) {
    out << export_format::header(deps.clock.now_ms()).dump() << "\n";
    for (const auto& creator : deps.creators.all()) {
        out << export_format::creator_line(creator).dump() << "\n";
    }
    deps.spans.for_each_span([&](const core::Span& span) {
        nlohmann::json line = protocol::encode_span(span);
        line["type"] = "span";
        out << line.dump() << "\n";
    });
    deps.spans.for_each_mark([&](const core::Mark& mark) {
        nlohmann::json line = protocol::encode_mark(mark);
        line["type"] = "mark";
        out << line.dump() << "\n";
    });
    const core::LocalDate all_from = core::LocalDate::from_days(0);
    const core::LocalDate all_to = core::LocalDate::from_days(200000);
    for (const auto& checkin : deps.checkins.between(all_from, all_to)) {
        out << export_format::checkin_line(checkin).dump() << "\n";
    }
}

// Spreadsheet-friendly: one row per span or mark; import reads JSON only.
void write_csv(service::Deps& deps, std::ostream& out) {
    out << "record,id,kind,platform,handle,label,start_ms,end_ms,utc_offset_min,attention,count\n";
    deps.spans.for_each_span([&](const core::Span& s) {
        out << "span," << s.id << ',' << core::to_string(s.kind) << ',' << s.platform << ','
            << csv_field(s.handle) << ',' << csv_field(s.label.value_or("")) << ',' << s.start
            << ',' << s.end << ',' << s.utc_offset_min << ',' << core::to_string(s.attention)
            << ",\n";
    });
    deps.spans.for_each_mark([&](const core::Mark& m) {
        out << "mark," << m.id << ',' << core::to_string(m.what) << ',' << m.platform << ','
            << csv_field(m.handle) << ",," << m.at << ",," << m.utc_offset_min << ",," << m.count
            << "\n";
    });
}

}  // namespace

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
        // One read transaction: the file is a consistent snapshot even while
        // the browser keeps writing.
        session.deps().db.read([&](SQLite::Database&) {
            if (args->format == "csv") {
                write_csv(session.deps(), out);
            } else {
                write_json_lines(session.deps(), out);
            }
        });
        out.flush();
        if (!out) {
            std::cerr << "parasol export: writing failed (disk full?)\n";
            return static_cast<int>(kExitFailure);
        }
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
