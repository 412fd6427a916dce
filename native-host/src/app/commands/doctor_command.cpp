#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <system_error>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "app/data_dir.hpp"
#include "app/database_check.hpp"
#include "app/executable_path.hpp"
#include "app/host_manifest.hpp"
#include "app/host_probe.hpp"
#include "app/install_plan.hpp"
#include "app/install_record.hpp"
#include "app/installed_files.hpp"
#include "app/scratch_folder.hpp"
#include "app/shell_quote.hpp"
#include "app/version.hpp"
#include "app/windows_registry.hpp"

#if !defined(_WIN32)
#include <unistd.h>
#endif

namespace parasol::app::commands {

namespace {

namespace fs = std::filesystem;

constexpr std::chrono::seconds kHelloTimeout{10};

// What doctor found, printed as it goes: one line a check, and under each
// problem the command or step that fixes it.
class Findings {
public:
    void section(const std::string& title) { std::cout << "\n" << title << "\n"; }
    void ok(const std::string& what) { std::cout << "  ok    " << what << "\n"; }
    void warn(const std::string& what, const std::string& fix = "") {
        std::cout << "  warn  " << what << "\n";
        if (!fix.empty()) std::cout << "        fix: " << fix << "\n";
    }
    void fail(const std::string& what, const std::string& fix) {
        ++problems_;
        std::cout << "  FAIL  " << what << "\n";
        std::cout << "        fix: " << fix << "\n";
    }
    [[nodiscard]] int problems() const { return problems_; }

private:
    int problems_ = 0;
};

std::string join(const std::vector<std::string>& items, const std::string& separator = ", ") {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : separator) + item;
    return text;
}

std::string octal_mode(fs::perms perms) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(perms) & 07777U);
    return text;
}

bool can_execute(const fs::path& file) {
#if defined(_WIN32)
    return true;
#else
    return ::access(file.c_str(), X_OK) == 0;
#endif
}

// How the user runs this parasol: "parasol" when that is what PATH finds,
// else its full path (a development build).
std::string parasol_command(const Places& places) {
    try {
        const fs::path self = running_executable();
        for (const auto& dir : places.path_dirs) {
            std::error_code ec;
            if (fs::equivalent(dir / "parasol", self, ec)) return "parasol";
        }
        return shell_quote(self.string());
    } catch (const std::exception&) {
        return "parasol";
    }
}

struct Context {
    Places places;
    std::string parasol;  // how to run parasol in a fix
    std::optional<std::string> data_dir_flag;
    std::optional<fs::path> user_data_dir;
    ExtensionIds own_ids;    // Parasol's ids only
    ExtensionIds known_ids;  // plus the ones install was asked to allow
};

std::string install_fix(const Context& c, const Browser& b, Scope scope) {
    std::string cmd =
        scope == Scope::system ? "sudo " + c.parasol + " install --system" : c.parasol + " install";
    cmd += " --browser " + b.key;
    if (scope == Scope::profile && c.user_data_dir) {
        cmd += " --user-data-dir " + shell_quote(c.user_data_dir->string());
    }
    if (scope != Scope::system && c.data_dir_flag) {
        cmd += " --data-dir " + shell_quote(*c.data_dir_flag);
    }
    for (const auto& id : c.known_ids.of(b.family)) {
        const auto& own = c.own_ids.of(b.family);
        if (std::find(own.begin(), own.end(), id) == own.end()) cmd += " --extension-id " + id;
    }
    return cmd;
}

// A host binary worth starting, and how a browser of that family would call it.
struct HostToProbe {
    BrowserFamily family;
    fs::path manifest;
    std::vector<std::string> who;  // browsers whose manifests name it
};

