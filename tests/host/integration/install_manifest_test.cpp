// `parasol install`: the host manifests it writes for each browser, per user
// and system-wide, their contents and modes, and what it refuses.
#include <catch2/catch.hpp>

#include "install_machine.hpp"

using namespace parasol::test;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

fs::path built_host() {
    return fs::canonical(PARASOL_HOST_BIN);
}

std::string manifest_path_field(const fs::path& manifest) {
    return nlohmann::json::parse(read_text_file(manifest)).at("path").get<std::string>();
}

std::string fill_template(std::string text, const std::string& placeholder,
                          const std::string& value) {
    const auto at = text.find(placeholder);
    REQUIRE(at != std::string::npos);
    return text.replace(at, placeholder.size(), value);
}

}  // namespace

TEST_CASE("install --browser NAME writes that browser's per-user manifest, 0644, by its rules",
          "[install]") {
    for (const auto& b : browser_places()) {
        INFO("browser " << b.key);
        Machine m;
        const CliResult r = m.cli({"install", "--browser", b.key});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        const fs::path manifest = m.user_manifest(b.key);
        REQUIRE(fs::is_regular_file(manifest));
        CHECK(mode_of(manifest) == 0644U);
        CHECK(mode_of(manifest.parent_path()) == 0755U);
        const std::string text = read_text_file(manifest);
        CHECK(manifest_rule_breaks(text, b.firefox) == "");
        // Only Parasol's own extension, and the real host beside the CLI.
        CHECK(allowed_of(text, b.firefox) ==
              std::vector<std::string>{b.firefox ? kGeckoId : origin(kDevChromiumId)});
        CHECK(fs::path(manifest_path_field(manifest)) == built_host());
        CHECK(r.out.find(manifest.string()) != std::string::npos);

        // Nothing else in HOME but the record of what was written; nothing system-wide.
        std::vector<std::string> expected = {
            fs::relative(m.data_dir() / "install-record.json", m.home()).string(),
            fs::relative(manifest, m.home()).string()};
        std::sort(expected.begin(), expected.end());
        CHECK(files_under(m.home()) == expected);
        CHECK(files_under(m.system_root()).empty());
    }
}

TEST_CASE("install --system writes the system-wide manifest under the root, for every user",
          "[install]") {
    for (const auto& b : browser_places()) {
        INFO("browser " << b.key);
        Machine m;
        const CliResult r = m.cli({"install", "--system", "--browser", b.key});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        const fs::path manifest = m.system_manifest(b.key);
        REQUIRE(fs::is_regular_file(manifest));
        CHECK(mode_of(manifest) == 0644U);
        // Every user's browser must be able to read it, whatever the umask.
        for (auto dir = manifest.parent_path(); dir != m.system_root(); dir = dir.parent_path()) {
            INFO(dir);
            CHECK(mode_of(dir) == 0755U);
        }
        const std::string text = read_text_file(manifest);
        CHECK(manifest_rule_breaks(text, b.firefox) == "");
        CHECK(fs::path(manifest_path_field(manifest)) == built_host());
        CHECK(fs::is_regular_file(m.system_record()));
        // A system-wide install touches no one's home, not even the data folder.
        CHECK(files_under(m.home()).empty());
        CHECK(!fs::exists(m.data_dir()));
    }

    SECTION("the hidden --root option does the same as PARASOL_SYSTEM_ROOT") {
        Machine m;
        TempDir other;
        const CliResult r = m.cli(
            {"install", "--system", "--browser", "chromium", "--root", other.path().string()});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        CHECK(fs::is_regular_file(other /
                                  "etc/chromium/native-messaging-hosts/org.parasol.host.json"));
        CHECK(files_under(m.system_root()).empty());
    }
}

TEST_CASE("the manifests are the templates in packaging/ filled in", "[install]") {
    Machine m;
    const CliResult r = m.cli({"install", "--browser", "all"});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    const std::string host = "\"" + built_host().string() + "\"";
    const std::string source = PARASOL_SOURCE_DIR;
    const std::string chromium = fill_template(
        fill_template(read_text_file(source + "/packaging/host-manifest/chromium.json.in"),
                      "@HOST_PATH@", host),
        "@ALLOWED_ORIGINS@", "[\"" + origin(kDevChromiumId) + "\"]");
    const std::string firefox = fill_template(
        fill_template(read_text_file(source + "/packaging/host-manifest/firefox.json.in"),
                      "@HOST_PATH@", host),
        "@ALLOWED_EXTENSIONS@", std::string("[\"") + kGeckoId + "\"]");
    for (const auto& b : browser_places()) {
        INFO(b.key);
        CHECK(read_text_file(m.user_manifest(b.key)) == (b.firefox ? firefox : chromium));
    }
}

TEST_CASE("install twice: the same files, reported unchanged, recorded once", "[install]") {
    for (const bool system : {false, true}) {
        INFO((system ? "--system" : "per user"));
        Machine m;
        std::vector<std::string> args = {"install", "--browser", "chromium", "--browser",
                                         "firefox"};
        if (system) args.emplace_back("--system");
        const CliResult first = m.cli(args);
        INFO(first.describe());
        REQUIRE(first.exit_code == kExitOk);
        const auto home_before = snapshot(m.home());
        const auto root_before = snapshot(m.system_root());

        const CliResult second = m.cli(args);
        INFO(second.describe());
        REQUIRE(second.exit_code == kExitOk);
        CHECK(second.out.find("unchanged") != std::string::npos);
        CHECK(second.out.find("wrote") == std::string::npos);
        CHECK(snapshot(m.home()) == home_before);
        CHECK(snapshot(m.system_root()) == root_before);
        const auto record = nlohmann::json::parse(
            read_text_file(system ? m.system_record() : m.data_dir() / "install-record.json"));
        CHECK(record.at("files").size() == 2);
    }
}

