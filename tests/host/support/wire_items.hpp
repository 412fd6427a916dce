#pragma once
// Spans, marks and envelopes in their wire form (PROTOCOL.md), with the
// defaults a test rarely cares about filled in.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace parasol::test {

using nlohmann::json;

inline json creator_span(const std::string& id, const std::string& platform,
                         const std::string& handle, std::int64_t start, std::int64_t end,
                         int utc_offset_min = 0, const std::string& attention = "focused") {
    return {{"id", id},
            {"kind", "creator"},
            {"platform", platform},
            {"handle", handle},
            {"start", start},
            {"end", end},
            {"utc_offset_min", utc_offset_min},
            {"attention", attention}};
}

inline json connection_span(const std::string& id, const std::string& platform, std::int64_t start,
                            std::int64_t end, int utc_offset_min = 0) {
    return {{"id", id},
            {"kind", "connection"},
            {"platform", platform},
            {"handle", ""},
            {"start", start},
            {"end", end},
            {"utc_offset_min", utc_offset_min},
            {"attention", "focused"}};
}

inline json mark(const std::string& id, const std::string& what, const std::string& platform,
                 const std::string& handle, std::int64_t at, int count = 1) {
    return {{"id", id}, {"what", what},        {"platform", platform}, {"handle", handle},
            {"at", at}, {"utc_offset_min", 0}, {"count", count}};
}

inline json spans_body(json spans) {
    return {{"spans", std::move(spans)}};
}

inline json hello_body(int protocol = 1) {
    return {{"protocol", protocol}, {"extension", {{"version", "0.3.1"}, {"browser", "chromium"}}}};
}

inline json request(const std::string& id, const std::string& type, json body) {
    return {{"id", id}, {"type", type}, {"body", std::move(body)}};
}

}  // namespace parasol::test
