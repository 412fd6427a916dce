#include "app/system_clock.hpp"

#include <chrono>
#include <ctime>
#include <fstream>
#include <stdexcept>

#include "app/environment.hpp"

namespace parasol::app {

SystemClock::SystemClock() : test_clock_file_(env(kTestClockVariable)) {}

core::Instant SystemClock::now_ms() const {
    if (test_clock_file_) {
        std::ifstream in(*test_clock_file_);
        core::Instant now = 0;
        if (!(in >> now) || now < 0) {
            throw std::runtime_error(std::string(kTestClockVariable) +
                                     ": can't read an instant from " + *test_clock_file_);
        }
        return now;
    }
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int SystemClock::utc_offset_min(core::Instant at) const {
    const std::time_t seconds = static_cast<std::time_t>(at / 1000);
    std::tm local{};
    ::localtime_r(&seconds, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

}  // namespace parasol::app
