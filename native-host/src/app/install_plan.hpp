#pragma once
// Which manifests install writes, uninstall looks for and doctor checks: the
// browsers chosen (or found) and, for each, the file of the chosen scope.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/browser_registry.hpp"

namespace parasol::app {

// `names` from --browser: keys or "all". Empty: every browser found on this
// machine (installed_evidence). Throws std::invalid_argument for an unknown
// name (CLI11 checks first; this is the library's own guard).
std::vector<const Browser*> select_browsers(const std::vector<std::string>& names,
                                            const Places& places);

struct ManifestTarget {
    const Browser* browser = nullptr;
    Scope scope = Scope::user;
    std::filesystem::path file;
    std::string registry_key;  // Windows: HKCU key naming `file`; else ""
};

// One target a browser: the system-wide file with `system`; with
// `user_data_dir`, the profile's file for Chromium-family browsers (what
// --user-data-dir DIR reads) and the per-user file for Firefox; else the
// per-user file. Browsers without such a place on this platform are left out.
std::vector<ManifestTarget> manifest_targets(
    const std::vector<const Browser*>& chosen, bool system, const Places& places,
    const std::optional<std::filesystem::path>& user_data_dir);

}  // namespace parasol::app
