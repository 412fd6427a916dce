#pragma once
// Everything stored, as one text: JSON Lines (re-importable by `parasol
// import`) or CSV (spans and marks, for spreadsheets). Shared by `parasol
// export` and the options page's export (data.export), so both give the same
// bytes for the same data.
#include <iosfwd>
#include <string_view>

#include "service/deps.hpp"
#include "service/export_snapshot.hpp"

namespace parasol::service {

ExportFormat export_format_from(std::string_view name);  // "json" | "csv"

// Writes the export inside one read transaction, so it is a consistent
// snapshot even while a browser keeps writing. Throws StoreUnavailable.
void write_export(Deps& deps, ExportFormat format, std::ostream& out);

}  // namespace parasol::service
