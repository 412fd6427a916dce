#include "service/settings_access.hpp"

#include "protocol/json_document.hpp"
#include "protocol/settings_codec.hpp"

namespace parasol::service {

core::Settings load_settings(Deps& deps) {
    const std::optional<std::string> stored = deps.settings.load();
    if (!stored) return core::Settings{};
    return protocol::decode_settings_document(nlohmann::json::parse(*stored));
}

void save_settings(Deps& deps, const core::Settings& settings) {
    deps.settings.save(protocol::encode_settings(settings).dump());
}

}  // namespace parasol::service
