#include "app/browser_registry.hpp"

#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "app/environment.hpp"

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace parasol::app {

namespace {

bool path_exists(const std::filesystem::path& path) {
    std::error_code ignored;  // unreadable counts as absent
    return std::filesystem::exists(path, ignored);
}

bool is_executable_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
#if defined(_WIN32)
    return true;
#else
    return ::access(path.c_str(), X_OK) == 0;
#endif
}

std::vector<Browser> make_browsers() {
    using F = BrowserFamily;
    // Sources: each browser's native messaging documentation (Chrome, Edge,
    // Firefox) and what Brave and Vivaldi read on Linux (their own folders,
    // not Chrome's).
    return {
        {"chrome",
         "Google Chrome",
         F::chromium,
         "google-chrome/NativeMessagingHosts",
         true,
         "/etc/opt/chrome/native-messaging-hosts",
         "Library/Application Support/Google/Chrome/NativeMessagingHosts",
         "Software\\Google\\Chrome\\NativeMessagingHosts",
         {"google-chrome", "google-chrome-stable", "google-chrome-beta", "google-chrome-unstable"},
         {"google-chrome"},
         {"Google Chrome.app"},
         {"com.google.Chrome"},
         {}},
        {"chromium",
         "Chromium",
         F::chromium,
         "chromium/NativeMessagingHosts",
         true,
         "/etc/chromium/native-messaging-hosts",
         "Library/Application Support/Chromium/NativeMessagingHosts",
         "Software\\Chromium\\NativeMessagingHosts",
         {"chromium", "chromium-browser"},
         {"chromium"},
         {"Chromium.app"},
         {"org.chromium.Chromium"},
         {"chromium"}},
        {"edge",
         "Microsoft Edge",
         F::chromium,
         "microsoft-edge/NativeMessagingHosts",
         true,
         "/etc/opt/edge/native-messaging-hosts",
         "Library/Application Support/Microsoft Edge/NativeMessagingHosts",
         "Software\\Microsoft\\Edge\\NativeMessagingHosts",
         {"microsoft-edge", "microsoft-edge-stable", "microsoft-edge-beta", "microsoft-edge-dev"},
         {"microsoft-edge"},
         {"Microsoft Edge.app"},
         {"com.microsoft.Edge"},
         {}},
        {"brave",
         "Brave",
         F::chromium,
         "BraveSoftware/Brave-Browser/NativeMessagingHosts",
         true,
         "/etc/opt/brave/native-messaging-hosts",
         "Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts",
         "Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts",
         {"brave-browser", "brave", "brave-browser-stable"},
         {"BraveSoftware/Brave-Browser"},
         {"Brave Browser.app"},
         {"com.brave.Browser"},
         {"brave"}},
        {"vivaldi",
         "Vivaldi",
         F::chromium,
         "vivaldi/NativeMessagingHosts",
         true,
         "/etc/opt/vivaldi/native-messaging-hosts",
         "Library/Application Support/Vivaldi/NativeMessagingHosts",
         "Software\\Vivaldi\\NativeMessagingHosts",
         {"vivaldi", "vivaldi-stable"},
         {"vivaldi"},
         {"Vivaldi.app"},
         {"com.vivaldi.Vivaldi"},
         {}},
        {"firefox",
         "Firefox",
         F::firefox,
         ".mozilla/native-messaging-hosts",
         false,
         "/usr/lib/mozilla/native-messaging-hosts",
         "Library/Application Support/Mozilla/NativeMessagingHosts",
         "Software\\Mozilla\\NativeMessagingHosts",
         {"firefox", "firefox-esr"},
         {".mozilla/firefox"},
         {"Firefox.app"},
         {"org.mozilla.firefox"},
         {"firefox"}},
    };
}

}  // namespace

const std::vector<Browser>& browsers() {
    static const std::vector<Browser> all = make_browsers();
    return all;
}

const Browser* find_browser(std::string_view key) {
    for (const auto& b : browsers()) {
        if (b.key == key) return &b;
    }
    return nullptr;
}

std::string browser_keys() {
    std::string keys;
    for (const auto& b : browsers()) keys += (keys.empty() ? "" : ", ") + b.key;
    return keys;
}

Places Places::from_environment(const std::optional<std::string>& root_flag) {
    Places places;
#if defined(_WIN32)
    const auto home = env("USERPROFILE");
    if (!home) throw std::runtime_error("USERPROFILE is not set: can't find your home folder");
    places.local_app_data = env("LOCALAPPDATA").value_or(*home + "\\AppData\\Local");
#else
    const auto home = env("HOME");
    if (!home) throw std::runtime_error("HOME is not set: can't find your home folder");
#endif
    places.home = *home;
    places.config_home = env("XDG_CONFIG_HOME").value_or((places.home / ".config").string());
    if (root_flag && !root_flag->empty()) {
        places.system_root = *root_flag;
    } else {
        places.system_root = env("PARASOL_SYSTEM_ROOT").value_or("/");
    }
#if defined(_WIN32)
    constexpr char kSeparator = ';';
#else
    constexpr char kSeparator = ':';
#endif
    const std::string path = env("PATH").value_or("");
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find(kSeparator, start), path.size());
        if (end > start) places.path_dirs.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return places;
}

