#include "app/install_record.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/installed_files.hpp"

namespace parasol::app {

namespace {

using nlohmann::json;

constexpr int kFormat = 1;

Scope scope_from(const std::string& name, const std::filesystem::path& file) {
    for (Scope s : {Scope::user, Scope::system, Scope::profile}) {
        if (scope_name(s) == name) return s;
    }
    throw std::runtime_error(file.string() + ": /files/*/scope: unknown scope '" + name + "'");
}

}  // namespace

InstallRecord::File* InstallRecord::find(const std::filesystem::path& path) {
    const auto it =
        std::find_if(files.begin(), files.end(), [&](const File& f) { return f.path == path; });
    return it == files.end() ? nullptr : &*it;
}

const InstallRecord::File* InstallRecord::find(const std::filesystem::path& path) const {
    const auto it =
        std::find_if(files.begin(), files.end(), [&](const File& f) { return f.path == path; });
    return it == files.end() ? nullptr : &*it;
}

void InstallRecord::put(File file) {
    if (File* existing = find(file.path)) {
        *existing = std::move(file);
    } else {
        files.push_back(std::move(file));
    }
}

void InstallRecord::note_created_dirs(const std::vector<std::filesystem::path>& dirs) {
    for (const auto& dir : dirs) {
        if (std::find(created_dirs.begin(), created_dirs.end(), dir) == created_dirs.end()) {
            created_dirs.push_back(dir);
        }
    }
}

void InstallRecord::note_extension_ids(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        if (std::find(extension_ids.begin(), extension_ids.end(), id) == extension_ids.end()) {
            extension_ids.push_back(id);
        }
    }
}

std::optional<InstallRecord> InstallRecord::load(const std::filesystem::path& file) {
    const auto text = read_whole_file(file);
    if (!text) return std::nullopt;
    InstallRecord record;
    try {
        const json doc = json::parse(*text);
        if (doc.at("format").get<int>() != kFormat) {
            throw std::runtime_error("/format: this version of parasol reads format " +
                                     std::to_string(kFormat));
        }
        for (const auto& f : doc.at("files")) {
            record.files.push_back({f.at("browser").get<std::string>(),
                                    scope_from(f.at("scope").get<std::string>(), file),
                                    f.at("path").get<std::string>(),
                                    f.at("content").get<std::string>(),
                                    f.value("registry_key", std::string())});
        }
        for (const auto& d : doc.at("created_dirs")) {
            record.created_dirs.emplace_back(d.get<std::string>());
        }
        record.extension_ids = doc.value("extension_ids", std::vector<std::string>{});
    } catch (const json::exception& e) {
        throw std::runtime_error(file.string() +
                                 " is not a record of parasol install: " + e.what());
    }
    return record;
}

void InstallRecord::save(const std::filesystem::path& file) const {
    json doc = {{"format", kFormat},
                {"files", json::array()},
                {"created_dirs", json::array()},
                {"extension_ids", extension_ids}};
    for (const auto& f : files) {
        json entry = {{"browser", f.browser},
                      {"scope", std::string(scope_name(f.scope))},
                      {"path", f.path.string()},
                      {"content", f.content}};
        if (!f.registry_key.empty()) entry["registry_key"] = f.registry_key;
        doc["files"].push_back(std::move(entry));
    }
    for (const auto& d : created_dirs) doc["created_dirs"].push_back(d.string());
    write_file_atomically(file, doc.dump(2) + "\n",
                          std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                              std::filesystem::perms::group_read |
                              std::filesystem::perms::others_read);
}

std::filesystem::path install_record_file(Scope scope, const Places& places,
                                          const std::filesystem::path& data_dir) {
    if (scope == Scope::system) return places.system("/var/lib/parasol") / "install-record.json";
    return data_dir / "install-record.json";
}

}  // namespace parasol::app
