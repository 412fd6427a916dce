#include "support/process_stats.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>

namespace parasol::test {

namespace {

std::string proc_file(pid_t pid, const char* name) {
    return "/proc/" + std::to_string(pid) + "/" + name;
}

long status_field_kib(pid_t pid, const std::string& field) {
    std::ifstream status(proc_file(pid, "status"));
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    }
    throw std::runtime_error("no " + field + " in " + proc_file(pid, "status"));
}

double schedstat_ms(pid_t pid, int field) {
    std::ifstream schedstat(proc_file(pid, "schedstat"));
    unsigned long long value[2] = {};
    if (!(schedstat >> value[0] >> value[1])) {
        throw std::runtime_error("can't read " + proc_file(pid, "schedstat"));
    }
    return static_cast<double>(value[field]) / 1e6;
}

}  // namespace

long vm_hwm_kib(pid_t pid) {
    return status_field_kib(pid, "VmHWM");
}

long vm_rss_kib(pid_t pid) {
    return status_field_kib(pid, "VmRSS");
}

double cpu_ms(pid_t pid) {
    return schedstat_ms(pid, 0);
}

double run_queue_ms(pid_t pid) {
    return schedstat_ms(pid, 1);
}

void wait_until_sleeping(pid_t pid) {
    const std::string path = proc_file(pid, "stat");
    for (int i = 0; i < 10000; ++i) {
        std::ifstream stat(path);
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        const auto close = text.rfind(')');  // the command name may hold spaces
        if (close == std::string::npos || close + 2 >= text.size()) {
            throw std::runtime_error("can't read " + path);
        }
        const char state = text[close + 2];
        if (state == 'S' || state == 'Z') return;
        std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
}

}  // namespace parasol::test
