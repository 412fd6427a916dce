// creators.follow / unfollow / update / list / forget: the user's choices
// about creators, answered with each creator's time today and this week.
#include <algorithm>
#include <charconv>

#include "protocol/error_code.hpp"
#include "protocol/frame_reader.hpp"
#include "protocol/replies.hpp"
#include "protocol/requests.hpp"
#include "service/handlers/handlers.hpp"
#include "service/summary_query.hpp"

namespace parasol::service::handlers {

namespace {

using protocol::ErrorCode;
using protocol::ProtocolError;

// A creators.list page's creators, encoded; the rest of the reply (envelope,
// id, next_cursor) takes a few hundred bytes of the cap.
constexpr std::size_t kPageBytes = protocol::kMaxReply - 1024;

[[noreturn]] void never_seen(const core::CreatorKey& key) {
    throw ProtocolError(ErrorCode::not_found, "body: no creator '" + key.handle + "' on '" +
                                                  key.platform + "' has been seen by this host");
}

json creator_reply(Deps& deps, const core::CreatorRecord& record) {
    const auto times = creator_times(deps);
    const auto it = times.find(record.key);
    const CreatorTimes t = it == times.end() ? CreatorTimes{} : it->second;
    return {{"creator", protocol::encode_creator(record, t.today_s, t.week_s)}};
}

std::size_t decode_cursor(const std::optional<std::string>& cursor) {
    if (!cursor) return 0;
    std::size_t offset = 0;
    const char* end = cursor->data() + cursor->size();
    const auto [ptr, ec] = std::from_chars(cursor->data(), end, offset);
    if (ec != std::errc{} || ptr != end) {
        throw ProtocolError(ErrorCode::invalid,
                            "body.cursor: must be a next_cursor from an earlier creators.list",
                            "/body/cursor");
    }
    return offset;
}

}  // namespace

json creators_follow(const json& body, Deps& deps) {
    const auto request = protocol::decode_creator_follow(body);
    return creator_reply(deps,
                         deps.creators.follow(request.key, request.label, deps.clock.now_ms()));
}

json creators_unfollow(const json& body, Deps& deps) {
    const auto request = protocol::decode_creator_key(body);
    if (!deps.creators.unfollow(request.key)) never_seen(request.key);
    return json::object();
}

json creators_update(const json& body, Deps& deps) {
    const auto request = protocol::decode_creator_update(body);
    const auto updated = deps.creators.update(request.key, request.label, request.daily_budget_min);
    if (!updated) never_seen(request.key);
    return creator_reply(deps, *updated);
}

json creators_forget(const json& body, Deps& deps) {
    const auto request = protocol::decode_creator_key(body);
    const auto deleted = deps.creators.forget(request.key);
    if (!deleted) never_seen(request.key);
    return {{"deleted_spans", *deleted}};
}

json creators_list(const json& body, Deps& deps) {
    const auto request = protocol::decode_creator_list(body);
    const std::size_t offset = decode_cursor(request.cursor);

    struct Row {
        core::CreatorRecord record;
        CreatorTimes times;
    };
    const auto times = creator_times(deps);
    std::vector<Row> rows;
    for (auto& record : deps.creators.all()) {
        const auto it = times.find(record.key);
        rows.push_back({std::move(record), it == times.end() ? CreatorTimes{} : it->second});
    }
    // Followed first, then by this week's time; ties by key so pages are stable.
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        if (a.record.followed != b.record.followed) return a.record.followed;
        if (a.times.week_s != b.times.week_s) return a.times.week_s > b.times.week_s;
        return a.record.key < b.record.key;
    });

    json creators = json::array();
    // A cursor past the end (the list shrank, or a made-up number) is an empty
    // last page; offset + limit could wrap around, so count from the start.
    const std::size_t start = std::min(offset, rows.size());
    std::size_t stop =
        start + std::min(rows.size() - start, static_cast<std::size_t>(request.limit));
    // 1000 creators with long non-ASCII names pass the reply cap: end the page
    // early instead (PROTOCOL.md: queries that can grow paginate, never fail).
    std::size_t bytes = 0;
    for (std::size_t i = start; i < stop; ++i) {
        json creator =
            protocol::encode_creator(rows[i].record, rows[i].times.today_s, rows[i].times.week_s);
        bytes += creator.dump(-1, ' ', false, json::error_handler_t::replace).size() + 1;
        if (bytes > kPageBytes && i > start) {
            stop = i;
            break;
        }
        creators.push_back(std::move(creator));
    }
    return {{"creators", std::move(creators)},
            {"next_cursor", stop < rows.size() ? json(std::to_string(stop)) : json(nullptr)}};
}

}  // namespace parasol::service::handlers