std::filesystem::path Places::system(const std::filesystem::path& absolute) const {
    return system_root / absolute.relative_path();
}

std::string_view scope_name(Scope scope) {
    switch (scope) {
        case Scope::user:
            return "user";
        case Scope::system:
            return "system";
        case Scope::profile:
            return "profile";
    }
    return "user";
}

std::optional<std::filesystem::path> manifest_file(
    const Browser& browser, Scope scope, const Places& places,
    const std::optional<std::filesystem::path>& user_data_dir) {
    const std::string file = std::string(kHostName) + ".json";
    if (scope == Scope::profile) {
        // Chromium reads <user data dir>/NativeMessagingHosts on every platform.
        if (!user_data_dir || browser.family != BrowserFamily::chromium) return std::nullopt;
        return *user_data_dir / "NativeMessagingHosts" / file;
    }
#if defined(__APPLE__)
    if (scope == Scope::system) return std::nullopt;  // per user only (see the README)
    return places.home / browser.mac_user_dir / file;
#elif defined(_WIN32)
    if (scope == Scope::system) return std::nullopt;  // HKCU only
    // One file per browser under our own folder; the registry key points at it.
    return places.local_app_data / "Parasol" / "NativeMessagingHosts" / browser.key / file;
#else
    if (scope == Scope::system) return places.system(browser.linux_system_dir) / file;
    const auto& base = browser.linux_user_dir_in_config_home ? places.config_home : places.home;
    return base / browser.linux_user_dir / file;
#endif
}

std::optional<std::string> installed_evidence(const Browser& browser, const Places& places) {
    for (const auto& name : browser.executables) {
        for (const auto& dir : places.path_dirs) {
            if (is_executable_file(dir / name)) return name + " on PATH (" + dir.string() + ")";
        }
    }
#if defined(__APPLE__)
    for (const auto& app : browser.mac_apps) {
        for (const auto& dir : {places.system("/Applications"), places.home / "Applications"}) {
            if (path_exists(dir / app)) return (dir / app).string();
        }
    }
    const auto support = (places.home / browser.mac_user_dir).parent_path();
    if (path_exists(support)) return "profile folder " + support.string();
#elif !defined(_WIN32)
    for (const auto& dir : browser.linux_profile_dirs) {
        const auto& base = browser.linux_user_dir_in_config_home ? places.config_home : places.home;
        if (path_exists(base / dir)) return "profile folder " + (base / dir).string();
    }
#else
    // The browser's own folder under %LOCALAPPDATA% ("Google\Chrome"), named
    // like its registry key; Firefox keeps its profiles in %APPDATA%.
    std::string vendor = browser.windows_key.substr(std::string_view("Software\\").size());
    vendor = vendor.substr(0, vendor.rfind('\\'));
    const auto base = browser.family == BrowserFamily::firefox
                          ? std::filesystem::path(env("APPDATA").value_or(""))
                          : places.local_app_data;
    if (!base.empty() && path_exists(base / vendor))
        return "profile folder " + (base / vendor).string();
#endif
    for (const auto& found : sandboxed_installs(browser, places)) {
        return found.kind + " " + found.where.string();
    }
    return std::nullopt;
}

std::vector<SandboxedInstall> sandboxed_installs(const Browser& browser, const Places& places) {
    std::vector<SandboxedInstall> found;
#if !defined(__APPLE__) && !defined(_WIN32)
    for (const auto& name : browser.snap_names) {
        for (const auto& where : {places.system("/snap/bin") / name, places.home / "snap" / name}) {
            if (!path_exists(where)) continue;
            if (browser.family == BrowserFamily::firefox) {
                found.push_back(
                    {"snap", where,
                     "The Firefox snap starts native hosts only through the WebExtensions portal "
                     "(snapd 2.59+ and xdg-desktop-portal 1.17+; Firefox asks you once). If the "
                     "Parasol pop-up says the host was not found, install Firefox from a .deb "
                     "(Mozilla's APT repository) instead of the snap.",
                     false});
            } else {
                found.push_back(
                    {"snap", where,
                     browser.name +
                         " from the snap store can't start programs outside its sandbox, so it "
                         "can't start parasol-host. Use a build from a .deb instead (Debian: "
                         "`sudo apt install chromium`; Google's .deb for Chrome).",
                     true});
            }
            break;
        }
    }
    for (const auto& id : browser.flatpak_ids) {
        for (const auto& where :
             {places.home / ".var/app" / id, places.home / ".local/share/flatpak/app" / id,
              places.system("/var/lib/flatpak/app") / id}) {
            if (!path_exists(where)) continue;
            found.push_back(
                {"Flatpak", where,
                 "The Flatpak " + browser.name +
                     " runs in a sandbox that can't start parasol-host. Install the browser "
                     "from your distribution's packages, or give the sandbox a way out (`flatpak "
                     "override --user --talk-name=org.freedesktop.Flatpak " +
                     id + "`) and point a host manifest inside ~/.var/app/" + id +
                     " at a script that runs `flatpak-spawn --host` with parasol-host.",
                 true});
            break;
        }
    }
#else
    (void)browser;
    (void)places;
#endif
    return found;
}

}  // namespace parasol::app
