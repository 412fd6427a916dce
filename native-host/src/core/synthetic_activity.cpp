#include "core/synthetic_activity.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>

namespace parasol::core {

namespace {

constexpr std::array<const char*, 10> kPlatforms = {"youtube", "twitch",  "tiktok",   "instagram",
                                                    "x",       "patreon", "substack", "bluesky",
                                                    "reddit",  "kick"};
constexpr std::array<const char*, 12> kNames = {"Lab",   "Nova",  "Pixel", "Sage",
                                                "Orbit", "Maple", "Quill", "Ember",
                                                "Atlas", "Fern",  "Juno",  "Comet"};
constexpr std::array<const char*, 4> kConnection = {"whatsapp", "discord", "meet", "telegram"};

struct Identity {
    std::string platform;
    std::string handle;
    std::string label;
};

Identity creator_identity(int index) {
    const std::string name = std::string(kNames[index % kNames.size()]) +
                             (index < static_cast<int>(kNames.size()) ? "" : std::to_string(index));
    std::string handle = name;
    std::transform(handle.begin(), handle.end(), handle.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return {kPlatforms[static_cast<std::size_t>(index) % kPlatforms.size()], handle,
            name + " Creator"};
}

// "syn-0000001-000000042": stable (the same plan always makes the same ids)
// and protocol-valid at any seed and count (8-64 of [A-Za-z0-9_-]: 21
// characters, at most 34 for the largest seed).
std::string span_id(std::uint64_t seed, std::size_t n) {
    char text[48];
    std::snprintf(text, sizeof text, "syn-%07llu-%09llu", static_cast<unsigned long long>(seed),
                  static_cast<unsigned long long>(n));
    return text;
}

}  // namespace

SyntheticActivity generate_activity(const SyntheticPlan& plan) {
    std::mt19937_64 rng(plan.seed);
    SyntheticActivity out;

    // Zipf-like popularity: creator i is chosen with weight 1/(i+1).
    std::vector<double> weights;
    for (int i = 0; i < plan.creators; ++i) weights.push_back(1.0 / (i + 1));
    std::discrete_distribution<int> pick_creator(weights.begin(), weights.end());
    std::exponential_distribution<double> span_minutes(1.0 / std::max(1, plan.mean_span_min));
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    const LocalDate first = plan.last_day.plus_days(1 - plan.days);
    for (int d = 0; d < plan.days; ++d) {
        const LocalDate day = first.plus_days(d);
        const Instant midnight = local_midnight(day, plan.utc_offset_min);
        // Some days are lighter than others; creators from midday on, people
        // in the evening, so a heavy day runs past midnight now and then.
        const double scale = 0.6 + 0.8 * unit(rng);
        auto fill = [&](double hours, SpanKind kind) {
            const Instant from = (kind == SpanKind::creator ? 12 : 18) * kMsPerHour;
            Instant cursor = midnight + from +
                             static_cast<Instant>(unit(rng) * 3 * static_cast<double>(kMsPerHour));
            Instant remaining =
                static_cast<Instant>(hours * scale * static_cast<double>(kMsPerHour));
            while (remaining > 0 && cursor < midnight + kMsPerDay) {
                const Instant length = std::min<Instant>(
                    remaining,
                    std::max<Instant>(kMsPerSecond * 20,
                                      static_cast<Instant>(span_minutes(rng) * kMsPerMinute)));
                Span s;
                s.id = span_id(plan.seed, out.spans.size());
                s.kind = kind;
                s.start = cursor;
                s.end = std::min(cursor + length, midnight + kMsPerDay + 2 * kMsPerHour);
                s.utc_offset_min = plan.utc_offset_min;
                s.attention = unit(rng) < 0.85 ? Attention::focused : Attention::audible;
                if (kind == SpanKind::creator) {
                    const Identity who = creator_identity(pick_creator(rng));
                    s.platform = who.platform;
                    s.handle = who.handle;
                    s.label = who.label;
                } else {
                    s.platform = kConnection[static_cast<std::size_t>(rng() % kConnection.size())];
                }
                out.spans.push_back(std::move(s));
                remaining -= length;
                // Gaps between spans: mostly short tab switches, sometimes a break.
                cursor += length + (unit(rng) < 0.8 ? kMsPerSecond * 5 : 25 * kMsPerMinute);
            }
        };
        fill(plan.creator_hours_per_day, SpanKind::creator);
        fill(plan.connection_hours_per_day, SpanKind::connection);
        if (plan.checkins && d % 3 == 2) {
            Checkin c;
            c.date = day;
            c.social_min = static_cast<int>(30 + unit(rng) * 120);
            c.lonely = 1 + static_cast<int>(rng() % 3);
            c.felt = Felt::chosen;
            out.checkins.push_back(c);
        }
    }
    return out;
}

}  // namespace parasol::core
