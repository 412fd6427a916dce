// How an export is cut into pages: at line ends, never inside a character.
#include "service/export_snapshot.hpp"

#include <catch2/catch.hpp>
#include <string>

using parasol::service::export_page;
using parasol::service::ExportFormat;
using parasol::service::ExportSnapshot;

namespace {

std::string join_pages(const ExportSnapshot& snapshot, std::size_t max_bytes, int& pages) {
    std::string joined;
    std::size_t offset = 0;
    pages = 0;
    while (true) {
        const auto page = export_page(snapshot, offset, max_bytes);
        CHECK(page.data.size() <= max_bytes);
        joined += page.data;
        ++pages;
        if (!page.next_offset) return joined;
        REQUIRE(*page.next_offset > offset);
        offset = *page.next_offset;
    }
}

}  // namespace

TEST_CASE("export pages end after a newline and join back into the whole text") {
    struct Case {
        const char* name;
        std::string text;
        std::size_t max_bytes;
        int pages;
        std::string first_page;
    };
    const std::string lines = "aaaa\nbbbb\ncccc\n";  // 5 bytes a line
    const Case cases[] = {
        {"fits in one page", lines, 100, 1, lines},
        {"exactly one page", lines, 15, 1, lines},
        {"two lines a page", lines, 10, 2, "aaaa\nbbbb\n"},
        {"cut back to the last line end", lines, 12, 2, "aaaa\nbbbb\n"},
        {"a line longer than a page is cut", "aaaaaaaaaa\nb\n", 4, 4, "aaaa"},
        {"a 2-byte character is never split", "\xC3\xA9\xC3\xA9\xC3\xA9", 3, 3, "\xC3\xA9"},
        {"a 4-byte character is never split", "a\xF0\x9F\x98\x80z", 4, 3, "a"},
        {"empty export", "", 10, 1, ""},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const ExportSnapshot snapshot{1, ExportFormat::csv, c.text};
        CHECK(export_page(snapshot, 0, c.max_bytes).data == c.first_page);
        int pages = 0;
        CHECK(join_pages(snapshot, c.max_bytes, pages) == c.text);
        CHECK(pages == c.pages);
    }
}
