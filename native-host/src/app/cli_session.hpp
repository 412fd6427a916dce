#pragma once
// What every CLI command that reads or writes the database needs, opened the
// same way the host opens it (same data dir rules, same migrations).
#include <memory>
#include <optional>
#include <string>

#include "app/log_file.hpp"
#include "app/system_clock.hpp"
#include "service/deps.hpp"

namespace parasol::app {

struct CliOptions {
    std::optional<std::string> data_dir;
};

class CliSession {
public:
    explicit CliSession(const CliOptions& options);
    service::Deps& deps() { return *deps_; }
    const std::filesystem::path& data_dir() const { return dir_; }

private:
    std::filesystem::path dir_;
    LogFile log_{std::filesystem::path{}};  // the CLI talks to its user on stderr
    SystemClock clock_;
    std::unique_ptr<store::Database> db_;
    std::optional<service::Deps> deps_;
};

}  // namespace parasol::app
