#include "app/system_clock.hpp"

#include <chrono>
#include <ctime>

namespace parasol::app {

core::Instant SystemClock::now_ms() const {
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
