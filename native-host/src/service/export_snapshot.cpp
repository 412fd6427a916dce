#include "service/export_snapshot.hpp"

namespace parasol::service {
namespace {

bool continues_utf8(char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U;
}

}  // namespace

ExportPage export_page(const ExportSnapshot& snapshot, std::size_t offset, std::size_t max_bytes) {
    const std::string_view text = snapshot.text;
    if (offset >= text.size()) return {{}, std::nullopt};
    std::size_t end = offset + max_bytes;
    if (end >= text.size()) return {text.substr(offset), std::nullopt};
    const std::size_t newline = text.rfind('\n', end - 1);
    if (newline != std::string_view::npos && newline >= offset) {
        end = newline + 1;
    } else {
        while (end > offset && continues_utf8(text[end])) --end;
        if (end == offset) {  // one character longer than a page: take it whole
            end = offset + 1;
            while (end < text.size() && continues_utf8(text[end])) ++end;
        }
    }
    return {text.substr(offset, end - offset), end};
}

}  // namespace parasol::service