TEST_CASE("a manifest someone changed is put right by the next install", "[install]") {
    Machine m;
    REQUIRE(m.cli({"install", "--browser", "chrome"}).exit_code == kExitOk);
    const std::string good = read_text_file(m.user_manifest("chrome"));
    write_text(m.user_manifest("chrome"), "{\"name\": \"org.parasol.host\"}");
    fs::permissions(m.user_manifest("chrome"), fs::perms::owner_read | fs::perms::owner_write);
    const CliResult r = m.cli({"install", "--browser", "chrome"});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    CHECK(read_text_file(m.user_manifest("chrome")) == good);
    CHECK(mode_of(m.user_manifest("chrome")) == 0644U);
}

TEST_CASE("install without --browser writes for the browsers found, and only those", "[install]") {
    SECTION("none found: nothing written, exit 1, and the message says how to name one") {
        Machine m;
        const CliResult r = m.cli({"install"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitFailure);
        CHECK(r.err.find("--browser") != std::string::npos);
        CHECK(files_under(m.home()).empty());
    }
    SECTION("found on PATH or by their profile folder") {
        Machine m;
        m.plant_executable("vivaldi");
        fs::create_directories(m.home() / ".mozilla/firefox");
        const CliResult r = m.cli({"install"});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        for (const auto& b : browser_places()) {
            INFO(b.key);
            const bool expected = b.key == "vivaldi" || b.key == "firefox";
            CHECK(fs::exists(m.user_manifest(b.key)) == expected);
        }
    }
    SECTION("--browser all writes every browser's") {
        Machine m;
        const CliResult r = m.cli({"install", "--browser", "all"});
        INFO(r.describe());
        REQUIRE(r.exit_code == kExitOk);
        for (const auto& b : browser_places()) {
            INFO(b.key);
            CHECK(fs::is_regular_file(m.user_manifest(b.key)));
        }
    }
}

TEST_CASE("install --extension-id adds an id to its own family's manifests only", "[install]") {
    Machine m;
    const std::string mine = "abcdefghijklmnopabcdefghijklmnop";
    const CliResult r = m.cli({"install", "--browser", "chromium", "--browser", "firefox",
                               "--extension-id", mine, "--extension-id", "me@example.org"});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    CHECK(allowed_of(read_text_file(m.user_manifest("chromium")), false) ==
          std::vector<std::string>{origin(kDevChromiumId), origin(mine)});
    CHECK(allowed_of(read_text_file(m.user_manifest("firefox")), true) ==
          std::vector<std::string>{kGeckoId, "me@example.org"});
    for (const char* key : {"chromium", "firefox"}) {
        CHECK(manifest_rule_breaks(read_text_file(m.user_manifest(key)),
                                   std::string(key) == "firefox") == "");
    }
}

TEST_CASE("install --user-data-dir writes where Chromium with that profile looks", "[install]") {
    Machine m;
    const fs::path profile = m.root() / "profile";
    const CliResult r =
        m.cli({"install", "--browser", "chromium", "--user-data-dir", profile.string()});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    const fs::path manifest = profile / "NativeMessagingHosts" / kManifestName;
    REQUIRE(fs::is_regular_file(manifest));
    CHECK(manifest_rule_breaks(read_text_file(manifest), false) == "");
    CHECK(!fs::exists(m.user_manifest("chromium")));
}

TEST_CASE("install --host-path names another host (absolute)", "[install]") {
    Machine m;
    const fs::path host = m.root() / "opt/parasol/parasol-host";
    fs::create_directories(host.parent_path());
    fs::copy_file(PARASOL_HOST_BIN, host);
    const CliResult r = m.cli({"install", "--browser", "edge", "--host-path", host.string()});
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
    CHECK(manifest_path_field(m.user_manifest("edge")) == host.string());
}

TEST_CASE("install refuses what it can't do right, exit 2, and writes nothing", "[install]") {
    const std::vector<std::vector<std::string>> invocations = {
        {"install", "--browser", "netscape"},
        {"install", "--browser", "chromium", "--extension-id", "not-an-id"},
        {"install", "--browser", "chromium", "--extension-id", "ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"},
        {"install", "--browser", "chromium", "--host-path", "relative/parasol-host"},
        {"install", "--system", "--user-data-dir", "/tmp/profile"},
        {"uninstall", "--browser", "netscape"},
        {"doctor", "--browser", "netscape"},
    };
    for (const auto& args : invocations) {
        std::string shown;
        for (const auto& a : args) shown += a + " ";
        INFO("parasol " << shown);
        Machine m;
        const CliResult r = m.cli(args);
        INFO(r.describe());
        CHECK(r.exit_code == kExitUsage);
        CHECK(!r.err.empty());
        CHECK(files_under(m.home()).empty());
        CHECK(files_under(m.system_root()).empty());
    }
}

TEST_CASE("install, uninstall and doctor have --help", "[install]") {
    Machine m;
    for (const char* command : {"install", "uninstall", "doctor"}) {
        INFO(command);
        const CliResult r = m.cli({command, "--help"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(r.out.find("--browser") != std::string::npos);
    }
    const CliResult top = m.cli({"--help"});
    for (const char* command : {"install", "uninstall", "doctor"}) {
        CHECK(top.out.find(command) != std::string::npos);
    }
}
