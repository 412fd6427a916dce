#include "protocol/replies.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"
#include "service/summary_query.hpp"

namespace parasol::service::handlers {

json summary_get(const json& body, Deps& deps) {
    const auto request = protocol::decode_summary(body);
    const core::LocalDate until = request.until.value_or(today(deps.clock));
    return protocol::encode_summary(query_summary(deps, until.plus_days(1 - request.days), until));
}

}  // namespace parasol::service::handlers
