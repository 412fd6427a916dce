#include "app/executable_path.hpp"

#include <stdexcept>
#include <system_error>
#include <vector>

#if defined(__APPLE__)
#include <mach-o/dyld.h>
#elif defined(_WIN32)
#include <windows.h>
#endif

namespace parasol::app {

std::filesystem::path running_executable() {
#if defined(__APPLE__)
    std::uint32_t size = 0;
    _NSGetExecutablePath(nullptr, &size);
    std::vector<char> buffer(size + 1, '\0');
    if (_NSGetExecutablePath(buffer.data(), &size) != 0) {
        throw std::runtime_error("can't find the running executable");
    }
    return std::filesystem::canonical(buffer.data());
#elif defined(_WIN32)
    std::vector<wchar_t> buffer(32768, L'\0');
    const DWORD n = GetModuleFileNameW(nullptr, buffer.data(), static_cast<DWORD>(buffer.size()));
    if (n == 0) throw std::runtime_error("can't find the running executable");
    return std::filesystem::path(std::wstring(buffer.data(), n));
#else
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw std::system_error(ec, "can't find the running executable (/proc/self/exe)");
    return self;
#endif
}

std::filesystem::path host_beside_running_executable() {
#if defined(_WIN32)
    return running_executable().parent_path() / "parasol-host.exe";
#else
    return running_executable().parent_path() / "parasol-host";
#endif
}

}  // namespace parasol::app