void check_manifest(Findings& f, const Context& c, const Browser& b, Scope scope,
                    const fs::path& file, bool effective, std::map<fs::path, HostToProbe>& hosts) {
    const std::string where = file.string() + " (" + std::string(scope_name(scope)) + ")";
    const auto text = read_whole_file(file);
    if (!text) {
        f.fail("can't read the host manifest " + where, "chmod 644 " + shell_quote(file.string()));
        return;
    }
    // A manifest the browser never reads (another one comes first) can only warn.
    auto problem = [&](const std::string& what, const std::string& fix) {
        if (effective) {
            f.fail(what, fix);
        } else {
            f.warn(what + " (not used: the manifest listed above comes first)", fix);
        }
    };
    const ManifestFindings found = check_host_manifest(*text, b.family);
    if (!found.problems.empty()) {
        problem("the host manifest " + where + " breaks " + b.name +
                    "'s rules: " + join(found.problems, "; "),
                install_fix(c, b, scope));
    } else {
        f.ok("host manifest " + where);
    }

    const auto& own = c.own_ids.of(b.family);
    const auto& known = c.known_ids.of(b.family);
    std::vector<std::string> strangers;
    bool has_own = false;
    for (const auto& id : found.allowed_ids) {
        if (std::find(own.begin(), own.end(), id) != own.end()) has_own = true;
        if (std::find(known.begin(), known.end(), id) == known.end()) strangers.push_back(id);
    }
    if (!found.allowed_ids.empty() || found.problems.empty()) {
        if (!has_own) {
            problem("the manifest " + file.string() + " does not allow Parasol's extension (" +
                        join(own) + "); it allows " +
                        (found.allowed_ids.empty() ? "nothing" : join(found.allowed_ids)),
                    install_fix(c, b, scope));
        } else if (!strangers.empty()) {
            problem("the manifest " + file.string() + " also lets " + join(strangers) +
                        " start parasol-host, which reads and writes your data",
                    install_fix(c, b, scope) + " (add --extension-id ID for a build of your own)");
        } else {
            f.ok("allowed extensions: " + join(found.allowed_ids));
        }
    }

    if (!found.host_path) return;
    const fs::path host = *found.host_path;
    if (!host.is_absolute()) return;  // said above; a browser won't look for it
    std::error_code ec;
    if (!fs::exists(host, ec)) {
        problem("the manifest names " + host.string() + ", which does not exist",
                install_fix(c, b, scope) + " (names the parasol-host beside this parasol)");
        return;
    }
    if (!fs::is_regular_file(host, ec) || !can_execute(host)) {
        const auto mode = fs::status(host, ec).permissions();
        problem(host.string() + " is not an executable file (mode " + octal_mode(mode) + ")",
                "chmod 755 " + shell_quote(host.string()));
        return;
    }
    f.ok("host binary " + host.string() + " is executable");
    if (effective) {
        auto& entry = hosts.try_emplace(host, HostToProbe{b.family, file, {}}).first->second;
        entry.who.push_back(b.name);
    }
}

void check_browser(Findings& f, const Context& c, const Browser& b,
                   const std::optional<std::string>& evidence,
                   std::map<fs::path, HostToProbe>& hosts) {
    f.section(b.name + (evidence ? " (" + *evidence + ")" : ""));
    for (const auto& sandboxed : sandboxed_installs(b, c.places)) {
        const std::string what =
            b.name + " is installed as a " + sandboxed.kind + " (" + sandboxed.where.string() + ")";
        if (sandboxed.blocks_host) {
            f.fail(what + ": its sandbox can't start parasol-host", sandboxed.advice);
        } else {
            f.warn(what, sandboxed.advice);
        }
    }

    // Where this browser looks, in its order. Chromium started with
    // --user-data-dir reads that profile's folder instead of the per-user one.
    const bool profile = c.user_data_dir && b.family == BrowserFamily::chromium;
    std::vector<std::pair<Scope, fs::path>> places;
    for (Scope scope : {Scope::profile, Scope::user, Scope::system}) {
        if (scope != Scope::system && (scope == Scope::profile) != profile) continue;
        if (auto file = manifest_file(b, scope, c.places, c.user_data_dir)) {
            places.emplace_back(scope, *file);
        }
    }
    bool found_one = false;
    std::vector<std::string> looked;
    for (const auto& [scope, file] : places) {
        looked.push_back(file.string());
        std::error_code ec;
        if (!fs::exists(file, ec)) continue;
        check_manifest(f, c, b, scope, file, !found_one, hosts);
        found_one = true;
    }
    if (!found_one) {
        const Scope scope = profile ? Scope::profile : Scope::user;
        f.fail("no host manifest for " + b.name + " (looked for " + join(looked, ", ") + ")",
               install_fix(c, b, scope));
    }
#if defined(_WIN32)
    if (auto user_file = manifest_file(b, Scope::user, c.places)) {
        const auto registered = registered_host_manifest(b.windows_key);
        if (!registered) {
            f.fail("no registry key HKCU\\" + b.windows_key + "\\" + std::string(kHostName),
                   install_fix(c, b, Scope::user));
        } else if (*registered != *user_file) {
            f.warn("HKCU\\" + b.windows_key + " names " + registered->string());
        }
    }
#endif
}

