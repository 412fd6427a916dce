// `parasol uninstall`: removes exactly what `parasol install` wrote (and the
// folders it made, once empty), and nothing else.
#include <catch2/catch.hpp>

#include "install_machine.hpp"

using namespace parasol::test;

namespace {

constexpr int kExitOk = 0;

void run_ok(const Machine& m, const std::vector<std::string>& args) {
    const CliResult r = m.cli(args);
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
}

}  // namespace

TEST_CASE("install then uninstall leaves the machine as it was, for each browser",
          "[install][uninstall]") {
    for (const bool system : {false, true}) {
        for (const auto& b : browser_places()) {
            INFO(b.key << (system ? " --system" : " per user"));
            Machine m;
            const auto home_before = snapshot(m.home());
            const auto root_before = snapshot(m.system_root());
            std::vector<std::string> install = {"install", "--browser", b.key};
            std::vector<std::string> uninstall = {"uninstall"};
            if (system) {
                install.emplace_back("--system");
                uninstall.emplace_back("--system");
            }
            run_ok(m, install);
            REQUIRE(fs::exists(system ? m.system_manifest(b.key) : m.user_manifest(b.key)));

            const CliResult r = m.cli(uninstall);
            INFO(r.describe());
            REQUIRE(r.exit_code == kExitOk);
            CHECK(r.out.find("removed") != std::string::npos);
            CHECK(snapshot(m.home()) == home_before);
            CHECK(snapshot(m.system_root()) == root_before);
        }
    }
}

TEST_CASE("uninstall keeps what install did not write", "[install][uninstall]") {
    Machine m;
    // A browser profile and another program's host manifest, there before Parasol.
    const fs::path hosts = m.home() / ".config/chromium/NativeMessagingHosts";
    write_text(hosts / "com.example.other.json", "{\"name\": \"com.example.other\"}\n");
    write_text(m.home() / ".config/chromium/Default/Preferences", "{}\n");
    const auto before = snapshot(m.home());

    run_ok(m, {"install", "--browser", "chromium", "--browser", "firefox"});
    run_ok(m, {"uninstall"});
    CHECK(snapshot(m.home()) == before);
}

TEST_CASE("a manifest changed after install is left alone, and the message says how to remove it",
          "[install][uninstall]") {
    Machine m;
    run_ok(m, {"install", "--browser", "brave"});
    const fs::path manifest = m.user_manifest("brave");
    const std::string edited = read_text_file(manifest) + "\n";
    write_text(manifest, edited);

    const CliResult r = m.cli({"uninstall"});
    INFO(r.describe());
    CHECK(r.exit_code == kExitOk);
    CHECK(read_text_file(manifest) == edited);
    CHECK(r.out.find("left " + manifest.string()) != std::string::npos);
    CHECK(r.out.find("rm " + manifest.string()) != std::string::npos);
}

TEST_CASE("without its record, uninstall removes only manifests exactly as install writes them",
          "[install][uninstall]") {
    Machine m;
    run_ok(m, {"install", "--browser", "chromium", "--browser", "firefox"});
    fs::remove(m.data_dir() / "install-record.json");
    // Someone's own Firefox manifest under our name: not provably ours.
    const std::string theirs = "{\"name\": \"org.parasol.host\", \"path\": \"/opt/theirs\"}\n";
    write_text(m.user_manifest("firefox"), theirs);

    const CliResult r = m.cli({"uninstall"});
    INFO(r.describe());
    CHECK(r.exit_code == kExitOk);
    CHECK(!fs::exists(m.user_manifest("chromium")));
    CHECK(read_text_file(m.user_manifest("firefox")) == theirs);
    CHECK(r.out.find("No record") != std::string::npos);
}

TEST_CASE("uninstall --browser removes that browser's manifest only, the rest can follow later",
          "[install][uninstall]") {
    Machine m;
    const auto before = snapshot(m.home());
    run_ok(m, {"install", "--browser", "chrome", "--browser", "firefox"});

    run_ok(m, {"uninstall", "--browser", "firefox"});
    CHECK(!fs::exists(m.user_manifest("firefox")));
    CHECK(!fs::exists(m.home() / ".mozilla"));  // made by install, now empty
    CHECK(fs::is_regular_file(m.user_manifest("chrome")));
    const auto record = nlohmann::json::parse(read_text_file(m.data_dir() / "install-record.json"));
    REQUIRE(record.at("files").size() == 1);
    CHECK(record["files"][0]["browser"] == "chrome");

    run_ok(m, {"uninstall"});
    CHECK(snapshot(m.home()) == before);
}

TEST_CASE("uninstall of a profile install removes the profile's manifest only",
          "[install][uninstall]") {
    Machine m;
    const fs::path profile = m.root() / "profile";
    fs::create_directories(profile / "Default");
    const auto before = snapshot(profile);
    run_ok(m, {"install", "--browser", "chromium", "--user-data-dir", profile.string()});
    REQUIRE(fs::exists(profile / "NativeMessagingHosts" / kManifestName));
    run_ok(m, {"uninstall"});
    CHECK(snapshot(profile) == before);
    CHECK(files_under(m.home()).empty());
}

TEST_CASE("the data folder install made stays when it holds data", "[install][uninstall]") {
    Machine m;
    run_ok(m, {"install", "--browser", "chromium"});
    run_ok(m, {"demo", "--days", "1"});
    run_ok(m, {"uninstall"});
    CHECK(!fs::exists(m.user_manifest("chromium")));
    CHECK(!fs::exists(m.data_dir() / "install-record.json"));
    CHECK(fs::is_regular_file(m.data_dir() / "parasol.db"));
}

TEST_CASE("uninstall with nothing installed says so and succeeds", "[install][uninstall]") {
    Machine m;
    for (const bool system : {false, true}) {
        INFO((system ? "--system" : "per user"));
        const CliResult r = system ? m.cli({"uninstall", "--system"}) : m.cli({"uninstall"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(files_under(m.home()).empty());
        CHECK(files_under(m.system_root()).empty());
    }
}
