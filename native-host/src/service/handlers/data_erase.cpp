#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"
#include "store/erase.hpp"

namespace parasol::service::handlers {

json data_erase(const json& body, Deps& deps) {
    protocol::decode_data_erase(body);
    store::erase_everything(deps.db);
    return json::object();
}

}  // namespace parasol::service::handlers
