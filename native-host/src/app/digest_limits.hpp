#pragma once
// The digest's network time limits: defaults, or PARASOL_DIGEST_CONNECT_TIMEOUT_MS
// and PARASOL_DIGEST_TIMEOUT_MS (tests keep them short).
#include "digest/transport.hpp"

namespace parasol::app {

digest::TransportLimits digest_limits_from_environment();

}  // namespace parasol::app
