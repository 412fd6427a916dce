// One parasol.db, many users at once: the host (with its digest worker's
// second connection), the CLI, a second browser's host. No commit may land
// anywhere but the shared file.
#include <catch2/catch.hpp>

#include "support/sandbox.hpp"

using namespace parasol::test;

namespace {

bool lists(HostProcess& host, const std::string& handle) {
    const json page = host.call_ok("creators.list", {{"limit", 1000}});
    for (const auto& creator : page.at("creators")) {
        if (creator.at("handle") == handle) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("writes made after the CLI opened and closed the file reach the other processes",
          "[durability]") {
    Sandbox sandbox;
    auto host = sandbox.start_host();
    host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", "before"}});

    // Another process opens the file and leaves. Were this host's locks gone
    // (a stray open/close of parasol.db inside the host), the CLI would take
    // itself for the last user and delete the WAL the host still writes to.
    for (int round = 0; round < 3; ++round) {
        REQUIRE(sandbox.cli({"report"}).exit_code == 0);
    }
    host->call_ok("creators.follow", {{"platform", "youtube"}, {"handle", "after"}});

    auto other = sandbox.start_host();
    CHECK(lists(*other, "before"));
    CHECK(lists(*other, "after"));
    other->close_stdin();
    other->wait_exit(std::chrono::seconds(10));

    host->close_stdin();
    host->wait_exit(std::chrono::seconds(10));
    const CliResult export_after = sandbox.cli({"export", "--format", "json"});
    CHECK(export_after.out.find("\"after\"") != std::string::npos);
    INFO(sandbox.host_log());
}
