#include <algorithm>
#include <iostream>
#include <system_error>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "app/data_dir.hpp"
#include "app/executable_path.hpp"
#include "app/host_manifest.hpp"
#include "app/install_plan.hpp"
#include "app/install_record.hpp"
#include "app/installed_files.hpp"
#include "app/shell_quote.hpp"
#include "app/windows_registry.hpp"

namespace parasol::app::commands {

namespace {

namespace fs = std::filesystem;

bool is_empty_folder(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir, ec) && fs::is_empty(dir, ec) && !ec;
}

// Without a record (it was deleted, or another --data-dir was used), only a
// manifest identical to what install would write now is ours beyond doubt.
int uninstall_without_record(const std::vector<const Browser*>& chosen, bool system,
                             const Places& places, const fs::path& record_file) {
    std::cout << "No record of an install in " << record_file.string()
              << "; removing only manifests exactly as parasol install writes them.\n";
    fs::path host;
    try {
        host = host_beside_running_executable();
    } catch (const std::exception&) {
        // No host path to compare with: nothing can be proven ours.
    }
    const ExtensionIds ids = ExtensionIds::parasol();
    int failures = 0;
    for (const auto& target : manifest_targets(chosen, system, places, std::nullopt)) {
        const auto current = read_whole_file(target.file);
        if (!current) continue;
        if (!host.empty() && *current == render_host_manifest(target.browser->family, host, ids)) {
            std::error_code ec;
            if (fs::remove(target.file, ec)) {
                std::cout << target.browser->name << ": removed " << target.file.string() << "\n";
            } else {
                ++failures;
                std::cerr << "parasol uninstall: can't remove " << target.file.string() << ": "
                          << ec.message() << "\n";
            }
        } else {
            std::cout << target.browser->name << ": left " << target.file.string()
                      << " alone: parasol install did not write it as it is now (remove it "
                         "yourself if it is Parasol's: rm "
                      << shell_quote(target.file.string()) << ")\n";
        }
    }
    return failures == 0 ? kExitOk : kExitFailure;
}

}  // namespace

Action add_uninstall(CLI::App& app, const CliOptions& options) {
    struct Args {
        std::vector<std::string> browsers;
        bool system = false;
        std::optional<std::string> root;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "uninstall",
        "Remove the host manifests parasol install wrote (and the folders it made), nothing "
        "else");
    sub->add_option("--browser", args->browsers,
                    "Only these browsers' manifests; repeatable (default: all that install "
                    "wrote)")
        ->check(CLI::IsMember(browser_choices()))
        ->type_name("NAME");
    sub->add_flag("--system", args->system, "Undo `parasol install --system` (needs root)");
    sub->add_option("--root", args->root)->group("");

    return [args, &options]() {
        const Places places = Places::from_environment(args->root);
        const Scope scope = args->system ? Scope::system : Scope::user;
        const fs::path data_dir =
            scope == Scope::system ? fs::path() : resolve_data_dir(options.data_dir);
        const fs::path record_file = install_record_file(scope, places, data_dir);
        const std::vector<const Browser*> chosen = select_browsers(
            args->browsers.empty() ? std::vector<std::string>{"all"} : args->browsers, places);
        auto wanted = [&](const std::string& key) {
            return std::any_of(chosen.begin(), chosen.end(),
                               [&](const Browser* b) { return b->key == key; });
        };

        std::optional<InstallRecord> loaded = InstallRecord::load(record_file);
        if (!loaded) return uninstall_without_record(chosen, args->system, places, record_file);
        InstallRecord record = std::move(*loaded);

        int failures = 0;
        int removed = 0;
        std::vector<InstallRecord::File> kept;
        for (auto& file : record.files) {
            const Browser* b = find_browser(file.browser);
            const std::string name = b ? b->name : file.browser;
            if (!wanted(file.browser)) {
                kept.push_back(file);
                continue;
            }
            if (!file.registry_key.empty()) {
                try {
                    unregister_host_manifest(file.registry_key, file.path);
                } catch (const std::exception& e) {
                    std::cerr << "parasol uninstall: " << e.what() << "\n";
                }
            }
            const auto current = read_whole_file(file.path);
            if (!current) {
                std::cout << name << ": already gone " << file.path.string() << "\n";
            } else if (*current != file.content) {
                std::cout << name << ": left " << file.path.string()
                          << " alone: it changed after parasol install wrote it (remove it "
                             "yourself if you want: rm "
                          << shell_quote(file.path.string()) << ")\n";
            } else {
                std::error_code ec;
                if (fs::remove(file.path, ec)) {
                    ++removed;
                    std::cout << name << ": removed " << file.path.string() << "\n";
                } else {
                    ++failures;
                    kept.push_back(file);
                    std::cerr << "parasol uninstall: can't remove " << file.path.string() << ": "
                              << ec.message() << "\n";
                    if (ec == std::errc::permission_denied && args->system) {
                        std::cerr << "  system-wide files need root: sudo parasol uninstall "
                                     "--system\n";
                    }
                }
            }
        }
        record.files = std::move(kept);
        if (record.files.empty()) {
            std::error_code ec;
            fs::remove(record_file, ec);
            record.extension_ids.clear();
        }
        // Deepest first, and only the empty ones: a folder that holds anything
        // else (a profile, another program's manifest, the database) stays.
        std::vector<fs::path> still_there;
        for (auto it = record.created_dirs.rbegin(); it != record.created_dirs.rend(); ++it) {
            std::error_code ec;
            if (!fs::exists(*it, ec)) continue;
            if (is_empty_folder(*it) && fs::remove(*it, ec)) {
                std::cout << "removed the empty folder " << it->string() << "\n";
            } else {
                still_there.insert(still_there.begin(), *it);
            }
        }
        record.created_dirs = std::move(still_there);
        if (!record.files.empty()) {
            try {
                record.save(record_file);
            } catch (const std::exception& e) {
                ++failures;
                std::cerr << "parasol uninstall: can't update " << record_file.string() << ": "
                          << e.what() << "\n";
            }
        }
        if (removed == 0 && failures == 0) std::cout << "Nothing to remove.\n";
        return failures == 0 ? static_cast<int>(kExitOk) : static_cast<int>(kExitFailure);
    };
}

}  // namespace parasol::app::commands