// The trusted-friend digest's latest week, as its outbox tells it. Only a
// failure that waits for the user counts as a problem: retries are the
// outbox's own business.
void check_digest(Findings& f, const std::optional<store::DigestRow>& last) {
    if (!last) {
        f.ok("no weekly digest queued or sent (it is off unless set up on the options page)");
        return;
    }
    const std::string week = "the weekly digest for the week ending " + last->draft.week;
    switch (last->state) {
        case store::DigestState::sent:
            f.ok(week + " was sent to " + last->draft.target);
            break;
        case store::DigestState::sending:
            f.ok(week + " is being sent to " + last->draft.target);
            break;
        case store::DigestState::queued:
            if (last->last_error) {
                f.warn(week + " waits to be retried (attempt " + std::to_string(last->attempts) +
                           " failed: " + *last->last_error + ")",
                       "it retries by itself while a browser is open; to try now: parasol digest "
                       "send");
            } else {
                f.ok(week + " is queued for " + last->draft.target);
            }
            break;
        case store::DigestState::failed:
            f.fail(week + " was not sent: " + last->last_error.value_or("unknown error"),
                   "fix the digest set-up on the options page (Weekly digest), then press \"Send "
                   "now\" there, or run: parasol digest send");
            break;
    }
}

void check_data(Findings& f, const fs::path& dir) {
    f.section("Data (" + dir.string() + ")");
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status)) {
            f.fail(dir.string() + " is not a folder",
                   "move it away (mv " + shell_quote(dir.string()) + " " +
                       shell_quote(dir.string() + ".moved") +
                       ") or choose another folder with PARASOL_DATA_DIR");
            return;
        }
        const auto perms = status.permissions();
        if ((perms & fs::perms::owner_write) == fs::perms::none ||
            (perms & fs::perms::owner_exec) == fs::perms::none) {
            f.fail("the data folder is not writable (mode " + octal_mode(perms) + ")",
                   "chmod 700 " + shell_quote(dir.string()));
            return;
        }
#if !defined(_WIN32)
        const fs::path probe = dir / ".parasol-doctor-probe";
        const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            f.fail("can't create a file in the data folder: " +
                       std::error_code(errno, std::generic_category()).message(),
                   "sudo chown -R \"$(id -un)\" " + shell_quote(dir.string()) + " && chmod 700 " +
                       shell_quote(dir.string()));
            return;
        }
        ::close(fd);
        ::unlink(probe.c_str());
