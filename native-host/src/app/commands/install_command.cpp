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

constexpr fs::perms kManifestMode =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;
constexpr fs::perms kFolderMode = fs::perms::owner_all | fs::perms::group_read |
                                  fs::perms::group_exec | fs::perms::others_read |
                                  fs::perms::others_exec;

bool is_executable(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return false;
    const auto perms = fs::status(file, ec).permissions();
    return (perms & fs::perms::owner_exec) != fs::perms::none;
}

}  // namespace

std::vector<std::string> browser_choices() {
    std::vector<std::string> choices;
    for (const auto& b : browsers()) choices.push_back(b.key);
    choices.emplace_back("all");
    return choices;
}

Action add_install(CLI::App& app, const CliOptions& options) {
    struct Args {
        std::vector<std::string> browsers;
        bool system = false;
        std::vector<std::string> extension_ids;
        std::optional<std::string> host_path;
        std::optional<std::string> user_data_dir;
        std::optional<std::string> root;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "install",
        "Write the host manifest org.parasol.host for every browser found (or those named), so "
        "the browser can start parasol-host");
    sub->add_option("--browser", args->browsers,
                    "Repeatable (default: every browser found on this machine)")
        ->check(CLI::IsMember(browser_choices()))
        ->type_name("NAME");
    auto* system =
        sub->add_flag("--system", args->system,
                      "System-wide, for every user (Linux only: /etc/..., /usr/lib/mozilla/...; "
                      "needs root)");
    sub->add_option("--extension-id", args->extension_ids,
                    "Also allow this extension id (your own build); repeatable")
        ->type_name("ID");
    sub->add_option("--host-path", args->host_path,
                    "The parasol-host the manifests name (default: the one beside this parasol)")
        ->type_name("PATH");
    sub->add_option("--user-data-dir", args->user_data_dir,
                    "For Chromium browsers started with --user-data-dir DIR: write "
                    "DIR/NativeMessagingHosts instead of the per-user folder")
        ->type_name("DIR")
        ->excludes(system);
    // Prefix of every system-wide path, for tests and packaging; also $PARASOL_SYSTEM_ROOT.
    sub->add_option("--root", args->root)->group("");

    return [args, &options]() {
        const Places places = Places::from_environment(args->root);
        ExtensionIds ids;
        try {
            ids = ExtensionIds::parasol(args->extension_ids);
        } catch (const std::invalid_argument& e) {
            std::cerr << "parasol install: " << e.what() << "\n";
            return static_cast<int>(kExitUsage);
        }
        fs::path host;
        if (args->host_path) {
            host = *args->host_path;
            if (!host.is_absolute()) {
                std::cerr << "parasol install: --host-path: '" << *args->host_path
                          << "' must be an absolute path (browsers start the host from "
                             "anywhere)\n";
                return static_cast<int>(kExitUsage);
            }
            if (!is_executable(places.system_root / host.relative_path()) && !is_executable(host)) {
                std::cerr << "parasol install: warning: " << host.string()
                          << " is not an executable file (yet); the browser can't start it "
                             "until it is\n";
            }
        } else {
            host = host_beside_running_executable();
            if (!is_executable(host)) {
                std::cerr << "parasol install: parasol-host is not beside parasol (looked for "
                          << host.string()
                          << "): build it (`make build`) or name it with --host-path\n";
                return static_cast<int>(kExitFailure);
            }
        }
#if !defined(__linux__)
        if (args->system) {
            std::cerr << "parasol install: --system is for Linux; on this system install per "
                         "user (without --system)\n";
            return static_cast<int>(kExitUsage);
        }
#endif

        const auto chosen = select_browsers(args->browsers, places);
        if (chosen.empty()) {
            std::cerr << "parasol install: found none of the supported browsers (" << browser_keys()
                      << ") on PATH or in your home folder.\n"
                      << "Name the one you use: parasol install --browser chromium (or --browser "
                         "all)\n";
            return static_cast<int>(kExitFailure);
        }
        const std::optional<fs::path> user_data_dir =
            args->user_data_dir ? std::optional<fs::path>(fs::absolute(*args->user_data_dir))
                                : std::nullopt;
        const auto targets = manifest_targets(chosen, args->system, places, user_data_dir);
        if (targets.empty()) {
            std::cerr << "parasol install: nothing to write for the browsers named on this "
                         "system\n";
            return static_cast<int>(kExitFailure);
        }

        const Scope record_scope = args->system ? Scope::system : Scope::user;
        const fs::path data_dir =
            record_scope == Scope::system ? fs::path() : resolve_data_dir(options.data_dir);
        const fs::path record_file = install_record_file(record_scope, places, data_dir);
        InstallRecord record = InstallRecord::load(record_file).value_or(InstallRecord{});

        std::cout << "parasol-host: " << host.string() << "\n";
        int failures = 0;
        for (const auto& target : targets) {
            const Browser& b = *target.browser;
            const std::string content = render_host_manifest(b.family, host, ids);
            const auto before = read_whole_file(target.file);
            try {
                record.note_created_dirs(create_folders(target.file.parent_path(), kFolderMode));
                const char* what = "wrote";
                if (before == content) {
                    what = "unchanged";
                    fs::permissions(target.file, kManifestMode);
                } else {
                    if (before && !record.find(target.file)) what = "replaced";
                    write_file_atomically(target.file, content, kManifestMode);
                }
                if (!target.registry_key.empty()) {
                    register_host_manifest(target.registry_key, target.file);
                }
                record.put({b.key, target.scope, target.file, content, target.registry_key});
                std::cout << b.name << ": " << what << " " << target.file.string();
                if (std::string_view(what) == "replaced") {
                    std::cout << " (a manifest parasol install had not written was there)";
                }
                std::cout << "\n";
            } catch (const std::system_error& e) {
                ++failures;
                std::cerr << "parasol install: " << b.name << ": " << e.what() << "\n";
                if (e.code() == std::errc::permission_denied ||
                    e.code() == std::errc::read_only_file_system) {
                    std::cerr << "  "
                              << (args->system
                                      ? "system-wide folders need root: sudo parasol install "
                                        "--system"
                                      : "fix the folder's permissions, or install system-wide: "
                                        "sudo parasol install --system")
                              << "\n";
                }
            }
        }

        record.note_extension_ids(args->extension_ids);
        try {
            if (record_scope == Scope::user) {
                record.note_created_dirs(create_folders(data_dir, fs::perms::owner_all));
            } else {
                record.note_created_dirs(create_folders(record_file.parent_path(), kFolderMode));
            }
            record.save(record_file);
        } catch (const std::exception& e) {
            ++failures;
            std::cerr << "parasol install: can't keep the record of what was written (" << e.what()
                      << "); `parasol uninstall` will only remove manifests it "
                      << "recognises\n";
        }

        for (const Browser* b : chosen) {
            for (const auto& sandboxed : sandboxed_installs(*b, places)) {
                std::cout << "note: " << b->name << " is also installed as a " << sandboxed.kind
                          << " (" << sandboxed.where.string() << "). " << sandboxed.advice << "\n";
            }
        }
        if (failures > 0) return static_cast<int>(kExitFailure);
        std::cout << "Restart the browser (or reload the Parasol extension) so it reads the "
                     "manifest; `parasol doctor` checks the whole chain.\n";
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
