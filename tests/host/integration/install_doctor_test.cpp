// `parasol doctor`: a healthy install passes for every browser; each planted
// fault is found, exits 1, and comes with the command that fixes it; and the
// check itself changes nothing.
#include <catch2/catch.hpp>
#include <functional>
#include <random>

#include "install_machine.hpp"
#include "support/sqlite_probe.hpp"

using namespace parasol::test;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;

void run_ok(const Machine& m, const std::vector<std::string>& args) {
    const CliResult r = m.cli(args);
    INFO(r.describe());
    REQUIRE(r.exit_code == kExitOk);
}

bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The line after the first FAIL line that mentions `about`: its fix.
std::string fix_for(const std::string& out, const std::string& about) {
    const auto fail = out.find("FAIL");
    for (auto at = fail; at != std::string::npos; at = out.find("FAIL", at + 1)) {
        const auto end = out.find('\n', at);
        if (out.substr(at, end - at).find(about) == std::string::npos) continue;
        const auto fix = out.find("fix: ", end);
        if (fix == std::string::npos) return "";
        return out.substr(fix + 5, out.find('\n', fix) - fix - 5);
    }
    return "";
}

std::string garbage(std::size_t size) {
    std::string bytes(size, '\0');
    std::mt19937 rng(7);
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xFFU);
    bytes.replace(0, 12, "NOT A SQLITE");
    return bytes;
}

}  // namespace

TEST_CASE("doctor passes a healthy install for every browser, and starts the host", "[doctor]") {
    for (const bool system : {false, true}) {
        for (const auto& b : browser_places()) {
            INFO(b.key << (system ? " --system" : " per user"));
            Machine m;
            std::vector<std::string> install = {"install", "--browser", b.key};
            if (system) install.emplace_back("--system");
            run_ok(m, install);
            const CliResult r = m.cli({"doctor", "--browser", b.key});
            INFO(r.describe());
            CHECK(r.exit_code == kExitOk);
            CHECK(has(r.out, "No problems found"));
            CHECK(has(r.out, "answers hello (protocol 1"));
            CHECK(!has(r.out, "FAIL"));
            CHECK(has(r.out, system ? "(system)" : "(user)"));
        }
    }
}

TEST_CASE("doctor checks a real database and changes nothing", "[doctor]") {
    Machine m;
    run_ok(m, {"install", "--browser", "chromium"});
    run_ok(m, {"demo", "--days", "3"});
    const auto before = snapshot(m.root());
    const CliResult r = m.cli({"doctor", "--browser", "chromium"});
    INFO(r.describe());
    CHECK(r.exit_code == kExitOk);
    CHECK(has(r.out, "passes SQLite's check"));
    CHECK(snapshot(m.root()) == before);

    SECTION("and on a fresh machine it does not even make the data folder") {
        Machine fresh;
        run_ok(fresh, {"install", "--browser", "chromium", "--data-dir",
                       (fresh.root() / "elsewhere").string()});
        const CliResult again = fresh.cli({"doctor", "--browser", "chromium"});
        INFO(again.describe());
        CHECK(again.exit_code == kExitOk);
        CHECK(has(again.out, "does not exist yet"));
        CHECK(!fs::exists(fresh.data_dir()));
    }
}

