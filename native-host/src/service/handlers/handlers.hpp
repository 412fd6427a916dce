#pragma once
// One handler per message type (PROTOCOL.md). Each takes the request body
// (already an object) and returns the reply body, or throws ProtocolError /
// store::StoreUnavailable.
#include <nlohmann/json.hpp>

#include "service/deps.hpp"

namespace parasol::service::handlers {

using nlohmann::json;

json hello(const json& body, Deps& deps, const std::vector<std::string>& features);
json activity_record(const json& body, Deps& deps);
json creators_follow(const json& body, Deps& deps);
json creators_unfollow(const json& body, Deps& deps);
json creators_update(const json& body, Deps& deps);
json creators_list(const json& body, Deps& deps);
json creators_forget(const json& body, Deps& deps);
json summary_get(const json& body, Deps& deps);
json checkin_record(const json& body, Deps& deps);
json settings_get(const json& body, Deps& deps);
json settings_set(const json& body, Deps& deps);
json data_erase(const json& body, Deps& deps);
json nudges_poll(const json& body, Deps& deps);
json nudges_respond(const json& body, Deps& deps);
json reflection_get(const json& body, Deps& deps);
json digest_preview(const json& body, Deps& deps);
json digest_history(const json& body, Deps& deps);
json digest_send(const json& body, Deps& deps);
json digest_credentials_set(const json& body, Deps& deps);
json data_export(const json& body, Deps& deps);

}  // namespace parasol::service::handlers
