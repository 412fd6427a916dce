#include "core/nudges/signals.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <tuple>

#include "core/day_split.hpp"
#include "core/interval_union.hpp"

namespace parasol::core::nudges {

namespace {

constexpr Instant kEpisodeGap = 15 * kMsPerMinute;
constexpr Instant kShortCheck = 2 * kMsPerMinute;
constexpr int kWeek = 7;
constexpr int kBaselineMinDataDays = 7;
constexpr int kEarlyBaselineDays = 14;
constexpr int kRollingBaselineDays = 28;

// One span's share of one local day of the history, clipped to it and to now.
struct Piece {
    Instant start;
    Instant end;
    std::int32_t day;      // index into Signals::days
    std::int32_t creator;  // index into the creator list, -1 for connection
    std::int32_t utc_offset_min;
};

double to_minutes(Instant ms) {
    return static_cast<double>(ms) / static_cast<double>(kMsPerMinute);
}

bool in_window(int minute_of_day, const TimeWindow& w) {
    const int s = w.start.minute_of_day;
    const int e = w.end.minute_of_day;
    if (s < e) return minute_of_day >= s && minute_of_day < e;
    if (s > e) return minute_of_day >= s || minute_of_day < e;
    return false;  // an empty window
}

int minute_of_day(Instant at, int utc_offset_min) {
    const Instant local_midnight_at =
        local_midnight(local_date_of(at, utc_offset_min), utc_offset_min);
    return static_cast<int>((at - local_midnight_at) / kMsPerMinute);
}

ConnectionKind connection_kind(const std::string& platform, const Settings& settings) {
    for (const ConnectionSite& site : settings.connection_sites) {
        if (site.platform == platform && site.kind != ConnectionKind::unknown) return site.kind;
    }
    return ConnectionKind::messaging;
}

double median(std::vector<double>& values) {
    const std::size_t n = values.size();
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), mid, values.end());
    const double upper = *mid;
    if (n % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), mid);
    return (lower + upper) / 2.0;
}

// Creators by key without allocating a key per lookup: the history's list
// plus any creator a mark names that the list lacks.
class CreatorIndex {
public:
    explicit CreatorIndex(const std::vector<CreatorRecord>& creators) {
        for (const CreatorRecord& c : creators) {
            keys_.push_back(c.key);
            labels_.push_back(c.label.empty() ? c.key.handle : c.label);
        }
        rebuild();
    }
    int find_or_add(const std::string& platform, const std::string& handle) {
        const auto it = std::lower_bound(order_.begin(), order_.end(), 0, [&](int i, int) {
            return std::tie(keys_[static_cast<std::size_t>(i)].platform,
                            keys_[static_cast<std::size_t>(i)].handle) < std::tie(platform, handle);
        });
        if (it != order_.end() && keys_[static_cast<std::size_t>(*it)].platform == platform &&
            keys_[static_cast<std::size_t>(*it)].handle == handle) {
            return *it;
        }
        keys_.push_back({platform, handle});
        labels_.push_back(handle);
        rebuild();
        return static_cast<int>(keys_.size()) - 1;
    }
    [[nodiscard]] std::size_t size() const { return keys_.size(); }
    [[nodiscard]] const CreatorKey& key(int i) const { return keys_[static_cast<std::size_t>(i)]; }
    [[nodiscard]] const std::string& label(int i) const {
        return labels_[static_cast<std::size_t>(i)];
    }

private:
    void rebuild() {
        order_.resize(keys_.size());
        for (std::size_t i = 0; i < order_.size(); ++i) order_[i] = static_cast<int>(i);
        std::sort(order_.begin(), order_.end(), [&](int a, int b) {
            return keys_[static_cast<std::size_t>(a)] < keys_[static_cast<std::size_t>(b)];
        });
    }
    std::vector<CreatorKey> keys_;
    std::vector<std::string> labels_;
    std::vector<int> order_;
};

// The index of the creator with most `counts` (ties: the smaller key), -1 if all 0.
int top_by_count(const std::vector<int>& counts, const CreatorIndex& creators) {
    int best = -1;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] <= 0) continue;
        const int c = static_cast<int>(i);
        if (best < 0 || counts[i] > counts[static_cast<std::size_t>(best)] ||
            (counts[i] == counts[static_cast<std::size_t>(best)] &&
             creators.key(c) < creators.key(best))) {
            best = c;
        }
    }
    return best;
}

}  // namespace