TEST_CASE("doctor finds each planted fault, exits 1 and names the fix", "[doctor]") {
    struct Fault {
        std::string name;
        std::string browser;
        std::function<void(const Machine&)> plant;
        std::string found;                               // part of the FAIL line
        std::function<std::string(const Machine&)> fix;  // part of the fix line
    };
    const std::vector<Fault> faults = {
        {"no manifest", "chromium", [](const Machine&) {}, "no host manifest for Chromium",
         [](const Machine&) { return "install --browser chromium"; }},
        {"manifest removed after install", "firefox",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "firefox"});
             fs::remove(m.user_manifest("firefox"));
         },
         "no host manifest for Firefox",
         [](const Machine&) { return "install --browser firefox"; }},
        {"wrong extension id", "chrome",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chrome"});
             auto j = nlohmann::json::parse(read_text_file(m.user_manifest("chrome")));
             j["allowed_origins"] = {origin("abcdefghijklmnopabcdefghijklmnop")};
             write_text(m.user_manifest("chrome"), j.dump(2));
         },
         "does not allow Parasol's extension",
         [](const Machine&) { return "install --browser chrome"; }},
        {"wrong Firefox id", "firefox",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "firefox"});
             auto j = nlohmann::json::parse(read_text_file(m.user_manifest("firefox")));
             j["allowed_extensions"] = {"someone@else.org"};
             write_text(m.user_manifest("firefox"), j.dump(2));
         },
         "does not allow Parasol's extension",
         [](const Machine&) { return "install --browser firefox"; }},
        {"a stranger allowed besides Parasol", "edge",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "edge"});
             auto j = nlohmann::json::parse(read_text_file(m.user_manifest("edge")));
             j["allowed_origins"].push_back(origin("abcdefghijklmnopabcdefghijklmnop"));
             write_text(m.user_manifest("edge"), j.dump(2));
         },
         "also lets abcdefghijklmnopabcdefghijklmnop",
         [](const Machine&) { return "install --browser edge"; }},
        {"manifest breaks the browser's rules", "vivaldi",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "vivaldi"});
             auto j = nlohmann::json::parse(read_text_file(m.user_manifest("vivaldi")));
             j["type"] = "pipe";
             j["path"] = "parasol-host";
             write_text(m.user_manifest("vivaldi"), j.dump(2));
         },
         "/type: must be \"stdio\"", [](const Machine&) { return "install --browser vivaldi"; }},
        {"not JSON", "brave",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "brave"});
             write_text(m.user_manifest("brave"), "{\"name\": ");
         },
         "not JSON", [](const Machine&) { return "install --browser brave"; }},
        {"host binary not executable", "chromium",
         [](const Machine& m) {
             const fs::path host = m.root() / "host/parasol-host";
             fs::create_directories(host.parent_path());
             fs::copy_file(PARASOL_HOST_BIN, host);
             fs::permissions(host, fs::perms::owner_read | fs::perms::owner_write |
                                       fs::perms::group_read | fs::perms::others_read);
             run_ok(m, {"install", "--browser", "chromium", "--host-path", host.string()});
         },
         "is not an executable file (mode 0644)",
         [](const Machine& m) { return "chmod 755 " + (m.root() / "host/parasol-host").string(); }},
        {"host binary gone", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium", "--host-path",
                        (m.root() / "gone/parasol-host").string()});
         },
         "which does not exist", [](const Machine&) { return "install --browser chromium"; }},
        {"host binary that does not answer", "firefox",
         [](const Machine& m) {
             const fs::path host = m.root() / "host/parasol-host";
             write_text(host, "#!/bin/sh\necho 'cannot open libparasol' >&2\nexit 3\n");
             fs::permissions(host, fs::perms::owner_all);
             run_ok(m, {"install", "--browser", "firefox", "--host-path", host.string()});
         },
         "does not answer hello",
         [](const Machine& m) { return (m.root() / "host/parasol-host").string() + " --version"; }},
        {"data folder not writable", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium"});
             fs::permissions(m.data_dir(), fs::perms::owner_read | fs::perms::owner_exec);
         },
         "the data folder is not writable (mode 0500)",
         [](const Machine& m) { return "chmod 700 " + m.data_dir().string(); }},
        {"data folder is a file", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium", "--data-dir",
                        (m.root() / "record").string()});
             write_text(m.data_dir(), "not a folder\n");
         },
         "is not a folder", [](const Machine& m) { return "mv " + m.data_dir().string(); }},
        {"database not a database", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium"});
             write_text(m.data_dir() / "parasol.db", garbage(64 * 1024));
         },
         "the database is damaged",
         [](const Machine& m) { return "mv " + (m.data_dir() / "parasol.db").string(); }},
        {"database with damaged pages", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium"});
             run_ok(m, {"demo", "--days", "30"});
             const fs::path db = m.data_dir() / "parasol.db";
             // Keep page 1 (header and schema), wreck every later page's b-tree header.
             std::string bytes = read_text_file(db);
             REQUIRE(bytes.size() > 4 * 4096);
             const std::size_t page = 256U * static_cast<unsigned char>(bytes[16]) +
                                      static_cast<unsigned char>(bytes[17]);
             for (std::size_t at = page; at + 8 < bytes.size(); at += page) {
                 bytes.replace(at, 8, "\x0d\xff\xff\xff\xff\xff\xff\xff", 8);
             }
             write_text(db, bytes);
         },
         "the database",
         [](const Machine& m) { return "mv " + (m.data_dir() / "parasol.db").string(); }},
        {"Chromium is a snap", "chromium",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "chromium"});
             write_text(m.system_root() / "snap/bin/chromium", "#!/bin/sh\n");
         },
         "installed as a snap", [](const Machine&) { return "apt install chromium"; }},
        {"Firefox is a Flatpak", "firefox",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "firefox"});
             fs::create_directories(m.home() / ".var/app/org.mozilla.firefox");
         },
         "installed as a Flatpak",
         [](const Machine&) {
             return "flatpak override --user --talk-name=org.freedesktop.Flatpak "
                    "org.mozilla.firefox";
         }},
        {"Brave is a Flatpak installed system-wide", "brave",
         [](const Machine& m) {
             run_ok(m, {"install", "--browser", "brave"});
             fs::create_directories(m.system_root() / "var/lib/flatpak/app/com.brave.Browser");
         },
         "installed as a Flatpak", [](const Machine&) { return "flatpak"; }},
    };

    for (const auto& fault : faults) {
        INFO("fault: " << fault.name);
        Machine m;
        fault.plant(m);
        const auto before = snapshot(m.root());
        const CliResult r = m.cli({"doctor", "--browser", fault.browser});
        INFO(r.describe());
        CHECK(r.exit_code == kExitFailure);
        CHECK(has(r.out, "FAIL"));
        CHECK(has(r.out, fault.found));
        const std::string fix = fix_for(r.out, fault.found);
        CHECK(has(fix, fault.fix(m)));
        CHECK(has(r.out, "problem"));
        // Diagnosing is not treating: the damaged database, the manifests, all as they were.
        CHECK(snapshot(m.root()) == before);
    }
}

