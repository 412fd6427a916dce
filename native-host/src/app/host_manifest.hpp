#pragma once
// The native messaging host manifest of `org.parasol.host`: made from the
// templates in packaging/host-manifest/, and checked against the rules the
// browsers apply when they read one.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/browser_registry.hpp"

namespace parasol::app {

// Chromium: 32 letters a-p (the hash of the extension's key).
bool is_chromium_extension_id(std::string_view id);
// Firefox: "name@domain" or a "{UUID}", as AMO accepts them.
bool is_gecko_id(std::string_view id);
// "chrome-extension://<id>/".
std::string chromium_origin(std::string_view id);

// The extensions a manifest lets in: Parasol's own ids
// (packaging/extension-ids.txt) and the ones a user adds.
struct ExtensionIds {
    std::vector<std::string> chromium;
    std::vector<std::string> firefox;

    // Parasol's own ids, then each of `extra` in its family by its form
    // (duplicates dropped). Throws std::invalid_argument naming an extra id
    // that is neither form.
    static ExtensionIds parasol(const std::vector<std::string>& extra = {});
    [[nodiscard]] const std::vector<std::string>& of(BrowserFamily family) const;
};

// The manifest's text for `family`, naming `host` (absolute) and allowing
// exactly `ids.of(family)`.
std::string render_host_manifest(BrowserFamily family, const std::filesystem::path& host,
                                 const ExtensionIds& ids);

// What a manifest on disk says and what the browser would object to.
struct ManifestFindings {
    std::optional<std::string> host_path;  // the "path" field, if it is a string
    std::vector<std::string> allowed_ids;  // Chromium origins reduced to their ids
    // One line per broken rule, naming the field as a JSON Pointer:
    // "/type: must be \"stdio\"".
    std::vector<std::string> problems;
};
ManifestFindings check_host_manifest(std::string_view text, BrowserFamily family);

}  // namespace parasol::app
