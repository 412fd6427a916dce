#include "app/windows_registry.hpp"

#include <stdexcept>
#include <system_error>

#include "app/browser_registry.hpp"

#if defined(_WIN32)
#include <windows.h>
#endif

namespace parasol::app {

#if defined(_WIN32)

namespace {

std::wstring host_key(const std::string& browser_key) {
    const std::string key = browser_key + "\\" + std::string(kHostName);
    return std::filesystem::path(key).wstring();
}

}  // namespace

void register_host_manifest(const std::string& browser_key, const std::filesystem::path& manifest) {
    HKEY key = nullptr;
    LONG rc = RegCreateKeyExW(HKEY_CURRENT_USER, host_key(browser_key).c_str(), 0, nullptr, 0,
                              KEY_SET_VALUE, nullptr, &key, nullptr);
    if (rc != ERROR_SUCCESS) {
        throw std::system_error(static_cast<int>(rc), std::system_category(),
                                "can't create HKCU\\" + browser_key);
    }
    const std::wstring value = manifest.wstring();
    rc = RegSetValueExW(key, nullptr, 0, REG_SZ, reinterpret_cast<const BYTE*>(value.c_str()),
                        static_cast<DWORD>((value.size() + 1) * sizeof(wchar_t)));
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS) {
        throw std::system_error(static_cast<int>(rc), std::system_category(),
                                "can't set HKCU\\" + browser_key);
    }
}

std::optional<std::filesystem::path> registered_host_manifest(const std::string& browser_key) {
    wchar_t buffer[32768];
    DWORD size = sizeof buffer;
    const LONG rc = RegGetValueW(HKEY_CURRENT_USER, host_key(browser_key).c_str(), nullptr,
                                 RRF_RT_REG_SZ, nullptr, buffer, &size);
    if (rc != ERROR_SUCCESS) return std::nullopt;
    return std::filesystem::path(std::wstring(buffer));
}

bool unregister_host_manifest(const std::string& browser_key,
                              const std::filesystem::path& manifest) {
    const auto current = registered_host_manifest(browser_key);
    if (!current || *current != manifest) return false;
    return RegDeleteKeyW(HKEY_CURRENT_USER, host_key(browser_key).c_str()) == ERROR_SUCCESS;
}

#else

void register_host_manifest(const std::string&, const std::filesystem::path&) {
    throw std::logic_error("the Windows registry exists on Windows only");
}

bool unregister_host_manifest(const std::string&, const std::filesystem::path&) {
    throw std::logic_error("the Windows registry exists on Windows only");
}

std::optional<std::filesystem::path> registered_host_manifest(const std::string&) {
    throw std::logic_error("the Windows registry exists on Windows only");
}

#endif

}  // namespace parasol::app
