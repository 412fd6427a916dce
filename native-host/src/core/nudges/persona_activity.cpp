#include "core/nudges/persona_activity.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>

namespace parasol::core::nudges {

namespace {

struct Who {
    const char* platform;
    const char* handle;
    const char* label;
};

constexpr Who kLab{"youtube", "lab", "Lab Creator"};
constexpr Who kNova{"youtube", "nova", "Nova"};
constexpr Who kPixel{"youtube", "pixel", "Pixel Creator"};
constexpr Who kSage{"youtube", "sage", "Sage"};
constexpr Who kOrbit{"youtube", "orbit", "Orbit Creator"};
constexpr Who kEmber{"twitch", "ember", "Ember"};
constexpr Who kComet{"twitch", "comet", "Comet"};
constexpr Who kJuno{"kick", "juno", "Juno"};
constexpr std::array<Who, 4> kYoutubePool{kLab, kPixel, kSage, kOrbit};

// Writes one persona's records day by day; minutes are local to the day
// (negative or past 1440 reach into the neighbours).
class Builder {
public:
    explicit Builder(const PersonaPlan& plan)
        : plan_(plan), rng_(plan.seed * 1000 + static_cast<std::uint64_t>(plan.persona)) {}

    Instant at(int day, double minute) const {
        return local_midnight(plan_.first_day.plus_days(day - 1), plan_.utc_offset_min) +
               static_cast<Instant>(minute * static_cast<double>(kMsPerMinute));
    }
    int weekday(int day) const { return plan_.first_day.plus_days(day - 1).weekday(); }

    double jitter(double minutes) {
        std::uniform_real_distribution<double> unit(-0.03, 0.03);
        return minutes * (1.0 + unit(rng_));
    }

    // Creator time as consecutive tab-state spans of 4-9 minutes.
    void watch(int day, double start_min, double minutes, const Who& who) {
        span(day, start_min, jitter(minutes), SpanKind::creator, who.platform, who.handle,
             who.label);
    }
    // Like watch, but each chunk goes to a creator of `pool` (weighted to the front).
    void watch_pool(int day, double start_min, double minutes) {
        std::discrete_distribution<int> pick{4, 2, 1.5, 1};
        Instant cursor = at(day, start_min);
        Instant remaining =
            static_cast<Instant>(jitter(minutes) * static_cast<double>(kMsPerMinute));
        while (remaining > 0) {
            const Who& who = kYoutubePool[static_cast<std::size_t>(pick(rng_))];
            const Instant length = std::min(remaining, chunk());
            push_span(cursor, cursor + length, SpanKind::creator, who.platform, who.handle,
                      who.label);
            cursor += length;
            remaining -= length;
        }
    }
    void connect(int day, double start_min, double minutes, const char* platform) {
        span(day, start_min, jitter(minutes), SpanKind::connection, platform, "", nullptr);
    }
    void mark(int day, double minute, MarkWhat what, const Who& who, int count) {
        Mark m;
        m.id = id("pm", out_.marks.size());
        m.what = what;
        m.platform = who.platform;
        m.handle = who.handle;
        m.at = at(day, minute);
        m.utc_offset_min = plan_.utc_offset_min;
        m.count = count;
        out_.marks.push_back(std::move(m));
    }
    void checkin(int day, int social_min, int lonely, Felt felt, std::optional<int> lean) {
        Checkin c;
        c.date = plan_.first_day.plus_days(day - 1);
        c.social_min = social_min;
        c.lonely = lonely;
        c.felt = felt;
        c.opinion_lean = lean;
        out_.checkins.push_back(std::move(c));
    }
    // 40 min of messaging (20 weighted) at 17:30 and a 30 min call at 18:30.
    void normal_connection(int day) {
        connect(day, 17 * 60 + 30, 40, "whatsapp");
        connect(day, 18 * 60 + 30, 30, "meet");
    }

    PersonaActivity take() { return std::move(out_); }

private:
    Instant chunk() {
        std::uniform_int_distribution<int> seconds(4 * 60, 9 * 60);
        return seconds(rng_) * kMsPerSecond;
    }
    std::string id(const char* prefix, std::size_t n) const {
        char text[64];
        std::snprintf(text, sizeof text, "%s%d-%07llu-%06llu", prefix,
                      static_cast<int>(plan_.persona),
                      static_cast<unsigned long long>(plan_.seed % 10000000),
                      static_cast<unsigned long long>(n));
        return text;
    }
    void span(int day, double start_min, double minutes, SpanKind kind, const char* platform,
              const char* handle, const char* label) {
        Instant cursor = at(day, start_min);
        Instant remaining = static_cast<Instant>(minutes * static_cast<double>(kMsPerMinute));
        while (remaining > 0) {
            const Instant length = std::min(remaining, chunk());
            push_span(cursor, cursor + length, kind, platform, handle, label);
            cursor += length;
            remaining -= length;
        }
    }
    void push_span(Instant start, Instant end, SpanKind kind, const char* platform,
                   const char* handle, const char* label) {
        Span s;
        s.id = id("pa", out_.spans.size());
        s.kind = kind;
        s.platform = platform;
        s.handle = handle;
        if (label) s.label = label;
        s.start = start;
        s.end = end;
        s.utc_offset_min = plan_.utc_offset_min;
        s.attention = Attention::focused;
        out_.spans.push_back(std::move(s));
    }

