#include "service/data_export.hpp"

#include <ostream>

#include "protocol/activity_codec.hpp"
#include "protocol/export_format.hpp"

namespace parasol::service {
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

void write_json_lines(Deps& deps, std::ostream& out) {
    namespace format = protocol::export_format;
    out << format::header(deps.clock.now_ms()).dump() << "\n";
    for (const auto& creator : deps.creators.all()) {
        out << format::creator_line(creator).dump() << "\n";
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
        out << format::checkin_line(checkin).dump() << "\n";
    }
}

// Spreadsheet-friendly: one row per span or mark; import reads JSON only.
void write_csv(Deps& deps, std::ostream& out) {
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

ExportFormat export_format_from(std::string_view name) {
    if (name == "json") return ExportFormat::json_lines;
    if (name == "csv") return ExportFormat::csv;
    return ExportFormat::unknown;
}

void write_export(Deps& deps, ExportFormat format, std::ostream& out) {
    deps.db.read([&](SQLite::Database&) {
        if (format == ExportFormat::csv) {
            write_csv(deps, out);
        } else {
            write_json_lines(deps, out);
        }
    });
}

}  // namespace parasol::service
