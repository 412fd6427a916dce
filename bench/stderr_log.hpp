#pragma once
// The benchmarks' sink for what the store and the dispatcher report: stderr,
// so that nothing a benchmark hits goes unseen.
#include <iostream>
#include <string>

#include "service/dispatcher.hpp"
#include "store/database.hpp"

namespace parasol::bench {

class StderrLog : public store::StoreLog, public service::ErrorLog {
public:
    void info(const std::string& line) override { std::cerr << "info: " << line << "\n"; }
    void warn(const std::string& line) override { std::cerr << "warn: " << line << "\n"; }
    void error(const std::string& line) override { std::cerr << "error: " << line << "\n"; }
};

}  // namespace parasol::bench
