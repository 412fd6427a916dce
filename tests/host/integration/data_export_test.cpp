// data.export through the real host: the options page's export gives the
// same bytes as `parasol export`, in pages that each fit a native message.
#include <catch2/catch.hpp>
#include <string>

#include "support/clock.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

// Everything after the first line (the header, which carries exported_at).
std::string without_header(const std::string& text) {
    return text.substr(text.find('\n') + 1);
}

// Enough spans that the export needs several pages (about 250 bytes a line).
void write_many_spans(HostProcess& host, int count) {
    const std::int64_t day = utc_midnight(now_ms()) - 30 * kDay;
    for (int batch = 0; batch < count / 1000; ++batch) {
        json spans = json::array();
        for (int i = 0; i < 1000; ++i) {
            const int n = batch * 1000 + i;
            const std::int64_t start = day + n * kMinute;
            json span = creator_span("export-span-" + std::to_string(n), "youtube",
                                     "creator" + std::to_string(n % 37), start, start + 50000);
            span["label"] = "Ünïcödé \"quoted\" label " + std::to_string(n);
            spans.push_back(span);
        }
        host.call_ok("activity.record", {{"spans", spans}});
    }
}

std::string export_through_host(HostProcess& host, const std::string& format, int& pages) {
    std::string text;
    json body = {{"format", format}};
    pages = 0;
    while (true) {
        const json reply = host.call("data.export", body);
        REQUIRE(reply.at("ok") == true);
        REQUIRE(reply.dump().size() < 1048576);
        text += reply.at("body").at("data").get<std::string>();
        ++pages;
        if (reply.at("body").at("next_cursor").is_null()) break;
        body["cursor"] = reply.at("body").at("next_cursor");
    }
    return text;
}

}  // namespace

TEST_CASE("data.export pages join into exactly what parasol export writes", "[export]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    write_many_spans(*host, 12000);

    for (const std::string format : {"json", "csv"}) {
        INFO("format " << format);
        int pages = 0;
        const std::string paged = export_through_host(*host, format, pages);
        const CliResult cli = sandbox.cli({"export", "--format", format});
        REQUIRE(cli.exit_code == 0);
        CHECK(pages >= 3);
        if (format == "json") {
            CHECK(without_header(paged) == without_header(cli.out));
        } else {
            CHECK(paged == cli.out);
        }
    }
}

TEST_CASE("data.export reads one snapshot: spans arriving between pages don't tear it",
          "[export]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    write_many_spans(*host, 6000);
    const std::string before = sandbox.cli({"export", "--format", "csv"}).out;

    json reply = host->call_ok("data.export", {{"format", "csv"}});
    std::string text = reply.at("data");
    write_many_spans(*host, 1000);  // rewrites 1000 spans, changing nothing ...
    const std::int64_t start = now_ms() - kHour;
    host->call_ok("activity.record",  // ... and one new span, after the snapshot
                  {{"spans", json::array({creator_span("export-late-span", "twitch", "late", start,
                                                       start + kMinute)})}});
    while (!reply.at("next_cursor").is_null()) {
        reply =
            host->call_ok("data.export", {{"format", "csv"}, {"cursor", reply.at("next_cursor")}});
        text += reply.at("data").get<std::string>();
    }
    CHECK(text == before);
    CHECK(text.find("export-late-span") == std::string::npos);

    // A fresh export sees it, and the finished snapshot's cursor is gone.
    int pages = 0;
    CHECK(export_through_host(*host, "csv", pages).find("export-late-span") != std::string::npos);
}

TEST_CASE("data.export refuses a cursor of another format or a finished export", "[export]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    write_many_spans(*host, 4000);
    const json first = host->call_ok("data.export", {{"format", "json"}});
    REQUIRE(first.at("next_cursor").is_string());

    const json wrong_format =
        host->call("data.export", {{"format", "csv"}, {"cursor", first.at("next_cursor")}});
    CHECK(wrong_format.at("ok") == false);
    CHECK(wrong_format.at("error").at("path") == "/body/cursor");

    // A new export replaces the one in progress: the old cursor is refused.
    host->call_ok("data.export", {{"format", "json"}});
    const json stale =
        host->call("data.export", {{"format", "json"}, {"cursor", first.at("next_cursor")}});
    CHECK(stale.at("error").at("code") == "invalid");
}
