// settings.get / settings.set: the host is the one source of truth.
#include "protocol/requests.hpp"
#include "protocol/settings_codec.hpp"
#include "service/handlers/handlers.hpp"
#include "service/settings_access.hpp"

namespace parasol::service::handlers {

json settings_get(const json& body, Deps& deps) {
    protocol::decode_empty(body, "settings.get");
    return {{"settings", protocol::encode_settings(load_settings(deps))}};
}

json settings_set(const json& body, Deps& deps) {
    const auto request = protocol::decode_settings_set(body);
    core::Settings merged;
    // Read, merge and write in one transaction so two browsers changing
    // different settings at once don't undo each other.
    deps.db.write([&](SQLite::Database&) {
        merged = protocol::merge_settings(load_settings(deps), request.partial, "/body/settings");
        save_settings(deps, merged);
    });
    return {{"settings", protocol::encode_settings(merged)}};
}

}  // namespace parasol::service::handlers
