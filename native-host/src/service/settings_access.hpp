#pragma once
// The settings document as the service sees it: stored as text by the
// store, decoded onto defaults here so older documents gain new keys.
#include "core/settings.hpp"
#include "service/deps.hpp"

namespace parasol::service {

core::Settings load_settings(Deps& deps);
void save_settings(Deps& deps, const core::Settings& settings);

}  // namespace parasol::service
