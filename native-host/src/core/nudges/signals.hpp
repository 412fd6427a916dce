#pragma once
// NUDGES.md's signals, computed from stored activity. Pure: `now` and the
// host's UTC offset come in as parameters.
//
// The helper writing core/nudges owns this file: add the fields the rules
// need. The delivery policy relies on now, today, rt_d_min, rt_d_baseline_min
// and connection_above_baseline_today().
//
// What each figure promises (NUDGES.md leaves these open; decided here):
// - Days. A span counts on the local dates it touches under its OWN offset
//   (split at its local midnights, as summary.get does); `today` is the local
//   date of `now` under the host's offset, and today's figures cover local
//   midnight .. now. Spans are clipped at `now`. Time is a union: overlapping
//   spans count once.
// - The week. `_7` figures cover the 7 local days ending today (today-6 ..
//   today, today partial).
// - PT. Creator seconds, union of every creator span.
// - RT. Real-connection minutes: the union of messaging spans x0.5 plus the
//   union of call spans x1.0, plus check-in social_min x1.0 on the check-in's
//   date. A connection span's kind comes from looking its platform up in
//   settings.connection_sites; an unknown platform counts as messaging.
// - Data days. Complete local days since the first activity: today minus the
//   local date (host offset) of history.first_activity_at (or of the earliest
//   span/mark handed over when that is missing).
// - Baselines (PT, RT, checks): no baseline until 7 data days. While fewer
//   than 28 days lie before the current week (data_days < 34): the median of
//   the first 14 complete data days (fewer while fewer exist). After that: the
//   median of the 28 days before the current week (today-34 .. today-7).
//   Days without activity count as 0. A weekly baseline is 7 x the daily one.
// - Episodes. A visit to any creator after >= 15 min without creator time (a
//   run of creator time with gaps under 15 min is one episode, its length is
//   first start .. last end); checks_d counts the episodes STARTING on a date
//   (under the starting span's offset). A short check is an episode < 2 min.
//   Per creator c (R6): the same with "without c" in place of "without any
//   creator".
// - Nights. night_min of date d is creator minutes inside the sleep window
//   that ENDS on d (local, under each span's own offset): for 00:30-05:30 that
//   is d 00:30 .. d 05:30; for a wrapping window such as 23:00-06:00 it is
//   (d-1) 23:00 .. d 06:00. So "the last 7 nights" at 21:00 are the nights
//   that ended this morning and the 6 before, all complete.
// - Connection drought (R2). last_connection_at is the end of the latest
//   connection span, or the end (local midnight after, capped at now) of the
//   latest check-in date with social_min > 0. With neither, the drought runs
//   from the first activity (or the start of the history). The days "of" a
//   drought are the complete local days (host offset) inside it.
// - Live time (R8). Spans carry no live flag: creator time on live-first
//   platforms (twitch, kick) plus time with any creator the user sent chat
//   marks to in the 7 days (chat marks only come from live chat), unioned.
// - Spending (R7). Spend marks from the last 24 h only (so the rule fires
//   near the spend), each with how many spend marks (sum of counts) fall in
//   the 7 days ending at it, whether it is the first spend in the history,
//   and whether its local time (own offset) lies in the sleep window.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/activity.hpp"
#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "core/nudges/activity_history.hpp"
#include "core/settings.hpp"

