#include "app/install_plan.hpp"

#include <stdexcept>

namespace parasol::app {

std::vector<const Browser*> select_browsers(const std::vector<std::string>& names,
                                            const Places& places) {
    std::vector<const Browser*> chosen;
    auto add = [&](const Browser* b) {
        for (const Browser* c : chosen) {
            if (c == b) return;
        }
        chosen.push_back(b);
    };
    if (names.empty()) {
        for (const auto& b : browsers()) {
            if (installed_evidence(b, places)) add(&b);
        }
        return chosen;
    }
    for (const auto& name : names) {
        if (name == "all") {
            for (const auto& b : browsers()) add(&b);
        } else if (const Browser* b = find_browser(name)) {
            add(b);
        } else {
            throw std::invalid_argument("--browser: '" + name + "' is not one of " +
                                        browser_keys() + ", all");
        }
    }
    return chosen;
}

std::vector<ManifestTarget> manifest_targets(
    const std::vector<const Browser*>& chosen, bool system, const Places& places,
    const std::optional<std::filesystem::path>& user_data_dir) {
    std::vector<ManifestTarget> targets;
    for (const Browser* b : chosen) {
        Scope scope = system ? Scope::system : Scope::user;
        if (!system && user_data_dir && b->family == BrowserFamily::chromium)
            scope = Scope::profile;
        const auto file = manifest_file(*b, scope, places, user_data_dir);
        if (!file) continue;
        ManifestTarget target{b, scope, *file, ""};
#if defined(_WIN32)
        if (scope == Scope::user) target.registry_key = b->windows_key;
#endif
        targets.push_back(std::move(target));
    }
    return targets;
}

}  // namespace parasol::app
