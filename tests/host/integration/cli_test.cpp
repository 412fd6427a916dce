// The `parasol` command line against data the real host wrote.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "support/clock.hpp"
#include "support/project_version.hpp"
#include "support/sandbox.hpp"
#include "support/wire_items.hpp"

using namespace parasol::test;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;
constexpr int kExitBadInput = 3;

// A small, known history written through the host, as the extension would.
struct History {
    std::int64_t day = 0;  // midnight UTC of the busiest day
    std::size_t spans = 0;
    std::size_t marks = 0;
};

History write_history(const Sandbox& sandbox) {
    History h;
    h.day = utc_midnight(now_ms()) - 2 * kDay;
    const std::int64_t d = h.day;
    auto host = sandbox.start_host();
    json alice = creator_span("cli-alice-01", "youtube", "alice", d + 9 * kHour, d + 11 * kHour);
    alice["label"] = "Alice Example";
    json bob = creator_span("cli-bob-0001", "twitch", "bob", d + 20 * kHour, d + 21 * kHour, 60,
                            "audible");
    bob["label"] = "Bob, \"the\" Streamer";  // a comma and quotes for the CSV
    const json spans = {
        alice,
        bob,
        creator_span("cli-carol-01", "patreon", "carol", d + 23 * kHour, d + 25 * kHour),
        connection_span("cli-call-001", "meet", d + 12 * kHour, d + 13 * kHour),
    };
    const json marks = {mark("cli-mark-001", "spend", "twitch", "bob", d + 20 * kHour + kMinute),
                        mark("cli-mark-002", "chat", "twitch", "bob", d + 20 * kHour, 12)};
    host->call_ok("activity.record", {{"spans", spans}, {"marks", marks}});
    host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", "alice"}});
    host->call_ok("creators.update",
                  {{"platform", "youtube"}, {"handle", "alice"}, {"daily_budget_min", 60}});
    host->call_ok("checkin.record",
                  {{"date", utc_date(d)}, {"social_min", 40}, {"felt", "autopilot"}});
    host->close_stdin();
    host->wait_exit(std::chrono::seconds(10));
    h.spans = spans.size();
    h.marks = marks.size();
    return h;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// Span, mark and check-in lines of an export, sorted: the data, without the
// header's timestamp or a creator's follow time (set when imported).
std::vector<std::string> data_lines(const Sandbox& sandbox) {
    std::vector<std::string> lines;
    for (const auto& line : sandbox.export_lines()) {
        const std::string type = line.value("type", "");
        if (type == "span" || type == "mark" || type == "checkin") lines.push_back(line.dump());
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

void write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
}

}  // namespace

TEST_CASE("parasol report shows the creators and the balance sentence", "[cli]") {
    Sandbox sandbox;
    const History h = write_history(sandbox);
    const CliResult r = sandbox.cli({"report", "--days", "7"});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    CHECK(r.out.find("Alice Example") != std::string::npos);
    CHECK(r.out.find("Bob, \"the\" Streamer") != std::string::npos);
    CHECK(r.out.find("carol") != std::string::npos);  // no label: the handle
    CHECK(r.out.find("with your people") != std::string::npos);
    CHECK(r.out.find("with creators") != std::string::npos);
    CHECK(r.out.find(utc_date(h.day)) != std::string::npos);
    // Not a terminal: no colour codes in a file or a pipe.
    CHECK(r.out.find('\x1b') == std::string::npos);

    SECTION("--data-dir names the folder explicitly") {
        Sandbox other;
        const CliResult elsewhere = run_cli(
            {"report", "--data-dir", sandbox.data_dir().string(), "--days", "7"}, other.env());
        INFO(elsewhere.describe());
        CHECK(elsewhere.exit_code == kExitOk);
        CHECK(elsewhere.out.find("Alice Example") != std::string::npos);
    }
}

TEST_CASE("parasol report --json is summary.get's reply body for the same range", "[cli]") {
    Sandbox sandbox;
    const History h = write_history(sandbox);
    const std::string until = utc_date(h.day + kDay);
    for (int days : {1, 3, 7}) {
        INFO("days " << days);
        const CliResult r =
            sandbox.cli({"report", "--json", "--days", std::to_string(days), "--until", until});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        auto host = sandbox.start_host();
        const json expected = host->call_ok("summary.get", {{"days", days}, {"until", until}});
        CHECK(json::parse(r.out) == expected);
    }
}

TEST_CASE("export, import into a fresh folder, export again: the same data", "[cli][import]") {
    Sandbox source;
    const History h = write_history(source);
    const auto file = source.root() / "export.jsonl";
    const CliResult exported = source.cli({"export", "--format", "json", "-o", file.string()});
    INFO(exported.describe());
    REQUIRE(exported.exit_code == kExitOk);
    const std::vector<std::string> before = data_lines(source);
    CHECK(before.size() == h.spans + h.marks + 1);

    Sandbox target;
    const CliResult first = target.cli({"import", file.string()});
    INFO(first.describe());
    REQUIRE(first.exit_code == kExitOk);
    CHECK(first.out.find(std::to_string(h.spans + h.marks) + " new") != std::string::npos);
    CHECK(data_lines(target) == before);

    // Followed creators and budgets travel too.
    auto host = target.start_host();
    const json list = host->call_ok("creators.list")["creators"];
    REQUIRE(!list.empty());
    CHECK(list[0]["handle"] == "alice");
    CHECK(list[0]["followed"] == true);
    CHECK(list[0]["daily_budget_min"] == 60);

    SECTION("importing the same file again changes nothing and says 0 new") {
        const CliResult second = target.cli({"import", file.string()});
        INFO(second.describe());
        REQUIRE(second.exit_code == kExitOk);
        CHECK(second.out.find("0 new") != std::string::npos);
        CHECK(data_lines(target) == before);
    }

    SECTION("importing into the folder it came from changes nothing") {
        const CliResult again = source.cli({"import", file.string()});
        INFO(again.describe());
        REQUIRE(again.exit_code == kExitOk);
        CHECK(again.out.find("0 new") != std::string::npos);
        CHECK(data_lines(source) == before);
    }
}

TEST_CASE("a malformed import file imports nothing, exits 3 and names the line and field",
          "[cli][import]") {
    Sandbox sandbox;
    const History h = write_history(sandbox);
    const std::vector<std::string> before = data_lines(sandbox);

    // A real export's header and a good new span, then the damage.
    const std::string header = lines_of(sandbox.cli({"export", "--format", "json"}).out).at(0);
    const std::int64_t t = h.day + 5 * kHour;
    auto span_line = [&](const std::string& id, std::int64_t start, std::int64_t end) {
        json line = creator_span(id, "youtube", "dave", start, end);
        line["type"] = "span";
        return line.dump();
    };
    const std::string good = span_line("import-good-1", t, t + kHour);
    const std::string good2 = span_line("import-good-2", t + 2 * kHour, t + 3 * kHour);
    const std::string backwards = span_line("import-back-1", t + kHour, t);

    struct Case {
        std::string name;
        std::string text;
        std::string line;   // what the message must name
        std::string field;  // "" when there is no field to name
    };
    const std::vector<Case> cases = {
        {"bad JSON on line 3, a backwards span on line 4",
         header + "\n" + good + "\n{\"type\": \"span\", oops\n" + backwards + "\n", "line 3", ""},
        {"a backwards span on line 4",
         header + "\n" + good + "\n" + good2 + "\n" + backwards + "\n", "line 4", "end"},
        {"a span with an unknown field on line 2",
         header + "\n" +
             [&] {
                 json line = json::parse(good);
                 line["colour"] = "red";
                 return line.dump();
             }() +
             "\n",
         "line 2", "colour"},
        {"not an export at all", "{\"hello\": 1}\n" + good + "\n", "line 1", "format"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = sandbox.root() / "bad.jsonl";
        write_file(file, c.text);
        const CliResult r = sandbox.cli({"import", file.string()});
        INFO(r.describe());
        CHECK(r.exit_code == kExitBadInput);
        CHECK(r.err.find(c.line) != std::string::npos);
        if (!c.field.empty()) CHECK(r.err.find(c.field) != std::string::npos);
        CHECK(data_lines(sandbox) == before);
    }
}

TEST_CASE("parasol export --format csv has a header and one row per span", "[cli]") {
    Sandbox sandbox;
    const History h = write_history(sandbox);
    const auto file = sandbox.root() / "export.csv";
    const CliResult r = sandbox.cli({"export", "--format", "csv", "--output", file.string()});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    const std::string text = read_text_file(file);
    const auto lines = lines_of(text);
    REQUIRE(!lines.empty());
    CHECK(lines[0].rfind("record,id,", 0) == 0);
    const auto span_rows = std::count_if(
        lines.begin(), lines.end(), [](const std::string& l) { return l.rfind("span,", 0) == 0; });
    CHECK(static_cast<std::size_t>(span_rows) == h.spans);
    for (const char* id : {"cli-alice-01", "cli-bob-0001", "cli-carol-01", "cli-call-001"}) {
        INFO(id);
        CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
                  return l.find(std::string(",") + id + ",") != std::string::npos;
              }) == 1);
    }
    // The label with a comma and quotes is one quoted field.
    CHECK(text.find("\"Bob, \"\"the\"\" Streamer\"") != std::string::npos);
}

