#include "service/dispatcher.hpp"

#include <algorithm>

#include "protocol/envelope.hpp"
#include "protocol/error_code.hpp"
#include "service/handlers/handlers.hpp"

namespace parasol::service {

using protocol::ErrorCode;
using protocol::ProtocolError;

Dispatcher::Dispatcher(Deps& deps, ErrorLog& log) : deps_(deps), log_(log) {
    table_ = {
        {"activity.record", handlers::activity_record},
        {"checkin.record", handlers::checkin_record},
        {"creators.follow", handlers::creators_follow},
        {"creators.forget", handlers::creators_forget},
        {"creators.list", handlers::creators_list},
        {"creators.unfollow", handlers::creators_unfollow},
        {"creators.update", handlers::creators_update},
        {"data.erase", handlers::data_erase},
        {"digest.credentials.set", handlers::digest_credentials_set},
        {"digest.history", handlers::digest_history},
        {"digest.preview", handlers::digest_preview},
        {"digest.send", handlers::digest_send},
        {"data.export", handlers::data_export},
        {"nudges.poll", handlers::nudges_poll},
        {"nudges.respond", handlers::nudges_respond},
        {"reflection.get", handlers::reflection_get},
        {"settings.get", handlers::settings_get},
        {"settings.set", handlers::settings_set},
        {"summary.get", handlers::summary_get},
    };
    // hello lists the table itself, so it is added once the rest is known.
    table_.emplace("hello", [this](const nlohmann::json& body, Deps& d) {
        return handlers::hello(body, d, features());
    });
}

std::vector<std::string> Dispatcher::features() const {
    std::vector<std::string> names = types();
    // Not a type: a Nudge carries `choices` (NUDGE_CONTRACT.md).
    names.emplace_back("nudges");
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> Dispatcher::types() const {
    std::vector<std::string> names;
    names.reserve(table_.size());
    for (const auto& entry : table_) names.push_back(entry.first);
    return names;
}

std::string Dispatcher::handle(std::string_view payload) {
    std::optional<std::string> id;
    try {
        protocol::Envelope request = protocol::decode_envelope(payload, id);
        auto handler = table_.find(request.type);
        if (handler == table_.end()) {
            throw ProtocolError(ErrorCode::unknown_type,
                                "type: '" + request.type + "' is not a type this host knows",
                                "/type");
        }
        return protocol::encode_ok(request.id, handler->second(request.body, deps_));
    } catch (const ProtocolError& e) {
        return protocol::encode_error(id, e.code(), e.what(), e.path());
    } catch (const store::StoreUnavailable& e) {
        log_.error(std::string("storage unavailable: ") + e.what());
        return protocol::encode_error(id, ErrorCode::unavailable,
                                      std::string("storage can't be written now: ") + e.what() +
                                          "; nothing was changed, retry later",
                                      std::nullopt);
    } catch (const std::exception& e) {
        log_.error(std::string("internal error: ") + e.what());
        return protocol::encode_error(id, ErrorCode::internal,
                                      "internal error in the host; details are in its log",
                                      std::nullopt);
    }
}

}  // namespace parasol::service
