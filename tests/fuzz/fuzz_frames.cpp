// Arbitrary bytes as the host's stdin: framing, the envelope, then the
// decoder for the envelope's type, and the replies built from the outcome.
// Anything but a ProtocolError escaping, or a reply over the cap, is a bug.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <string_view>

#include "chunked_source.hpp"
#include "core/settings.hpp"
#include "protocol/envelope.hpp"
#include "protocol/frame_reader.hpp"
#include "protocol/requests.hpp"
#include "protocol/settings_codec.hpp"

namespace {

using namespace parasol::protocol;
using nlohmann::json;

constexpr parasol::core::Instant kNow = 1'800'000'000'000;

void decode_body(const Envelope& e) {
    static const std::map<std::string, std::function<void(const json&)>, std::less<>> decoders = {
        {"hello", [](const json& b) { decode_hello(b); }},
        {"activity.record", [](const json& b) { decode_activity_record(b, kNow); }},
        {"creators.follow", [](const json& b) { decode_creator_follow(b); }},
        {"creators.unfollow", [](const json& b) { decode_creator_key(b); }},
        {"creators.forget", [](const json& b) { decode_creator_key(b); }},
        {"creators.update", [](const json& b) { decode_creator_update(b); }},
        {"creators.list", [](const json& b) { decode_creator_list(b); }},
        {"summary.get", [](const json& b) { decode_summary(b); }},
        {"checkin.record", [](const json& b) { decode_checkin(b); }},
        {"data.erase", [](const json& b) { decode_data_erase(b); }},
        {"settings.get", [](const json& b) { decode_empty(b, "settings.get"); }},
        {"nudges.poll", [](const json& b) { decode_empty(b, "nudges.poll"); }},
        {"settings.set",
         [](const json& b) {
             const auto request = decode_settings_set(b);
             const auto merged =
                 merge_settings(parasol::core::Settings{}, request.partial, "/body/settings");
             // What was accepted must encode and load back to the same settings.
             if (decode_settings_document(encode_settings(merged)) != merged) std::abort();
         }},
    };
    if (const auto it = decoders.find(e.type); it != decoders.end()) it->second(e.body);
}

void check_reply(const std::string& reply) {
    if (reply.size() > kMaxReply || !json::accept(reply)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    parasol::fuzz::ChunkedSource source(
        std::string_view(reinterpret_cast<const char*>(data), size));
    FrameReader reader(source);
    for (;;) {
        const ReadResult result = reader.next();
        const auto* frame = std::get_if<Frame>(&result);
        if (frame == nullptr) break;  // too large, impossible or end: the host stops or skips
        std::optional<std::string> id;
        try {
            const Envelope e = decode_envelope(frame->payload, id);
            decode_body(e);
            check_reply(encode_ok(e.id, e.body));
        } catch (const ProtocolError& error) {
            check_reply(encode_error(id, error.code(), error.what(), error.path()));
        }
    }
    return 0;
}
