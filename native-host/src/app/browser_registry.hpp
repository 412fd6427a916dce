#pragma once
// The browsers Parasol supports and where each looks for the native messaging
// host manifest of `org.parasol.host`: per user and system-wide on Linux, per
// user on macOS, a registry key under HKCU on Windows. Also how to tell that a
// browser is installed, and whether it is a snap or a Flatpak (whose sandbox
// can't start a host outside it without extra steps).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parasol::app {

inline constexpr std::string_view kHostName = "org.parasol.host";

// Chromium-family browsers take `allowed_origins`, Firefox `allowed_extensions`.
enum class BrowserFamily { chromium, firefox };

struct Browser {
    std::string key;   // what --browser takes: chrome, chromium, edge, brave, vivaldi, firefox
    std::string name;  // for people: "Google Chrome"
    BrowserFamily family;
    // Linux: the per-user folder relative to $XDG_CONFIG_HOME (Chromium family)
    // or to $HOME (Firefox), and the system-wide folder.
    std::string linux_user_dir;
    bool linux_user_dir_in_config_home;
    std::string linux_system_dir;
    // macOS: per user, relative to $HOME.
    std::string mac_user_dir;
    // Windows: the key under HKEY_CURRENT_USER that names the manifest file.
    std::string windows_key;
    // Evidence the browser is installed: executables on $PATH, profile folders
    // (relative like linux_user_dir), macOS application bundles.
    std::vector<std::string> executables;
    std::vector<std::string> linux_profile_dirs;
    std::vector<std::string> mac_apps;
    // Sandboxed packagings: Flatpak application ids, snap names.
    std::vector<std::string> flatpak_ids;
    std::vector<std::string> snap_names;
};

// Every supported browser, in the order commands report them.
const std::vector<Browser>& browsers();
// nullptr when `key` names no supported browser.
const Browser* find_browser(std::string_view key);
// "chrome, chromium, edge, brave, vivaldi, firefox".
std::string browser_keys();

// The parts of the machine the commands look at, read once from the
// environment so tests can point every one of them at a temp folder.
struct Places {
    std::filesystem::path home;            // $HOME (Windows: %USERPROFILE%)
    std::filesystem::path config_home;     // $XDG_CONFIG_HOME, else ~/.config
    std::filesystem::path local_app_data;  // Windows: %LOCALAPPDATA%
    // Prefix of every system-wide path (/etc, /usr/lib, /snap, /var/lib):
    // --root beats $PARASOL_SYSTEM_ROOT beats "/".
    std::filesystem::path system_root;
    std::vector<std::filesystem::path> path_dirs;  // $PATH

    // Throws std::runtime_error naming the variable when HOME is unset.
    static Places from_environment(const std::optional<std::string>& root_flag);

    // `absolute` (e.g. "/etc/chromium") under system_root.
    [[nodiscard]] std::filesystem::path system(const std::filesystem::path& absolute) const;
};

// Where a manifest goes.
enum class Scope { user, system, profile };
std::string_view scope_name(Scope scope);

// The manifest file of `browser` in `scope`; nullopt when the platform has no
// such place (system-wide on macOS and Windows). `user_data_dir` is for
// Scope::profile: Chromium started with --user-data-dir DIR reads
// DIR/NativeMessagingHosts instead of the per-user folder.
std::optional<std::filesystem::path> manifest_file(
    const Browser& browser, Scope scope, const Places& places,
    const std::optional<std::filesystem::path>& user_data_dir = std::nullopt);

// Why we think `browser` is installed ("chromium on PATH", "profile folder
// ~/.mozilla/firefox"), or nullopt.
std::optional<std::string> installed_evidence(const Browser& browser, const Places& places);

// A snap or Flatpak installation of `browser`, found by its usual traces.
struct SandboxedInstall {
    std::string kind;  // "snap" or "Flatpak"
    std::filesystem::path where;
    std::string advice;  // what to do about it, for people
    bool blocks_host;    // true: the sandbox can't start parasol-host at all as set up
};
std::vector<SandboxedInstall> sandboxed_installs(const Browser& browser, const Places& places);

}  // namespace parasol::app