#endif
        if ((perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
            f.warn("the data folder can be read by other users (mode " + octal_mode(perms) + ")",
                   "chmod 700 " + shell_quote(dir.string()));
        } else {
            f.ok("the data folder is writable and private");
        }
    } else {
        fs::path parent = dir.parent_path();
        while (!parent.empty() && !fs::exists(parent, ec) && parent != parent.parent_path()) {
            parent = parent.parent_path();
        }
        if (!fs::is_directory(parent, ec)) {
            f.fail("the data folder can't be made: " + parent.string() + " is not a folder",
                   "choose another folder with PARASOL_DATA_DIR");
            return;
        }
        f.ok("the data folder does not exist yet; the host makes it (0700) on first use");
    }

    const fs::path db = database_file(dir);
    ScratchFolder scratch;
    const DatabaseCheck check = check_database(db, scratch.path());
    switch (check.verdict) {
        case DatabaseCheck::Verdict::absent:
            f.ok("no database yet: the host makes it when the extension first connects");
            break;
        case DatabaseCheck::Verdict::sound:
            f.ok("the database passes SQLite's check (" + check.detail + ")");
            break;
        case DatabaseCheck::Verdict::damaged:
        case DatabaseCheck::Verdict::unusable: {
            std::string fix =
                "mv " + shell_quote(db.string()) + " " + shell_quote(db.string() + ".damaged-copy");
            if (fs::exists(db.string() + "-wal", ec)) {
                fix += " && mv " + shell_quote(db.string() + "-wal") + " " +
                       shell_quote(db.string() + "-wal.damaged-copy");
            }
            std::optional<fs::path> newest;
            for (const auto& entry : fs::directory_iterator(dir / "backups", ec)) {
                const auto name = entry.path().filename().string();
                if (name.rfind("parasol-", 0) == 0 && entry.path().extension() == ".db" &&
                    (!newest || entry.path() > *newest)) {
                    newest = entry.path();
                }
            }
            if (newest) {
                fix += " && cp " + shell_quote(newest->string()) + " " + shell_quote(db.string()) +
                       " (restores the newest daily backup)";
            } else {
                fix += " (the host then starts a fresh database)";
            }
            f.fail(std::string(check.verdict == DatabaseCheck::Verdict::damaged
                                   ? "the database is damaged: "
                                   : "the database can't be used: ") +
                       check.detail,
                   fix);
            break;
        }
    }
    check_digest(f, check.last_digest);
    const fs::path marker = db.string() + ".damaged";
    if (fs::exists(marker, ec)) {
        f.warn("the host noted damage earlier (" + marker.string() +
               "); it checks the whole file at its next start");
    }
}

void check_hosts(Findings& f, const Context& c, std::map<fs::path, HostToProbe> hosts) {
    f.section("Host");
    if (hosts.empty()) {
        try {
            const fs::path beside = host_beside_running_executable();
            if (fs::exists(beside))
                hosts.emplace(beside, HostToProbe{BrowserFamily::chromium, {}, {}});
        } catch (const std::exception&) {
            // Nothing to start: said below.
        }
    }
    if (hosts.empty()) {
        f.fail("no parasol-host to start (none named by a manifest, none beside parasol)",
               "build it (make build) or reinstall Parasol, then " + c.parasol + " install");
        return;
    }
    for (const auto& [host, how] : hosts) {
        ScratchFolder scratch;
        std::vector<std::string> args;
        if (how.family == BrowserFamily::chromium) {
            args.push_back(chromium_origin(c.own_ids.chromium.front()));
        } else {
            args.push_back(how.manifest.string());
            args.push_back(c.own_ids.firefox.front());
        }
        const HostProbe probe = probe_host(host, args, scratch.path(), kHelloTimeout);
        const std::string named_by = how.who.empty() ? "" : " (named by " + join(how.who) + ")";
        if (!probe.answered) {
            f.fail(host.string() + named_by + " does not answer hello: " + probe.failure,
                   "run " + shell_quote(host.string()) +
                       " --version to see why; rebuild (make build) or reinstall Parasol, then " +
                       c.parasol + " install");
            continue;
        }
        if (probe.protocol != 1) {
            f.fail(host.string() + " speaks protocol " +
                       std::to_string(probe.protocol.value_or(0)) + ", not 1",
                   "install matching versions of the extension and Parasol");
            continue;
        }
        const std::string version = probe.host_version.value_or("?");
        f.ok(host.string() + named_by + " answers hello (protocol 1, parasol-host " + version +
             ")");
        if (version != kVersion) {
            f.warn("parasol-host is " + version + " but this parasol is " + kVersion,
                   "install both from the same build (make build, or the same package), then " +
                       c.parasol + " install");
        }
    }
}

}  // namespace

