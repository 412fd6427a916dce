#include "service/data_export.hpp"

#include <charconv>
#include <sstream>

#include "protocol/error_code.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"

namespace parasol::service::handlers {
namespace {

// Raw text per page: JSON escaping can nearly double it (every quote of a
// JSON line becomes \"), and the reply must stay under 1 MiB.
constexpr std::size_t kPageBytes = 400 * 1024;

struct Cursor {
    std::uint64_t serial = 0;
    std::size_t offset = 0;
};

std::string encode_cursor(std::uint64_t serial, std::size_t offset) {
    return "x" + std::to_string(serial) + ":" + std::to_string(offset);
}

std::optional<Cursor> decode_cursor(const std::string& text) {
    Cursor cursor;
    const std::size_t colon = text.find(':');
    if (text.size() < 4 || text[0] != 'x' || colon == std::string::npos) return std::nullopt;
    const char* first = text.data() + 1;
    const char* middle = text.data() + colon;
    const char* last = text.data() + text.size();
    auto [serial_end, serial_error] = std::from_chars(first, middle, cursor.serial);
    auto [offset_end, offset_error] = std::from_chars(middle + 1, last, cursor.offset);
    if (serial_error != std::errc{} || serial_end != middle || offset_error != std::errc{} ||
        offset_end != last) {
        return std::nullopt;
    }
    return cursor;
}

}  // namespace

json data_export(const json& body, Deps& deps) {
    const protocol::DataExportRequest request = protocol::decode_data_export(body);
    const ExportFormat format = export_format_from(request.format);
    std::size_t offset = 0;
    if (request.cursor) {
        const std::optional<Cursor> cursor = decode_cursor(*request.cursor);
        if (!cursor || !deps.export_snapshot || deps.export_snapshot->serial != cursor->serial ||
            deps.export_snapshot->format != format ||
            cursor->offset > deps.export_snapshot->text.size()) {
            throw protocol::ProtocolError(
                protocol::ErrorCode::invalid,
                "body.cursor: is not a cursor of the export in progress (start again without one)",
                "/body/cursor");
        }
        offset = cursor->offset;
    } else {
        std::ostringstream text;
        write_export(deps, format, text);
        deps.export_snapshot = ExportSnapshot{++deps.export_serial, format, std::move(text).str()};
    }
    const ExportPage page = export_page(*deps.export_snapshot, offset, kPageBytes);
    json reply = {{"data", std::string(page.data)}, {"next_cursor", nullptr}};
    if (page.next_offset) {
        reply["next_cursor"] = encode_cursor(deps.export_snapshot->serial, *page.next_offset);
    } else {
        deps.export_snapshot.reset();  // handed out in full: give the memory back
    }
    return reply;
}

}  // namespace parasol::service::handlers
