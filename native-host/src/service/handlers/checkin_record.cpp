#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"

namespace parasol::service::handlers {

json checkin_record(const json& body, Deps& deps) {
    deps.checkins.put(protocol::decode_checkin(body).checkin);
    return json::object();
}

}  // namespace parasol::service::handlers
