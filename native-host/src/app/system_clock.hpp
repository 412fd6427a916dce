#pragma once
// The real clock and the machine's time zone: the only place that reads them.
#include "core/instant.hpp"

namespace parasol::app {

class SystemClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override;
    [[nodiscard]] int utc_offset_min(core::Instant at) const override;
};

}  // namespace parasol::app