TEST_CASE("parasol demo fills a data folder that report can show", "[cli]") {
    Sandbox sandbox;
    const CliResult demo = sandbox.cli({"demo", "--days", "3"});
    INFO(demo.describe());
    REQUIRE(demo.exit_code == kExitOk);
    const CliResult report = sandbox.cli({"report", "--json", "--days", "3"});
    INFO(report.describe());
    REQUIRE(report.exit_code == kExitOk);
    CHECK(json::parse(report.out)["totals"]["creator_s"].get<std::int64_t>() > 0);
}

TEST_CASE("parasol --help works, and so does every subcommand's", "[cli]") {
    Sandbox sandbox;
    const std::vector<std::vector<std::string>> invocations = {
        {"--help"},           {"report", "--help"}, {"export", "--help"},
        {"import", "--help"}, {"demo", "--help"},   {"--data-dir", "/nonexistent", "--help"},
    };
    for (const auto& args : invocations) {
        INFO(args.front() << " " << args.back());
        const CliResult r = sandbox.cli(args);
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(!r.out.empty());
    }
    CHECK(sandbox.cli({"--help"}).out.find("report") != std::string::npos);
    CHECK(sandbox.cli({"import", "--help"}).out.find("FILE") != std::string::npos);
}

TEST_CASE("usage errors exit 2 and say what was wrong", "[cli]") {
    Sandbox sandbox;
    const std::vector<std::vector<std::string>> invocations = {
        {"report", "--bogus"},
        {"--bogus"},
        {"frobnicate"},
        {},
        {"report", "--days", "0"},
        {"report", "--days", "many"},
        {"report", "--until", "2026-13-01"},
        {"report", "--until", "0000-01-01", "--days", "2"},  // printed "-0001-12-31"
        {"export", "--format", "xml"},
        {"import"},
    };
    for (const auto& args : invocations) {
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        INFO("parasol " << shown);
        const CliResult r = sandbox.cli(args);
        INFO(r.describe());
        CHECK(r.exit_code == kExitUsage);
        CHECK(!r.err.empty());
    }
}

TEST_CASE("a data folder that can't be used is a runtime failure, exit 1", "[cli]") {
    Sandbox sandbox;
    const auto not_a_folder = sandbox.root() / "a-file";
    write_file(not_a_folder, "this is a file, not a folder\n");
    const CliResult r = sandbox.cli({"report", "--data-dir", not_a_folder.string()});
    INFO(r.describe());
    CHECK(r.exit_code == kExitFailure);
    CHECK(!r.err.empty());
}

TEST_CASE("parasol --version prints the version in VERSION", "[cli]") {
    Sandbox sandbox;
    const std::string version = project_version();
    REQUIRE(!version.empty());
    const CliResult cli = sandbox.cli({"--version"});
    INFO(cli.describe());
    CHECK(cli.exit_code == kExitOk);
    CHECK(cli.out.find(version) != std::string::npos);
    const CliResult host =
        run_program(PARASOL_HOST_BIN, "parasol-host", {"--version"}, sandbox.env());
    INFO(host.describe());
    CHECK(host.exit_code == kExitOk);
    CHECK(host.out.find(version) != std::string::npos);
}
