#pragma once
// Seeded, deterministic usage of the personas of issue #5, for the nudge
// rules' tests and for demos: the same plan always gives the same records,
// with protocol-valid ids, so they can also be sent to a real host with
// activity.record and checkin.record. Pure.
//
// What each persona does (day 1 = first_day; creator time is over by 20:30
// local, so an evaluation at 21:00 sees the whole day):
// - healthy_fan: about an hour a day on YouTube, 50 weighted connection
//   minutes a day; weekly check-ins "mostly chosen", lonely "hardly ever".
// - weekend_binge: 25 min on weekdays, 100 min on Saturdays and Sundays;
//   normal connection.
// - late_night_checker: 50 min each afternoon; 45 min of creator time from
//   00:40 on the nights ending on days 12, 14, 16, 19, 21, 23, 26 and 28
//   (and 20 min on day 9).
// - one_creator_absorption: 91 min a day; from day 10 on, "Nova" takes
//   71 min of it over 7 visits a day.
// - isolation_drift: 100 min a day throughout; 80 weighted connection
//   minutes a day on days 1-14, then none (the last call ends day 14 19:30).
// - big_spender: 70 min a day (twitch and YouTube); spend marks on days 9,
//   12, 15 (at 02:00), 17, 20 and 25.
// - chatty_streamer_fan: 80 min of live streams a day (twitch, kick), 8 chat
//   messages a day on days 1-11, 28 a day from day 12; connection 15 weighted
//   minutes a day in week 1, 5 after.
// - sudden_ramp_up: 28 min a day on days 1-14, 90 from day 15; connection 60
//   weighted minutes a day on days 1-12, 25 from day 13.
// - opinion_tether: an hour a day, normal connection; check-ins on days 4,
//   11, 18 and 25 with opinion_lean 2, 4, 5, 4.
// Durations vary by up to +-3% a day (seeded).
#include <array>
#include <cstdint>
#include <vector>

#include "core/activity.hpp"
#include "core/instant.hpp"
#include "core/local_date.hpp"
#include "core/nudges/activity_history.hpp"

namespace parasol::core::nudges {

enum class Persona {
    healthy_fan,
    weekend_binge,
    late_night_checker,
    one_creator_absorption,
    isolation_drift,
    big_spender,
    chatty_streamer_fan,
    sudden_ramp_up,
    opinion_tether,
};

constexpr std::array<Persona, 9> kAllPersonas{
    Persona::healthy_fan,         Persona::weekend_binge,
    Persona::late_night_checker,  Persona::one_creator_absorption,
    Persona::isolation_drift,     Persona::big_spender,
    Persona::chatty_streamer_fan, Persona::sudden_ramp_up,
    Persona::opinion_tether};

const char* to_string(Persona persona);

struct PersonaPlan {
    Persona persona = Persona::healthy_fan;
    std::uint64_t seed = 1;
    LocalDate first_day{2026, 10, 5};  // a Monday
    int days = 28;
    int utc_offset_min = 60;
};

struct PersonaActivity {
    // Span ids "pa<persona>-<seed, 7 digits>-<n, 6 digits>"; mark ids the
    // same with "pm": 8-64 of [A-Za-z0-9_-], unique within a persona and seed.
    std::vector<Span> spans;
    std::vector<Mark> marks;
    std::vector<Checkin> checkins;
};

PersonaActivity generate_persona_activity(const PersonaPlan& plan);

// What the store would hand the nudge signals at `now` (host offset
// `utc_offset_min`): the records of the last kHistoryDays local days, spans
// cut at now, nothing later than now, creators listed once each (label from
// the spans, else the handle), and the earliest activity up to now.
ActivityHistory history_as_of(const std::vector<Span>& spans, const std::vector<Mark>& marks,
                              const std::vector<Checkin>& checkins, Instant now,
                              int utc_offset_min);

}  // namespace parasol::core::nudges
