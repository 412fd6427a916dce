#include "protocol/error_code.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"

namespace parasol::service::handlers {

json activity_record(const json& body, Deps& deps) {
    const protocol::ActivityRecordRequest request =
        protocol::decode_activity_record(body, deps.clock.now_ms());
    // record() commits before returning: the reply below is the acknowledgement.
    const store::RecordOutcome outcome = deps.spans.record(request.spans, request.marks);
    if (outcome.conflict) {
        const auto& c = *outcome.conflict;
        const std::string list = c.is_mark ? "marks" : "spans";
        throw protocol::ProtocolError(
            protocol::ErrorCode::invalid,
            "body." + list + "[" + std::to_string(c.index) + "]." + c.field + ": " + c.message,
            "/body/" + list + "/" + std::to_string(c.index) + "/" + c.field);
    }
    return {{"stored", request.spans.size() + request.marks.size()}};
}

}  // namespace parasol::service::handlers
