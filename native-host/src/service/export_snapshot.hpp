#pragma once
// An export handed out in pages (data.export) and how it is cut.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parasol::service {

enum class ExportFormat { unknown, json_lines, csv };

// An export handed out in pages (data.export): the whole text is taken once,
// at the first page, and later pages read that snapshot, so a page boundary
// never tears a record and spans arriving meanwhile can't shift the offsets.
struct ExportSnapshot {
    std::uint64_t serial = 0;  // names this snapshot in cursors
    ExportFormat format = ExportFormat::unknown;
    std::string text;
};

// One page of `snapshot` from byte `offset`: at most `max_bytes` bytes, cut
// after a newline (records are lines) unless a single line is longer, and
// never inside a UTF-8 sequence. Returns the page and the next offset, or
// nullopt for the offset once the snapshot is exhausted.
struct ExportPage {
    std::string_view data;
    std::optional<std::size_t> next_offset;
};
ExportPage export_page(const ExportSnapshot& snapshot, std::size_t offset, std::size_t max_bytes);

}  // namespace parasol::service
