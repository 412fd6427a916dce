#include "protocol/error_code.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"

namespace parasol::service::handlers {

namespace {
constexpr int kProtocol = 1;
}

json hello(const json& body, Deps& deps, const std::vector<std::string>& features) {
    const protocol::HelloRequest request = protocol::decode_hello(body);
    if (request.protocol != kProtocol) {
        throw protocol::ProtocolError(protocol::ErrorCode::unsupported_protocol,
                                      "body.protocol: this host speaks protocol " +
                                          std::to_string(kProtocol) + ", not " +
                                          std::to_string(request.protocol),
                                      "/body/protocol");
    }
    return {{"protocol", kProtocol},
            {"host", {{"version", deps.host_version}}},
            {"features", features}};
}

}  // namespace parasol::service::handlers
