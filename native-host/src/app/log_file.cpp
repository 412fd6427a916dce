#include "app/log_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

namespace parasol::app {

LogFile::LogFile(const std::filesystem::path& file) {
    if (file.empty()) return;
    // The log names creators' platforms at most, but it is the user's: 0600.
    const mode_t old = ::umask(077);
    file_ = std::fopen(file.c_str(), "a");
    ::umask(old);
    if (file_ == nullptr) {
        write("warn", "can't open log file " + file.string() + "; logging to stderr only");
    }
}

LogFile::~LogFile() {
    if (file_ != nullptr) std::fclose(file_);
}

void LogFile::write(const char* level, const std::string& line) {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    std::fprintf(stderr, "parasol-host[%d] %s %s: %s\n", static_cast<int>(::getpid()), stamp, level,
                 line.c_str());
    if (file_ != nullptr) {
        std::fprintf(file_, "%s [%d] %s: %s\n", stamp, static_cast<int>(::getpid()), level,
                     line.c_str());
        std::fflush(file_);
    }
}

}  // namespace parasol::app
