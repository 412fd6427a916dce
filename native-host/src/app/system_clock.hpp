#pragma once
// The real clock and the machine's time zone: the only place that reads them.
#include <optional>
#include <string>

#include "core/instant.hpp"

namespace parasol::app {

class SystemClock : public core::Clock {
public:
    // For tests of time-dependent behaviour through the real binaries (the
    // nudge integration test): when PARASOL_TEST_CLOCK_FILE names a file,
    // "now" is the decimal instant (ms) that file holds, read on every call,
    // so a test can move a running host's clock. The time zone stays real.
    static constexpr const char* kTestClockVariable = "PARASOL_TEST_CLOCK_FILE";

    SystemClock();

    // Throws std::runtime_error when the test clock file can't be read.
    [[nodiscard]] core::Instant now_ms() const override;
    [[nodiscard]] int utc_offset_min(core::Instant at) const override;

private:
    std::optional<std::string> test_clock_file_;
};

}  // namespace parasol::app
