#pragma once
// A StoreLog that keeps its lines for the test to read.
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace parasol::store::test {

class RecordingLog : public StoreLog {
public:
    void info(const std::string& line) override {
        const std::lock_guard lock(mutex_);
        infos.push_back(line);
    }
    void warn(const std::string& line) override {
        const std::lock_guard lock(mutex_);
        warns.push_back(line);
    }
    std::vector<std::string> infos;
    std::vector<std::string> warns;

private:
    std::mutex mutex_;
};

}  // namespace parasol::store::test
