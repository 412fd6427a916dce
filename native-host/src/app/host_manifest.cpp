#include "app/host_manifest.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <stdexcept>

#include "app/extension_ids.hpp"
#include "app/host_manifest_templates.hpp"

namespace parasol::app {

namespace {

using nlohmann::json;

void add_unique(std::vector<std::string>& list, std::string_view id) {
    if (std::find(list.begin(), list.end(), id) == list.end()) list.emplace_back(id);
}

// Replaces the one occurrence of `placeholder` in `text`; a template without
// it is a packaging mistake, not something to paper over.
void fill(std::string& text, std::string_view placeholder, const std::string& value) {
    const auto at = text.find(placeholder);
    if (at == std::string::npos || text.find(placeholder, at + 1) != std::string::npos) {
        throw std::logic_error("host manifest template must hold " + std::string(placeholder) +
                               " exactly once");
    }
    text.replace(at, placeholder.size(), value);
}

bool is_absolute_path(const std::string& path) {
#if defined(_WIN32)
    return std::filesystem::path(path).is_absolute();
#else
    return !path.empty() && path.front() == '/';
#endif
}

}  // namespace

bool is_chromium_extension_id(std::string_view id) {
    return id.size() == 32 &&
           std::all_of(id.begin(), id.end(), [](char c) { return c >= 'a' && c <= 'p'; });
}

bool is_gecko_id(std::string_view id) {
    static const std::regex email(R"(^[A-Za-z0-9._+-]{1,80}@[A-Za-z0-9.-]{1,80}$)");
    static const std::regex uuid(
        R"(^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$)");
    const std::string text(id);
    return std::regex_match(text, email) || std::regex_match(text, uuid);
}

std::string chromium_origin(std::string_view id) {
    return "chrome-extension://" + std::string(id) + "/";
}

ExtensionIds ExtensionIds::parasol(const std::vector<std::string>& extra) {
    ExtensionIds ids;
    for (auto id : kChromiumExtensionIds) add_unique(ids.chromium, id);
    for (auto id : kFirefoxExtensionIds) add_unique(ids.firefox, id);
    for (const auto& id : extra) {
        if (is_chromium_extension_id(id)) {
            add_unique(ids.chromium, id);
        } else if (is_gecko_id(id)) {
            add_unique(ids.firefox, id);
        } else {
            throw std::invalid_argument(
                "--extension-id '" + id +
                "': must be a Chromium id (32 letters a-p) or a Firefox id (name@domain or "
                "{UUID})");
        }
    }
    return ids;
}

const std::vector<std::string>& ExtensionIds::of(BrowserFamily family) const {
    return family == BrowserFamily::chromium ? chromium : firefox;
}

std::string render_host_manifest(BrowserFamily family, const std::filesystem::path& host,
                                 const ExtensionIds& ids) {
    std::string text(family == BrowserFamily::chromium ? kChromiumManifestTemplate
                                                       : kFirefoxManifestTemplate);
    fill(text, "@HOST_PATH@", json(host.string()).dump());
    if (family == BrowserFamily::chromium) {
        json origins = json::array();
        for (const auto& id : ids.chromium) origins.push_back(chromium_origin(id));
        fill(text, "@ALLOWED_ORIGINS@", origins.dump());
    } else {
        fill(text, "@ALLOWED_EXTENSIONS@", json(ids.firefox).dump());
    }
    return text;
}

ManifestFindings check_host_manifest(std::string_view text, BrowserFamily family) {
    ManifestFindings found;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& e) {
        found.problems.push_back(std::string("not JSON: ") + e.what());
        return found;
    }
    if (!doc.is_object()) {
        found.problems.emplace_back("/: must be a JSON object");
        return found;
    }
    auto string_field = [&](const char* name) -> std::optional<std::string> {
        const auto it = doc.find(name);
        if (it == doc.end()) {
            found.problems.push_back(std::string("/") + name + ": missing");
            return std::nullopt;
        }
        if (!it->is_string()) {
            found.problems.push_back(std::string("/") + name + ": must be a string");
            return std::nullopt;
        }
        return it->get<std::string>();
    };

    static const std::regex name_rule(R"(^[a-z0-9_]+(\.[a-z0-9_]+)*$)");
    if (auto name = string_field("name")) {
        if (!std::regex_match(*name, name_rule)) {
            found.problems.push_back("/name: '" + *name +
                                     "' must match ^[a-z0-9_]+(\\.[a-z0-9_]+)*$");
        } else if (*name != kHostName) {
            found.problems.push_back("/name: must be " + std::string(kHostName) +
                                     " (the file's name), not " + *name);
        }
    }
    string_field("description");
    if (auto type = string_field("type"); type && *type != "stdio") {
        found.problems.push_back("/type: must be \"stdio\", not \"" + *type + "\"");
    }
    if (auto path = string_field("path")) {
        found.host_path = path;
        if (!is_absolute_path(*path)) {
            found.problems.push_back("/path: '" + *path + "' must be an absolute path");
        }
    }

    const char* list_name =
        family == BrowserFamily::chromium ? "allowed_origins" : "allowed_extensions";
    const auto list = doc.find(list_name);
    if (list == doc.end() || !list->is_array() || list->empty()) {
        found.problems.push_back(std::string("/") + list_name +
                                 ": must be a non-empty array of strings");
        return found;
    }
    static const std::regex origin_rule(R"(^chrome-extension://([a-p]{32})/$)");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string where = std::string("/") + list_name + "/" + std::to_string(i);
        const json& item = (*list)[i];
        if (!item.is_string()) {
            found.problems.push_back(where + ": must be a string");
            continue;
        }
        const auto value = item.get<std::string>();
        if (family == BrowserFamily::chromium) {
            std::smatch m;
            if (std::regex_match(value, m, origin_rule)) {
                found.allowed_ids.push_back(m[1]);
            } else {
                found.problems.push_back(where + ": '" + value +
                                         "' must look like chrome-extension://<32 letters a-p>/");
            }
        } else if (is_gecko_id(value)) {
            found.allowed_ids.push_back(value);
        } else {
            found.problems.push_back(where + ": '" + value +
                                     "' is not an extension id (name@domain or {UUID})");
        }
    }
    return found;
}

}  // namespace parasol::app