bool is_live_first_platform(const std::string& platform) {
    return platform == "twitch" || platform == "kick";
}

Signals compute_signals(const ActivityHistory& history, const Settings& settings, Instant now,
                        int utc_offset_min) {
    Signals s;
    s.now = now;
    s.today = local_date_of(now, utc_offset_min);
    s.connection_tracking = settings.tracking.connection_time;
    const std::int64_t today_day = s.today.to_days();
    const std::int64_t first_day = today_day - (kHistoryDays - 1);
    const std::int32_t today_index = kHistoryDays - 1;
    const std::int32_t week_index = today_index - (kWeek - 1);
    s.days.resize(kHistoryDays);
    for (std::size_t i = 0; i < s.days.size(); ++i) {
        s.days[i].date = LocalDate::from_days(first_day + static_cast<std::int64_t>(i));
    }
    CreatorIndex creators(history.creators);

    // Split every span into day pieces under its own offset, clipped to the
    // history's days and to now.
    std::vector<Piece> creator_pieces;
    std::vector<Piece> messaging_pieces;
    std::vector<Piece> call_pieces;
    creator_pieces.reserve(history.spans.size() + 8);
    std::optional<Instant> earliest;
    std::optional<Instant> last_connection;
    for (std::size_t i = 0; i < history.spans.size(); ++i) {
        const HistorySpan& span = history.spans[i];
        if (span.kind == SpanKind::unknown) {
            throw std::invalid_argument("compute_signals: spans[" + std::to_string(i) +
                                        "]: kind is unknown");
        }
        if (span.kind == SpanKind::creator &&
            (span.creator < 0 ||
             static_cast<std::size_t>(span.creator) >= history.creators.size())) {
            throw std::invalid_argument("compute_signals: spans[" + std::to_string(i) +
                                        "]: creator index " + std::to_string(span.creator) +
                                        " is not in the creator list");
        }
        const Instant offset_ms = static_cast<Instant>(span.utc_offset_min) * kMsPerMinute;
        const Instant lo = std::max(span.start, first_day * kMsPerDay - offset_ms);
        const Instant hi = std::min({span.end, now, (today_day + 1) * kMsPerDay - offset_ms});
        if (span.start < span.end && span.start <= now) {
            earliest = earliest ? std::min(*earliest, span.start) : span.start;
        }
        if (hi <= lo) continue;
        std::vector<Piece>* into = &creator_pieces;
        std::int32_t creator = -1;
        if (span.kind == SpanKind::creator) {
            creator = span.creator;
        } else {
            into = connection_kind(span.platform, settings) == ConnectionKind::call
                       ? &call_pieces
                       : &messaging_pieces;
            last_connection = last_connection ? std::max(*last_connection, hi) : hi;
        }
        for_each_local_day_piece(lo, hi, span.utc_offset_min,
                                 [&](std::int64_t day, Instant a, Instant b) {
                                     const auto index = static_cast<std::int32_t>(day - first_day);
                                     if (index < 0 || index > today_index) return;
                                     into->push_back({a, b, index, creator, span.utc_offset_min});
                                 });
    }
    const auto by_start = [](const Piece& a, const Piece& b) { return a.start < b.start; };
    std::sort(creator_pieces.begin(), creator_pieces.end(), by_start);
    std::sort(messaging_pieces.begin(), messaging_pieces.end(), by_start);
    std::sort(call_pieces.begin(), call_pieces.end(), by_start);

    // PT per day and over the week, episodes per day.
    {
        std::vector<UnionLength> by_day(s.days.size());
        UnionLength week;
        bool open = false;
        Instant episode_start = 0;
        Instant episode_end = 0;
        std::int32_t episode_day = 0;
        const auto close_episode = [&] {
            DayFigures& d = s.days[static_cast<std::size_t>(episode_day)];
            ++d.checks;
            if (episode_end - episode_start < kShortCheck) ++d.short_checks;
        };
        for (const Piece& p : creator_pieces) {
            by_day[static_cast<std::size_t>(p.day)].add(p.start, p.end);
            if (p.day >= week_index) week.add(p.start, p.end);
            if (open && p.start - episode_end < kEpisodeGap) {
                episode_end = std::max(episode_end, p.end);
                continue;
            }
            if (open) close_episode();
            open = true;
            episode_start = p.start;
            episode_end = p.end;
            episode_day = p.day;
        }
        if (open) close_episode();
        for (std::size_t i = 0; i < s.days.size(); ++i) {
            s.days[i].creator_s = by_day[i].length_ms() / kMsPerSecond;
        }
        s.pt_7_s = week.length_ms() / kMsPerSecond;
    }

    // RT per day: messaging x0.5, calls x1.0, check-in minutes x1.0.
    {
        std::vector<UnionLength> messaging(s.days.size());
        std::vector<UnionLength> calls(s.days.size());
        std::vector<UnionLength> either(s.days.size());
        for (const Piece& p : messaging_pieces) {
            messaging[static_cast<std::size_t>(p.day)].add(p.start, p.end);
            either[static_cast<std::size_t>(p.day)].add(p.start, p.end);
        }
        for (const Piece& p : call_pieces) {
            calls[static_cast<std::size_t>(p.day)].add(p.start, p.end);
            either[static_cast<std::size_t>(p.day)].add(p.start, p.end);
        }
        for (std::size_t i = 0; i < s.days.size(); ++i) {
            s.days[i].rt_min =
                0.5 * to_minutes(messaging[i].length_ms()) + to_minutes(calls[i].length_ms());
            s.days[i].people_min = to_minutes(either[i].length_ms());
        }
        for (const Checkin& c : history.checkins) {
            const std::int64_t index = c.date.to_days() - first_day;
            if (c.date > s.today) continue;
            if (c.social_min > 0) {
                const Instant end_of_day =
                    std::min(now, local_midnight(c.date.plus_days(1), utc_offset_min));
                last_connection =
                    last_connection ? std::max(*last_connection, end_of_day) : end_of_day;
            }
            if (index < 0) continue;
            s.days[static_cast<std::size_t>(index)].rt_min += c.social_min;
            s.days[static_cast<std::size_t>(index)].people_min += c.social_min;
        }
    }

    // Nights: creator time inside the sleep window ending on each of the
    // week's dates, under each piece's own offset.
    {
        const TimeWindow& w = settings.nudges.sleep_window;
        const Instant ws = w.start.minute_of_day * kMsPerMinute;
        const Instant we = w.end.minute_of_day * kMsPerMinute;
        std::vector<Piece> night_pieces;
        const auto clip_into = [&](const Piece& p, Instant a, Instant b, std::int32_t night) {
            const Instant lo = std::max(a, p.start);
            const Instant hi = std::min(b, p.end);
            if (lo < hi && night >= week_index && night <= today_index) {
                night_pieces.push_back({lo, hi, night, -1, 0});
            }
        };
        for (const Piece& p : creator_pieces) {
            if (p.day < week_index - 1) continue;
            const Instant midnight =
                local_midnight(s.days[static_cast<std::size_t>(p.day)].date, p.utc_offset_min);
            if (ws < we) {
                clip_into(p, midnight + ws, midnight + we, p.day);
            } else if (ws > we) {
                clip_into(p, midnight, midnight + we, p.day);
                clip_into(p, midnight + ws, midnight + kMsPerDay, p.day + 1);
            }
        }
        std::sort(night_pieces.begin(), night_pieces.end(), by_start);
        std::array<UnionLength, kWeek> nights{};
        for (const Piece& p : night_pieces)
            nights[static_cast<std::size_t>(p.day - week_index)].add(p.start, p.end);
        for (std::size_t i = 0; i < nights.size(); ++i) {
            s.night_min[i] = to_minutes(nights[i].length_ms());
            s.days[static_cast<std::size_t>(week_index) + i].night_min = s.night_min[i];
        }
    }

    // Marks: chat (R8, R11), spends (R7).
    std::vector<bool> chatted_7d;
    {
        std::vector<int> chat_7d;
        std::vector<int> chat_24h;
        struct Spend {
            Instant at;
            int utc_offset_min;
            int creator;
            int count;
        };
        std::vector<Spend> spends;
        for (const Mark& m : history.marks) {
            if (m.at > now) continue;
            earliest = earliest ? std::min(*earliest, m.at) : m.at;
            if (m.what != MarkWhat::chat && m.what != MarkWhat::spend) continue;
            const int c = creators.find_or_add(m.platform, m.handle);
            if (m.what == MarkWhat::spend) {
                spends.push_back({m.at, m.utc_offset_min, c, m.count});
                continue;
            }
            chat_7d.resize(creators.size(), 0);
            chat_24h.resize(creators.size(), 0);
            const std::int64_t index = local_date_of(m.at, m.utc_offset_min).to_days() - first_day;
            if (index >= week_index && index <= today_index) {
                chat_7d[static_cast<std::size_t>(c)] += m.count;
                s.chat_messages_7d += m.count;
            }
            if (m.at > now - kMsPerDay) chat_24h[static_cast<std::size_t>(c)] += m.count;
        }
        chatted_7d.assign(creators.size(), false);
        for (std::size_t i = 0; i < chat_7d.size(); ++i) chatted_7d[i] = chat_7d[i] > 0;
        if (const int top = top_by_count(chat_7d, creators); top >= 0) {
            s.top_chat_creator_7d = creators.key(top);
            s.top_chat_label_7d = creators.label(top);
        }
        if (const int top = top_by_count(chat_24h, creators); top >= 0) {
            s.chat_messages_24h_top = chat_24h[static_cast<std::size_t>(top)];
            s.top_chat_creator_24h = creators.key(top);
            s.top_chat_label_24h = creators.label(top);
        }

        std::sort(spends.begin(), spends.end(),
                  [](const Spend& a, const Spend& b) { return a.at < b.at; });
        std::size_t window_start = 0;
        int window_count = 0;
        for (std::size_t i = 0; i < spends.size(); ++i) {
            window_count += spends[i].count;
            while (spends[window_start].at <= spends[i].at - kWeek * kMsPerDay) {
                window_count -= spends[window_start].count;
                ++window_start;
            }
            if (spends[i].at <= now - kMsPerDay) continue;
            RecentSpend r;
            r.at = spends[i].at;
            r.creator = creators.key(spends[i].creator);
            r.label = creators.label(spends[i].creator);
            r.marks_7d = window_count;
            r.first_ever = i == 0;
            r.at_night = in_window(minute_of_day(spends[i].at, spends[i].utc_offset_min),
                                   settings.nudges.sleep_window);
            s.recent_spends.push_back(std::move(r));
        }
    }

    // Per creator over the week: seconds, share, episodes per day; and live time.
    {
        std::vector<Piece> by_creator = creator_pieces;
        std::stable_sort(by_creator.begin(), by_creator.end(),
                         [](const Piece& a, const Piece& b) { return a.creator < b.creator; });
        std::vector<Piece> live;
        std::size_t i = 0;
        while (i < by_creator.size()) {
            const std::int32_t c = by_creator[i].creator;
            const bool is_live = is_live_first_platform(creators.key(c).platform) ||
                                 (static_cast<std::size_t>(c) < chatted_7d.size() &&
                                  chatted_7d[static_cast<std::size_t>(c)]);
            CreatorWeek cw;
            UnionLength week;
            Instant last_end = 0;
            bool seen = false;
            for (; i < by_creator.size() && by_creator[i].creator == c; ++i) {
                const Piece& p = by_creator[i];
                if (p.day >= week_index) {
                    week.add(p.start, p.end);
                    if (is_live) live.push_back(p);
                }
                if ((!seen || p.start - last_end >= kEpisodeGap) && p.day >= week_index) {
                    ++cw.episodes_by_day[static_cast<std::size_t>(p.day - week_index)];
                }
                last_end = seen ? std::max(last_end, p.end) : p.end;
                seen = true;
            }
            cw.seconds_7d = week.length_ms() / kMsPerSecond;
            if (cw.seconds_7d <= 0) continue;
            cw.key = creators.key(c);
            cw.label = creators.label(c);
            cw.share_7d = s.pt_7_s > 0
                              ? static_cast<double>(cw.seconds_7d) / static_cast<double>(s.pt_7_s)
                              : 0.0;
            s.creators_7d.push_back(std::move(cw));
        }
        std::sort(s.creators_7d.begin(), s.creators_7d.end(),
                  [](const CreatorWeek& a, const CreatorWeek& b) {
                      return std::tie(b.seconds_7d, a.key) < std::tie(a.seconds_7d, b.key);
                  });
        std::sort(live.begin(), live.end(), by_start);
        UnionLength live_union;
        for (const Piece& p : live) live_union.add(p.start, p.end);
        s.live_s_7d = live_union.length_ms() / kMsPerSecond;
    }

    // Data days and baselines.
    if (history.first_activity_at) {
        earliest =
            earliest ? std::min(*earliest, *history.first_activity_at) : *history.first_activity_at;
    }
    if (earliest) {
        s.data_days = static_cast<int>(std::max<std::int64_t>(
            0, today_day - local_date_of(*earliest, utc_offset_min).to_days()));
    }
    if (s.data_days >= kBaselineMinDataDays) {
        std::int64_t from = 0;
        std::int64_t to = 0;  // indexes into days, inclusive
        if (s.data_days >= kRollingBaselineDays + kWeek - 1) {
            to = week_index - 1;
            from = to - (kRollingBaselineDays - 1);
        } else {
            from = today_index - s.data_days;
            to = std::min<std::int64_t>(from + kEarlyBaselineDays - 1, today_index - 1);
        }
        from = std::max<std::int64_t>(from, 0);
        std::vector<double> pt;
        std::vector<double> rt;
        std::vector<double> checks;
        for (std::int64_t i = from; i <= to; ++i) {
            const DayFigures& d = s.days[static_cast<std::size_t>(i)];
            pt.push_back(static_cast<double>(d.creator_s));
            rt.push_back(d.rt_min);
            checks.push_back(d.checks);
        }
        if (!pt.empty()) {
            s.pt_d_baseline_s = median(pt);
            s.rt_d_baseline_min = median(rt);
            s.checks_d_baseline = median(checks);
        }
    }

    // Today and the week.
    const DayFigures& today = s.days.back();
    s.pt_d_s = today.creator_s;
    s.rt_d_min = today.rt_min;
    s.checks_d = today.checks;
    s.short_checks_d = today.short_checks;
    for (std::size_t i = static_cast<std::size_t>(week_index); i < s.days.size(); ++i) {
        s.rt_7_min += s.days[i].rt_min;
    }
    const double pt_7_min = static_cast<double>(s.pt_7_s) / 60.0;
    if (pt_7_min + s.rt_7_min > 0.0) s.ratio_7 = pt_7_min / (pt_7_min + s.rt_7_min);

    // Drought: from the last connection moment (or the first activity, or
    // the history's start) to now.
    {
        const Instant from =
            last_connection ? *last_connection
            : earliest ? std::max(*earliest, local_midnight(s.days.front().date, utc_offset_min))
                       : local_midnight(s.days.front().date, utc_offset_min);
        s.drought_ms = std::max<Instant>(0, now - from);
        for (std::size_t i = 0; i < s.days.size(); ++i) {
            const Instant day_start = local_midnight(s.days[i].date, utc_offset_min);
            if (day_start < from || day_start + kMsPerDay > now) continue;
            const double minutes = static_cast<double>(s.days[i].creator_s) / 60.0;
            s.drought_min_creator_min_per_day =
                s.drought_min_creator_min_per_day
                    ? std::min(*s.drought_min_creator_min_per_day, minutes)
                    : minutes;
        }
    }

    // Self-reports, oldest first.
    {
        std::vector<const Checkin*> answered;
        for (const Checkin& c : history.checkins) {
            if (c.date <= s.today && c.opinion_lean) answered.push_back(&c);
        }
        std::stable_sort(answered.begin(), answered.end(),
                         [](const Checkin* a, const Checkin* b) { return a->date < b->date; });
        for (const Checkin* c : answered) s.opinion_leans.push_back(*c->opinion_lean);
    }
    return s;
}

}  // namespace parasol::core::nudges
