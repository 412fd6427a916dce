#pragma once
// Windows: Chromium browsers and Firefox find a host manifest through a key
// HKEY_CURRENT_USER\<browser key>\org.parasol.host whose default value is the
// manifest's path. Compiled on Windows only; elsewhere every call throws
// std::logic_error (nothing calls them there). Not tested: there is no
// Windows machine in CI.
#include <filesystem>
#include <optional>
#include <string>

namespace parasol::app {

// Creates or updates HKCU\<browser_key>\org.parasol.host = manifest.
// Throws std::system_error naming the key.
void register_host_manifest(const std::string& browser_key, const std::filesystem::path& manifest);
// Deletes HKCU\<browser_key>\org.parasol.host if it names `manifest`;
// returns whether it did.
bool unregister_host_manifest(const std::string& browser_key,
                              const std::filesystem::path& manifest);
// What HKCU\<browser_key>\org.parasol.host names, if the key exists.
std::optional<std::filesystem::path> registered_host_manifest(const std::string& browser_key);

}  // namespace parasol::app