Action add_doctor(CLI::App& app, const CliOptions& options) {
    struct Args {
        std::vector<std::string> browsers;
        std::optional<std::string> user_data_dir;
        std::optional<std::string> root;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "doctor",
        "Check the host manifests, the host binary, the data folder and the database, and say "
        "how to fix what is wrong (exit 1 if anything is)");
    sub->add_option("--browser", args->browsers,
                    "Check these browsers (default: every browser found, and any with a "
                    "manifest)")
        ->check(CLI::IsMember(browser_choices()))
        ->type_name("NAME");
    sub->add_option("--user-data-dir", args->user_data_dir,
                    "Also check DIR/NativeMessagingHosts (Chromium started with --user-data-dir)")
        ->type_name("DIR");
    sub->add_option("--root", args->root)->group("");

    return [args, &options]() {
        Context c{Places::from_environment(args->root),
                  "",
                  options.data_dir,
                  std::nullopt,
                  ExtensionIds::parasol(),
                  ExtensionIds::parasol()};
        c.parasol = parasol_command(c.places);
        if (args->user_data_dir) c.user_data_dir = fs::absolute(*args->user_data_dir);
        const fs::path data_dir = resolve_data_dir(options.data_dir);
        std::vector<std::string> extra_ids;
        for (Scope scope : {Scope::user, Scope::system}) {
            try {
                if (auto record =
                        InstallRecord::load(install_record_file(scope, c.places, data_dir))) {
                    extra_ids.insert(extra_ids.end(), record->extension_ids.begin(),
                                     record->extension_ids.end());
                }
            } catch (const std::exception& e) {
                std::cerr << "parasol doctor: " << e.what() << "\n";
            }
        }
        try {
            c.known_ids = ExtensionIds::parasol(extra_ids);
        } catch (const std::invalid_argument&) {
            // A hand-edited record: judge by Parasol's own ids only.
        }

        std::cout << "parasol doctor " << kVersion << "\n";
        Findings f;
        std::map<fs::path, HostToProbe> hosts;
        std::vector<const Browser*> chosen = select_browsers(args->browsers, c.places);
        if (args->browsers.empty()) {
            // Also any browser that has a manifest of its own: it was installed
            // for a reason. (A profile's folder belongs to no browser in particular.)
            for (const auto& b : browsers()) {
                if (std::find(chosen.begin(), chosen.end(), &b) != chosen.end()) continue;
                for (Scope scope : {Scope::user, Scope::system}) {
                    std::error_code ec;
                    const auto file = manifest_file(b, scope, c.places, c.user_data_dir);
                    if (file && fs::exists(*file, ec)) {
                        chosen.push_back(&b);
                        break;
                    }
                }
            }
            // browsers() is one vector: pointer order is its order.
            std::sort(chosen.begin(), chosen.end());
        }
        if (chosen.empty()) {
            f.section("Browsers");
            f.fail("found none of the supported browsers (" + browser_keys() +
                       ") on PATH or in your home folder",
                   "install one (Debian: sudo apt install chromium), or name yours: " + c.parasol +
                       " doctor --browser NAME");
        }
        for (const Browser* b : chosen) {
            check_browser(f, c, *b, installed_evidence(*b, c.places), hosts);
        }
        check_data(f, data_dir);
        check_hosts(f, c, std::move(hosts));

        if (f.problems() == 0) {
            std::cout << "\nNo problems found.\n";
            return static_cast<int>(kExitOk);
        }
        std::cout << "\n"
                  << f.problems() << (f.problems() == 1 ? " problem" : " problems")
                  << " found. Fix them with the commands above, then restart the browser.\n";
        return static_cast<int>(kExitFailure);
    };
}

}  // namespace parasol::app::commands
