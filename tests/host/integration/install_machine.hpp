#pragma once
// A machine for `parasol install`, `uninstall` and `doctor`: a Sandbox (temp
// HOME and data folder) plus a temp system root (PARASOL_SYSTEM_ROOT, where
// /etc, /usr/lib, /snap and /var/lib live) and a PATH holding only a folder of
// the test's own, so which browsers are "found" is up to the test. Also the
// browsers' documented manifest locations, written out independently of the
// code under test.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/sandbox.hpp"

namespace parasol::test {

namespace fs = std::filesystem;

inline constexpr const char* kDevChromiumId = "mhedandambbmemhakpeljdpoklmmikid";
inline constexpr const char* kGeckoId = "parasol@parasol.invalid";
inline constexpr const char* kManifestName = "org.parasol.host.json";

struct BrowserPlaces {
    std::string key;
    bool firefox;            // allowed_extensions instead of allowed_origins
    std::string user_dir;    // relative to HOME
    std::string system_dir;  // absolute, under the system root
    std::string executable;  // a name that makes it "found" on PATH
};

// From Chrome's, Edge's and Firefox's native messaging documentation, and
// what Brave and Vivaldi read on Linux.
inline const std::vector<BrowserPlaces>& browser_places() {
    static const std::vector<BrowserPlaces> all = {
        {"chrome", false, ".config/google-chrome/NativeMessagingHosts",
         "/etc/opt/chrome/native-messaging-hosts", "google-chrome"},
        {"chromium", false, ".config/chromium/NativeMessagingHosts",
         "/etc/chromium/native-messaging-hosts", "chromium"},
        {"edge", false, ".config/microsoft-edge/NativeMessagingHosts",
         "/etc/opt/edge/native-messaging-hosts", "microsoft-edge"},
        {"brave", false, ".config/BraveSoftware/Brave-Browser/NativeMessagingHosts",
         "/etc/opt/brave/native-messaging-hosts", "brave-browser"},
        {"vivaldi", false, ".config/vivaldi/NativeMessagingHosts",
         "/etc/opt/vivaldi/native-messaging-hosts", "vivaldi"},
        {"firefox", true, ".mozilla/native-messaging-hosts",
         "/usr/lib/mozilla/native-messaging-hosts", "firefox"},
    };
    return all;
}

inline const BrowserPlaces& places_of(const std::string& key) {
    for (const auto& b : browser_places()) {
        if (b.key == key) return b;
    }
    throw std::invalid_argument("no browser " + key);
}

class Machine {
public:
    Machine() {
        fs::create_directories(bin());
        fs::create_directories(system_root());
    }

    [[nodiscard]] const Sandbox& sandbox() const { return sandbox_; }
    [[nodiscard]] fs::path home() const { return sandbox_.home(); }
    [[nodiscard]] fs::path data_dir() const { return sandbox_.data_dir(); }
    [[nodiscard]] fs::path root() const { return sandbox_.root(); }
    [[nodiscard]] fs::path system_root() const { return sandbox_.root() / "system"; }
    [[nodiscard]] fs::path bin() const { return sandbox_.root() / "bin"; }

    [[nodiscard]] fs::path user_manifest(const std::string& key) const {
        return home() / places_of(key).user_dir / kManifestName;
    }
    [[nodiscard]] fs::path system_manifest(const std::string& key) const {
        return system_root() / fs::path(places_of(key).system_dir).relative_path() / kManifestName;
    }
    [[nodiscard]] fs::path system_record() const {
        return system_root() / "var/lib/parasol/install-record.json";
    }

    [[nodiscard]] Environment env() const {
        Environment e = sandbox_.env();
        e["PARASOL_SYSTEM_ROOT"] = system_root().string();
        e["PATH"] = bin().string();
        return e;
    }
    [[nodiscard]] CliResult cli(const std::vector<std::string>& args) const {
        return run_cli(args, env());
    }

    // An executable named `name` on this machine's PATH (a browser "found").
    void plant_executable(const std::string& name,
                          const std::string& script = "#!/bin/sh\n") const {
        const auto file = bin() / name;
        std::ofstream(file) << script;
        fs::permissions(file, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
    }

private:
    Sandbox sandbox_;
};

inline unsigned mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<unsigned>(info.st_mode) & 07777U;
}

inline void write_text(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
}

// Every file and folder under `dir` (relative), with its mode and, for files,
// its content: two equal snapshots mean nothing was added, removed or changed.
inline std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> entries;
    if (!fs::exists(dir)) return entries;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        const auto name = fs::relative(entry.path(), dir).string();
        std::string value = std::to_string(mode_of(entry.path()));
        if (entry.is_regular_file()) value += ":" + read_text_file(entry.path());
        entries[name] = value;
    }
    return entries;
}

// Regular files under `dir`, relative, sorted.
inline std::vector<std::string> files_under(const fs::path& dir) {
    std::vector<std::string> files;
    if (!fs::exists(dir)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir).string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The browsers' rules for a host manifest (Chrome's and Firefox's native
// messaging documentation), checked here independently of the code under
// test. Returns what is wrong, "" when nothing is.
inline std::string manifest_rule_breaks(const std::string& text, bool firefox) {
    nlohmann::json m;
    try {
        m = nlohmann::json::parse(text);
    } catch (const std::exception& e) {
        return std::string("not JSON: ") + e.what();
    }
    std::string wrong;
    static const std::regex name_rule(R"(^[a-z0-9_]+(\.[a-z0-9_]+)*$)");
    static const std::regex origin_rule(R"(^chrome-extension://[a-p]{32}/$)");
    if (!m.value("name", std::string()).empty() &&
        !std::regex_match(m["name"].get<std::string>(), name_rule)) {
        wrong += "name breaks the pattern; ";
    }
    if (m.value("name", std::string()) != "org.parasol.host")
        wrong += "name is not org.parasol.host; ";
    if (!m.contains("description") || !m["description"].is_string()) wrong += "no description; ";
    if (m.value("type", std::string()) != "stdio") wrong += "type is not stdio; ";
    const std::string path = m.value("path", std::string());
    if (path.empty() || path.front() != '/') wrong += "path is not absolute; ";
    const char* list = firefox ? "allowed_extensions" : "allowed_origins";
    const char* other = firefox ? "allowed_origins" : "allowed_extensions";
    if (!m.contains(list) || !m[list].is_array() || m[list].empty()) {
        wrong += std::string(list) + " missing or empty; ";
    } else if (!firefox) {
        for (const auto& o : m[list]) {
            if (!o.is_string() || !std::regex_match(o.get<std::string>(), origin_rule)) {
                wrong += "origin " + o.dump() + " breaks chrome-extension://[a-p]{32}/; ";
            }
        }
    }
    if (m.contains(other)) wrong += std::string("has ") + other + "; ";
    return wrong;
}

// The ids a manifest allows: Chromium origins as written, Firefox ids.
inline std::vector<std::string> allowed_of(const std::string& text, bool firefox) {
    const auto m = nlohmann::json::parse(text);
    return m.at(firefox ? "allowed_extensions" : "allowed_origins").get<std::vector<std::string>>();
}

inline std::string origin(const std::string& id) {
    return "chrome-extension://" + id + "/";
}

}  // namespace parasol::test
