#include "core/summary.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <tuple>

#include "core/day_split.hpp"
#include "core/interval_union.hpp"

namespace parasol::core {

namespace {

// A span's share of one local day in range, already clipped to that day.
struct Piece {
    Instant start;
    Instant end;
    std::int32_t day;      // index into Summary::days
    std::int32_t creator;  // index into SummaryInput::creators, -1 for connection
};

std::int64_t whole_seconds(Instant ms) {
    return ms / kMsPerSecond;
}

void check_span(const SpanInterval& span, std::size_t index, std::size_t creator_count) {
    const std::string where = "summarize: spans[" + std::to_string(index) + "]";
    if (span.kind == SpanKind::unknown) throw std::invalid_argument(where + ": kind is unknown");
    if (span.kind == SpanKind::creator &&
        (span.creator < 0 || static_cast<std::size_t>(span.creator) >= creator_count)) {
        throw std::invalid_argument(where + ": creator index " + std::to_string(span.creator) +
                                    " is not in the creator list");
    }
}

}  // namespace

Summary summarize(const SummaryInput& input) {
    if (input.to < input.from) {
        throw std::invalid_argument("summarize: to (" + input.to.to_string() +
                                    ") is before from (" + input.from.to_string() + ")");
    }
    const std::int64_t first_day = input.from.to_days();
    const std::int64_t last_day = input.to.to_days();
    const auto day_count = static_cast<std::size_t>(last_day - first_day + 1);

    Summary out;
    out.from = input.from;
    out.to = input.to;
    out.days.resize(day_count);
    for (std::size_t i = 0; i < day_count; ++i) {
        out.days[i].date = LocalDate::from_days(first_day + static_cast<std::int64_t>(i));
    }
    for (auto it = input.social_min.lower_bound(input.from);
         it != input.social_min.end() && it->first <= input.to; ++it) {
        out.days[static_cast<std::size_t>(it->first.to_days() - first_day)].social_min = it->second;
        out.totals.social_min += it->second;
    }

    // Clip each span to the range under its own offset before splitting, so a
    // long or distant span costs at most one piece per day in range.
    std::vector<Piece> creator_pieces;
    std::vector<Piece> connection_pieces;
    for (std::size_t i = 0; i < input.spans.size(); ++i) {
        const SpanInterval& span = input.spans[i];
        check_span(span, i, input.creators.size());
        const Instant offset_ms = static_cast<Instant>(span.utc_offset_min) * kMsPerMinute;
        const Instant lo = std::max(span.start, first_day * kMsPerDay - offset_ms);
        const Instant hi = std::min(span.end, (last_day + 1) * kMsPerDay - offset_ms);
        std::vector<Piece>& into =
            span.kind == SpanKind::creator ? creator_pieces : connection_pieces;
        const std::int32_t creator = span.kind == SpanKind::creator ? span.creator : -1;
        for_each_local_day_piece(
            lo, hi, span.utc_offset_min, [&](std::int64_t day, Instant s, Instant e) {
                into.push_back({s, e, static_cast<std::int32_t>(day - first_day), creator});
            });
    }

    // One sort by start; every union below then sees its own pieces in start
    // order too, as a subsequence, so each can be accumulated in one pass.
    const auto by_start = [](const Piece& a, const Piece& b) { return a.start < b.start; };
    std::sort(creator_pieces.begin(), creator_pieces.end(), by_start);
    std::sort(connection_pieces.begin(), connection_pieces.end(), by_start);

    std::vector<UnionLength> creator_by_day(day_count);
    std::vector<UnionLength> by_creator(input.creators.size());
    UnionLength all_creators;
    UnionLength followed;
    for (const Piece& p : creator_pieces) {
        const auto c = static_cast<std::size_t>(p.creator);
        all_creators.add(p.start, p.end);
        if (input.creators[c].followed) followed.add(p.start, p.end);
        creator_by_day[static_cast<std::size_t>(p.day)].add(p.start, p.end);
        by_creator[c].add(p.start, p.end);
    }
    std::vector<UnionLength> connection_by_day(day_count);
    UnionLength all_connections;
    for (const Piece& p : connection_pieces) {
        all_connections.add(p.start, p.end);
        connection_by_day[static_cast<std::size_t>(p.day)].add(p.start, p.end);
    }
    for (std::size_t i = 0; i < day_count; ++i) {
        out.days[i].creator_s = whole_seconds(creator_by_day[i].length_ms());
        out.days[i].connection_s = whole_seconds(connection_by_day[i].length_ms());
    }

    out.totals.creator_s = whole_seconds(all_creators.length_ms());
    out.totals.followed_s = whole_seconds(followed.length_ms());
    out.totals.connection_s = whole_seconds(all_connections.length_ms());
    const std::int64_t people_s =
        out.totals.connection_s + 60 * static_cast<std::int64_t>(out.totals.social_min);
    if (people_s != 0) {
        out.totals.balance =
            static_cast<double>(out.totals.creator_s) / static_cast<double>(people_s);
    }

    // Pieces are non-empty, so a creator is active on a day iff it has a piece
    // there; DST can make a creator's days non-monotonic in start order, hence
    // a sort of (creator, day) pairs rather than a running "last day".
    std::vector<std::uint64_t> creator_days;
    creator_days.reserve(creator_pieces.size());
    for (const Piece& p : creator_pieces) {
        creator_days.push_back(static_cast<std::uint64_t>(p.creator) * day_count +
                               static_cast<std::uint64_t>(p.day));
    }
    std::sort(creator_days.begin(), creator_days.end());
    creator_days.erase(std::unique(creator_days.begin(), creator_days.end()), creator_days.end());
    std::vector<int> days_active(input.creators.size(), 0);
    for (std::uint64_t key : creator_days) ++days_active[key / day_count];

    std::vector<CreatorSummary> ranked;
    for (std::size_t c = 0; c < input.creators.size(); ++c) {
        if (days_active[c] == 0) continue;  // no time in range
        CreatorSummary cs;
        cs.creator = input.creators[c];
        cs.seconds = whole_seconds(by_creator[c].length_ms());
        cs.share = out.totals.creator_s > 0
                       ? static_cast<double>(cs.seconds) / static_cast<double>(out.totals.creator_s)
                       : 0.0;
        cs.days_active = days_active[c];
        ranked.push_back(std::move(cs));
    }
    std::sort(ranked.begin(), ranked.end(), [](const CreatorSummary& a, const CreatorSummary& b) {
        return std::tie(b.seconds, a.creator.key.platform, a.creator.key.handle) <
               std::tie(a.seconds, b.creator.key.platform, b.creator.key.handle);
    });
    if (ranked.size() > input.top_n) {
        for (std::size_t i = input.top_n; i < ranked.size(); ++i) out.others_s += ranked[i].seconds;
        ranked.resize(input.top_n);
    }
    out.creators = std::move(ranked);
    return out;
}

}  // namespace parasol::core