TEST_CASE("applying doctor's fix makes doctor pass", "[doctor]") {
    Machine m;
    run_ok(m, {"install", "--browser", "chromium"});
    auto j = nlohmann::json::parse(read_text_file(m.user_manifest("chromium")));
    j["allowed_origins"] = {origin("abcdefghijklmnopabcdefghijklmnop")};
    write_text(m.user_manifest("chromium"), j.dump(2));
    const CliResult broken = m.cli({"doctor", "--browser", "chromium"});
    REQUIRE(broken.exit_code == kExitFailure);
    const std::string fix = fix_for(broken.out, "does not allow");
    INFO(broken.describe());
    // "<parasol> install --browser chromium": run it the way the user would.
    const auto install_at = fix.find(" install ");
    REQUIRE(install_at != std::string::npos);
    std::vector<std::string> args;
    std::istringstream words(fix.substr(install_at + 1));
    for (std::string w; words >> w;) args.push_back(w);
    run_ok(m, args);
    const CliResult fixed = m.cli({"doctor", "--browser", "chromium"});
    INFO(fixed.describe());
    CHECK(fixed.exit_code == kExitOk);
}

TEST_CASE("doctor: warnings that don't stop Parasol leave the exit code 0", "[doctor]") {
    SECTION("the Firefox snap (it goes through the portal)") {
        Machine m;
        run_ok(m, {"install", "--browser", "firefox"});
        write_text(m.system_root() / "snap/bin/firefox", "#!/bin/sh\n");
        const CliResult r = m.cli({"doctor", "--browser", "firefox"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(has(r.out, "warn  Firefox is installed as a snap"));
    }
    SECTION("a data folder others can read") {
        Machine m;
        run_ok(m, {"install", "--browser", "chromium"});
        fs::permissions(m.data_dir(), fs::perms::owner_all | fs::perms::group_read |
                                          fs::perms::group_exec | fs::perms::others_read |
                                          fs::perms::others_exec);
        const CliResult r = m.cli({"doctor", "--browser", "chromium"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(has(r.out, "can be read by other users (mode 0755)"));
    }
}

TEST_CASE("doctor follows the browsers' order: the per-user manifest before the system one",
          "[doctor]") {
    Machine m;
    run_ok(m, {"install", "--system", "--browser", "chromium"});
    SECTION("a broken system manifest behind a good user one is a warning") {
        run_ok(m, {"install", "--browser", "chromium"});
        write_text(m.system_manifest("chromium"), "{}");
        const CliResult r = m.cli({"doctor", "--browser", "chromium"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(has(r.out, "not used"));
    }
    SECTION("a broken user manifest in front of a good system one is a problem") {
        write_text(m.user_manifest("chromium"), "{}");
        const CliResult r = m.cli({"doctor", "--browser", "chromium"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitFailure);
        CHECK(has(fix_for(r.out, "breaks"), "install --browser chromium"));
    }
}

TEST_CASE("doctor --user-data-dir checks the profile's manifest", "[doctor]") {
    Machine m;
    const fs::path profile = m.root() / "run-profile";
    run_ok(m, {"install", "--browser", "chromium", "--user-data-dir", profile.string()});
    const CliResult with =
        m.cli({"doctor", "--browser", "chromium", "--user-data-dir", profile.string()});
    INFO(with.describe());
    CHECK(with.exit_code == kExitOk);
    CHECK(has(with.out, "(profile)"));
    const CliResult without = m.cli({"doctor", "--browser", "chromium"});
    INFO(without.describe());
    CHECK(without.exit_code == kExitFailure);

    SECTION("a profile's folder names no browser: doctor checks only those found") {
        m.plant_executable("chromium");
        const CliResult r = m.cli({"doctor", "--user-data-dir", profile.string()});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(has(r.out, "\nChromium (chromium on PATH"));
        CHECK(!has(r.out, "Google Chrome"));
        CHECK(!has(r.out, "Vivaldi"));
    }
    SECTION("with --user-data-dir Chromium does not read the per-user folder") {
        fs::remove_all(profile);
        run_ok(m, {"install", "--browser", "chromium"});
        const CliResult r =
            m.cli({"doctor", "--browser", "chromium", "--user-data-dir", profile.string()});
        INFO(r.describe());
        CHECK(r.exit_code == kExitFailure);
        CHECK(has(fix_for(r.out, "no host manifest"),
                  "install --browser chromium --user-data-dir " + profile.string()));
    }
}

TEST_CASE("doctor without --browser checks the browsers found and those with a manifest",
          "[doctor]") {
    SECTION("none at all is a problem with a way forward") {
        Machine m;
        const CliResult r = m.cli({"doctor"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitFailure);
        CHECK(has(fix_for(r.out, "found none"), "doctor --browser NAME"));
    }
    SECTION("found on PATH, or with a manifest") {
        Machine m;
        m.plant_executable("google-chrome");
        run_ok(m, {"install", "--browser", "chrome", "--browser", "firefox"});
        const CliResult r = m.cli({"doctor"});
        INFO(r.describe());
        CHECK(r.exit_code == kExitOk);
        CHECK(has(r.out, "Google Chrome (google-chrome on PATH"));
        CHECK(has(r.out, "\nFirefox\n"));
        CHECK(!has(r.out, "Chromium"));
    }
}
