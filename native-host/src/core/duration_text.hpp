#pragma once
// Durations as people read them in the terminal report and the CLI.
#include <cstdint>
#include <string>

namespace parasol::core {

// Whole minutes, rounded down: "0 min", "45 min", "3 h 10", "3 h 05", "12 h".
// A negative duration gets a leading '-' (but under a minute is "0 min").
std::string format_duration(std::int64_t seconds);

}  // namespace parasol::core
