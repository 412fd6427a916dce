#pragma once
// Diagnostics: stderr plus "<data dir>/parasol-host.log". Never stdout, which
// carries protocol frames only.
#include <cstdio>
#include <filesystem>
#include <string>

#include "service/dispatcher.hpp"
#include "store/database.hpp"

namespace parasol::app {

class LogFile : public store::StoreLog, public service::ErrorLog {
public:
    // `file` may be empty: stderr only (e.g. before the data dir is known).
    explicit LogFile(const std::filesystem::path& file);
    ~LogFile() override;
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    void info(const std::string& line) override { write("info", line); }
    void warn(const std::string& line) override { write("warn", line); }
    void error(const std::string& line) override { write("error", line); }

private:
    void write(const char* level, const std::string& line);
    std::FILE* file_ = nullptr;
};

}  // namespace parasol::app