namespace parasol::core::nudges {

// One local day of the history (kHistoryDays of them, oldest first, today last).
struct DayFigures {
    LocalDate date;
    std::int64_t creator_s = 0;  // PT_d
    double rt_min = 0.0;         // RT_d
    // Time with people as the user sees it (pop-up, reflection): the union of
    // all connection spans, unweighted, plus check-in minutes, as summary.get
    // counts it. RT's weights are for the rules only.
    double people_min = 0.0;
    int checks = 0;          // episodes starting that day
    int short_checks = 0;    // of which under 2 min
    double night_min = 0.0;  // creator minutes in the sleep window ending that day
};

// A creator's last 7 days (R6 and the creator-naming rules).
struct CreatorWeek {
    CreatorKey key;
    std::string label;
    std::int64_t seconds_7d = 0;  // PT_7(c)
    double share_7d = 0.0;        // PT_7(c) / PT_7
    // Episodes with this creator per day, oldest first (index 6 = today).
    std::array<int, 7> episodes_by_day{};
};

// A spend mark of the last 24 h.
struct RecentSpend {
    Instant at = 0;
    CreatorKey creator;
    std::string label;
    int marks_7d = 0;         // spend marks (sum of counts) in (at - 7 days, at]
    bool first_ever = false;  // no spend mark before it in the history
    bool at_night = false;    // local time (own offset) inside the sleep window
};

struct Signals {
    Instant now = 0;
    LocalDate today;  // local date of `now` under the host's offset

    // Today's real-connection minutes (connection spans weighted by kind,
    // plus check-in social minutes) and the personal daily baseline
    // (NUDGES.md "baselines"); nullopt while there is no baseline yet.
    double rt_d_min = 0.0;
    std::optional<double> rt_d_baseline_min;

    // NUDGES.md: never nudge when real connection is above baseline that day.
    [[nodiscard]] bool connection_above_baseline_today() const {
        return rt_d_baseline_min && rt_d_min > *rt_d_baseline_min;
    }

    int data_days = 0;             // complete local days since the first activity
    std::vector<DayFigures> days;  // kHistoryDays, oldest first; back() is today

    // Creator time.
    std::int64_t pt_d_s = 0;                // today so far
    std::int64_t pt_7_s = 0;                // the 7 days ending today
    std::optional<double> pt_d_baseline_s;  // daily median, see above
    std::vector<CreatorWeek> creators_7d;   // creators with time in the 7 days, most first

    // Real connection over the 7 days, and the balance.
    double rt_7_min = 0.0;
    // PT_7 / (PT_7 + RT_7), both in minutes; nullopt when both are 0.
    std::optional<double> ratio_7;

    // Checking (today so far) and its daily baseline.
    int checks_d = 0;
    int short_checks_d = 0;
    std::optional<double> checks_d_baseline;

    // Nights ending today-6 .. today (oldest first), in minutes.
    std::array<double, 7> night_min{};

    // Connection drought (R2).
    bool connection_tracking = true;  // settings.tracking.connection_time
    Instant drought_ms = 0;           // now - last connection moment
    // Fewest creator minutes over the complete local days inside the
    // drought; nullopt when the drought holds no complete day.
    std::optional<double> drought_min_creator_min_per_day;

    // Live streams and chat over the 7 days (R8), chat over 24 h (R11).
    std::int64_t live_s_7d = 0;
    int chat_messages_7d = 0;
    std::optional<CreatorKey> top_chat_creator_7d;  // most chat messages in 7 days
    std::string top_chat_label_7d;
    int chat_messages_24h_top = 0;  // to the one creator with most messages in 24 h
    std::optional<CreatorKey> top_chat_creator_24h;
    std::string top_chat_label_24h;

    // Spending (R7): spend marks of the last 24 h, oldest first.
    std::vector<RecentSpend> recent_spends;

    // Self-reports (R10): opinion_lean of the check-ins dated up to today
    // that answered it, oldest first.
    std::vector<int> opinion_leans;

    [[nodiscard]] std::optional<double> rt_7_baseline_min() const {
        if (!rt_d_baseline_min) return std::nullopt;
        return 7.0 * *rt_d_baseline_min;
    }
    [[nodiscard]] std::optional<double> pt_7_baseline_s() const {
        if (!pt_d_baseline_s) return std::nullopt;
        return 7.0 * *pt_d_baseline_s;
    }
};

// O(n log n) in spans + marks. `utc_offset_min` is the host's offset now.
Signals compute_signals(const ActivityHistory& history, const Settings& settings, Instant now,
                        int utc_offset_min);

// Platforms whose creator time counts as live-stream time (R8).
bool is_live_first_platform(const std::string& platform);

}  // namespace parasol::core::nudges
