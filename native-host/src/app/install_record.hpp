#pragma once
// What `parasol install` wrote, kept so that `parasol uninstall` removes
// exactly that and nothing else, and so that `parasol doctor` knows which
// extra extension ids the user asked for. JSON, next to the database for a
// per-user install, in <root>/var/lib/parasol for a system-wide one.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/browser_registry.hpp"

namespace parasol::app {

struct InstallRecord {
    struct File {
        std::string browser;  // Browser::key
        Scope scope = Scope::user;
        std::filesystem::path path;
        std::string content;       // byte for byte what was written
        std::string registry_key;  // Windows: the HKCU key naming `path`; else ""
    };
    std::vector<File> files;
    // Folders install made (outermost first), removed again when empty.
    std::vector<std::filesystem::path> created_dirs;
    // Ids added with --extension-id.
    std::vector<std::string> extension_ids;

    [[nodiscard]] bool empty() const { return files.empty() && created_dirs.empty(); }
    // The entry for `path`, or nullptr.
    File* find(const std::filesystem::path& path);
    const File* find(const std::filesystem::path& path) const;
    // Adds or replaces the entry for file.path.
    void put(File file);
    void note_created_dirs(const std::vector<std::filesystem::path>& dirs);
    void note_extension_ids(const std::vector<std::string>& ids);

    // nullopt when `file` does not exist. Throws std::runtime_error naming the
    // file and the field when it can't be read or isn't a record.
    static std::optional<InstallRecord> load(const std::filesystem::path& file);
    // Written atomically, mode 0644 (nothing secret: paths and manifests).
    void save(const std::filesystem::path& file) const;
};

// Where the record of `scope` lives: the data folder for user and profile
// installs, <root>/var/lib/parasol for system-wide ones.
std::filesystem::path install_record_file(Scope scope, const Places& places,
                                          const std::filesystem::path& data_dir);

}  // namespace parasol::app
