#pragma once
// The version the repository says it is (the VERSION file), which both
// executables must report.
#include <fstream>
#include <string>

namespace parasol::test {

inline std::string project_version() {
    std::ifstream in(std::string(PARASOL_SOURCE_DIR) + "/VERSION");
    std::string version;
    std::getline(in, version);
    while (!version.empty() && (version.back() == '\r' || version.back() == ' ')) {
        version.pop_back();
    }
    return version;
}

}  // namespace parasol::test