    PersonaPlan plan_;
    std::mt19937_64 rng_;
    PersonaActivity out_;
};

constexpr double kHour = 60;

void healthy_fan(Builder& b, int day) {
    b.watch_pool(day, 13 * kHour, 25);
    b.watch_pool(day, 19 * kHour, 35);
    b.normal_connection(day);
    if (day % 7 == 0) b.checkin(day, 60, 1, Felt::chosen, std::nullopt);
}

void weekend_binge(Builder& b, int day) {
    const int wd = b.weekday(day);
    if (wd == 0 || wd == 6) {
        b.watch_pool(day, 14 * kHour, 100);
    } else {
        b.watch_pool(day, 19 * kHour, 25);
    }
    b.normal_connection(day);
}

void late_night_checker(Builder& b, int day) {
    constexpr std::array<int, 8> kLateNights{12, 14, 16, 19, 21, 23, 26, 28};
    if (std::find(kLateNights.begin(), kLateNights.end(), day) != kLateNights.end()) {
        b.watch(day, 40, 15, kNova);
        b.watch(day, 65, 15, kPixel);
        b.watch(day, 90, 15, kNova);
    } else if (day == 9) {
        b.watch(day, 40, 20, kNova);
    }
    b.watch_pool(day, 15 * kHour, 50);
    b.normal_connection(day);
}

void one_creator_absorption(Builder& b, int day) {
    if (day < 10) {
        b.watch_pool(day, 12 * kHour, 30);
        b.watch_pool(day, 16 * kHour, 30);
        b.watch_pool(day, 19 * kHour, 26);
        b.watch(day, 20 * kHour, 5, kNova);
    } else {
        for (int visit = 0; visit < 6; ++visit) b.watch(day, 9 * kHour + visit * 90, 6, kNova);
        b.watch_pool(day, 17 * kHour + 30, 20);
        b.watch(day, 19 * kHour, 35, kNova);
    }
    b.normal_connection(day);
}

void isolation_drift(Builder& b, int day) {
    b.watch_pool(day, 13 * kHour, 40);
    b.watch_pool(day, 19 * kHour, 60);
    if (day <= 14) {
        b.connect(day, 17 * kHour + 30, 40, "whatsapp");
        b.connect(day, 18 * kHour + 30, 60, "meet");
    }
}

void big_spender(Builder& b, int day) {
    b.watch(day, 15 * kHour, 40, kEmber);
    b.watch_pool(day, 19 * kHour, 30);
    switch (day) {
        case 9:
            b.mark(day, 15 * kHour + 10, MarkWhat::spend, kEmber, 1);
            break;
        case 12:
            b.mark(day, 15 * kHour + 20, MarkWhat::spend, kEmber, 1);
            break;
        case 15:
            b.watch(day, kHour + 50, 20, kEmber);
            b.mark(day, 2 * kHour, MarkWhat::spend, kEmber, 1);
            break;
        case 17:
            b.mark(day, 15 * kHour + 30, MarkWhat::spend, kEmber, 1);
            break;
        case 20:
            b.mark(day, 15 * kHour + 5, MarkWhat::spend, kEmber, 1);
            break;
        case 25:
            b.mark(day, 15 * kHour + 10, MarkWhat::spend, kEmber, 1);
            break;
        default:
            break;
    }
    b.normal_connection(day);
}

void chatty_streamer_fan(Builder& b, int day) {
    b.watch(day, 19 * kHour, 60, kComet);
    b.watch(day, 20 * kHour, 20, kJuno);
    if (day < 12) {
        for (int i = 0; i < 4; ++i)
            b.mark(day, 19 * kHour + 10 + 15 * i, MarkWhat::chat, kComet, 2);
    } else {
        for (int i = 0; i < 7; ++i) b.mark(day, 19 * kHour + 5 + 7 * i, MarkWhat::chat, kComet, 4);
    }
    b.connect(day, 18 * kHour, day <= 7 ? 30 : 10, "whatsapp");
}

void sudden_ramp_up(Builder& b, int day) {
    if (day <= 14) {
        b.watch_pool(day, 19 * kHour, 28);
    } else {
        b.watch_pool(day, 13 * kHour, 30);
        b.watch_pool(day, 19 * kHour, 60);
    }
    if (day <= 12) {
        b.connect(day, 17 * kHour + 30, 40, "whatsapp");
        b.connect(day, 18 * kHour + 10, 40, "meet");
    } else {
        b.connect(day, 17 * kHour + 30, 30, "whatsapp");
        b.connect(day, 18 * kHour + 10, 10, "meet");
    }
}

void opinion_tether(Builder& b, int day) {
    b.watch(day, 13 * kHour, 25, kSage);
    b.watch_pool(day, 19 * kHour, 35);
    b.normal_connection(day);
    constexpr std::array<std::pair<int, int>, 4> kLeans{{{4, 2}, {11, 4}, {18, 5}, {25, 4}}};
    for (const auto& [on, lean] : kLeans) {
        if (day == on) b.checkin(day, 30, 2, Felt::autopilot, lean);
    }
}

}  // namespace

const char* to_string(Persona persona) {
    switch (persona) {
        case Persona::healthy_fan:
            return "healthy_fan";
        case Persona::weekend_binge:
            return "weekend_binge";
        case Persona::late_night_checker:
            return "late_night_checker";
        case Persona::one_creator_absorption:
            return "one_creator_absorption";
        case Persona::isolation_drift:
            return "isolation_drift";
        case Persona::big_spender:
            return "big_spender";
        case Persona::chatty_streamer_fan:
            return "chatty_streamer_fan";
        case Persona::sudden_ramp_up:
            return "sudden_ramp_up";
        case Persona::opinion_tether:
            return "opinion_tether";
    }
    return "unknown";
}

PersonaActivity generate_persona_activity(const PersonaPlan& plan) {
    Builder b(plan);
    for (int day = 1; day <= plan.days; ++day) {
        switch (plan.persona) {
            case Persona::healthy_fan:
                healthy_fan(b, day);
                break;
            case Persona::weekend_binge:
                weekend_binge(b, day);
                break;
            case Persona::late_night_checker:
                late_night_checker(b, day);
                break;
            case Persona::one_creator_absorption:
                one_creator_absorption(b, day);
                break;
            case Persona::isolation_drift:
                isolation_drift(b, day);
                break;
            case Persona::big_spender:
                big_spender(b, day);
                break;
            case Persona::chatty_streamer_fan:
                chatty_streamer_fan(b, day);
                break;
            case Persona::sudden_ramp_up:
                sudden_ramp_up(b, day);
                break;
            case Persona::opinion_tether:
                opinion_tether(b, day);
                break;
        }
    }
    return b.take();
}

ActivityHistory history_as_of(const std::vector<Span>& spans, const std::vector<Mark>& marks,
                              const std::vector<Checkin>& checkins, Instant now,
                              int utc_offset_min) {
    const LocalDate today = local_date_of(now, utc_offset_min);
    const LocalDate first = today.plus_days(-(kHistoryDays - 1));
    // A day's margin: a span's own offset may put its local day earlier.
    const Instant window_start = local_midnight(first, utc_offset_min) - kMsPerDay;
    ActivityHistory h;
    std::map<CreatorKey, int> index;
    const auto creator_of = [&](const std::string& platform, const std::string& handle,
                                const std::optional<std::string>& label) {
        CreatorKey key{platform, handle};
        const auto [it, added] = index.emplace(key, static_cast<int>(h.creators.size()));
        if (added) {
            CreatorRecord r;
            r.key = std::move(key);
            r.label = label.value_or(handle);
            r.followed = true;
            h.creators.push_back(std::move(r));
        } else if (label && h.creators[static_cast<std::size_t>(it->second)].label == handle) {
            h.creators[static_cast<std::size_t>(it->second)].label = *label;
        }
        return it->second;
    };
    const auto earliest = [&](Instant at) {
        h.first_activity_at = h.first_activity_at ? std::min(*h.first_activity_at, at) : at;
    };
    for (const Span& s : spans) {
        if (s.start >= now) continue;
        earliest(s.start);
        if (s.end <= window_start) continue;
        HistorySpan hs;
        hs.start = s.start;
        hs.end = std::min(s.end, now);
        hs.utc_offset_min = s.utc_offset_min;
        hs.kind = s.kind;
        hs.attention = s.attention;
        if (s.kind == SpanKind::creator) {
            hs.creator = creator_of(s.platform, s.handle, s.label);
        } else {
            hs.platform = s.platform;
        }
        h.spans.push_back(std::move(hs));
    }
    for (const Mark& m : marks) {
        if (m.at > now) continue;
        earliest(m.at);
        if (m.at < window_start) continue;
        creator_of(m.platform, m.handle, std::nullopt);
        h.marks.push_back(m);
    }
    for (const Checkin& c : checkins) {
        if (c.date > today || c.date < first) continue;
        h.checkins.push_back(c);
    }
    return h;
}

}  // namespace parasol::core::nudges
