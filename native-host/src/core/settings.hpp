#pragma once
// Every setting the user can change (NUDGES.md, PROTOCOL.md settings.*), with
// NUDGES.md's defaults as member initialisers. The wire form and per-field
// range checks live in protocol/settings_codec; cross-field rules in
// validate_settings below.
#include <optional>
#include <string>
#include <vector>

#include "core/instant.hpp"

namespace parasol::core {

// A local wall-clock time, minutes after midnight (0..1439).
struct ClockTime {
    int minute_of_day = 0;
    friend bool operator==(const ClockTime&, const ClockTime&) = default;
};

struct TimeWindow {  // may wrap midnight (start > end)
    ClockTime start;
    ClockTime end;
    friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

enum class ConnectionKind { unknown, messaging, call };

// Where the weekly digest goes (Settings::Digest).
enum class DigestKind { unknown, webhook, ntfy, slack, discord, email };
enum class SmtpSecurity { unknown, starttls, smtps };

struct ConnectionSite {
    std::string platform;  // e.g. "whatsapp"
    std::string match;     // host name or host+path prefix, e.g. "web.whatsapp.com"
    ConnectionKind kind = ConnectionKind::unknown;
    friend bool operator==(const ConnectionSite&, const ConnectionSite&) = default;
};

struct RuleSettings {
    bool enabled = true;
    int cooldown_days = 1;
    friend bool operator==(const RuleSettings&, const RuleSettings&) = default;
};

struct Settings {
    struct Nudges {
        bool enabled = true;
        int max_per_day = 1;   // 0..2
        int max_per_week = 3;  // 0..14
        TimeWindow quiet_hours{{22 * 60}, {8 * 60}};
        TimeWindow sleep_window{{30}, {5 * 60 + 30}};
        std::optional<Instant> snoozed_until;  // set by nudges.respond or the user
        bool snoozed_indefinitely = false;     // "until turned back on"
        std::optional<Instant> paused_until;   // life-context pause; reflection only
        int reflection_weekday = 0;            // 0 = Sunday
        ClockTime reflection_time{18 * 60};
        int learning_days = 7;
        int spacing_min = 10;
        friend bool operator==(const Nudges&, const Nudges&) = default;
    } nudges;

    struct R1 : RuleSettings {  // balance shift
        R1() { cooldown_days = 4; }
        double min_ratio = 0.85;
        int min_creator_hours_7d = 10;
        double max_connection_vs_baseline = 0.7;
        int connection_floor_min_7d = 150;
        friend bool operator==(const R1&, const R1&) = default;
    } r1;
    struct R2 : RuleSettings {  // connection drought
        R2() { cooldown_days = 4; }
        int drought_hours = 72;
        int min_creator_min_per_day = 60;
        friend bool operator==(const R2&, const R2&) = default;
    } r2;
    struct R3 : RuleSettings {  // over your own goal
        R3() { cooldown_days = 1; }
        std::optional<int> daily_goal_min;  // 1..1440, null = use the floor/median
        int floor_min = 120;
        double median_factor = 1.5;
        friend bool operator==(const R3&, const R3&) = default;
    } r3;
    struct R4 : RuleSettings {  // late nights
        R4() { cooldown_days = 7; }
        int min_night_minutes = 30;
        int nights = 3;
        int of_nights = 7;
        bool wind_down_card = false;  // opt-in in-page card
        friend bool operator==(const R4&, const R4&) = default;
    } r4;
    struct R5 : RuleSettings {  // checking loop
        R5() { cooldown_days = 3; }
        int min_checks_per_day = 12;
        double baseline_factor = 2.0;
        double min_short_share = 0.5;
        bool pause_page = false;  // opt-in 3-second pause before creator pages
        friend bool operator==(const R5&, const R5&) = default;
    } r5;
    struct R6 : RuleSettings {  // one-person absorption
        R6() { cooldown_days = 14; }
        double min_share = 0.6;
        int min_creator_hours_7d = 5;
        int min_episodes_per_day = 5;
        int min_days = 4;
        friend bool operator==(const R6&, const R6&) = default;
    } r6;
    struct R7 : RuleSettings {  // spending check
        R7() { cooldown_days = 1; }
        int spend_marks_7d = 3;
        std::optional<int> monthly_budget;  // in the user's currency, informational
        friend bool operator==(const R7&, const R7&) = default;
    } r7;
    struct R8 : RuleSettings {  // one-and-a-half-sided chat
        R8() { cooldown_days = 7; }
        int min_live_hours_7d = 8;
        int min_chat_messages_7d = 150;
        friend bool operator==(const R8&, const R8&) = default;
    } r8;
    struct R9 : RuleSettings {  // sudden ramp-up
        R9() { cooldown_days = 7; }
        double min_ramp_factor = 1.5;
        double max_connection_vs_baseline = 0.8;
        friend bool operator==(const R9&, const R9&) = default;
    } r9;
    struct R10 : RuleSettings {  // opinion tether (self-report)
        R10() { cooldown_days = 21; }
        int min_lean = 4;
        int of_checkins = 3;
        int min_count = 2;
        friend bool operator==(const R10&, const R10&) = default;
    } r10;
    struct R11 : RuleSettings {  // boundary guard, opt-in
        R11() {
            enabled = false;
            cooldown_days = 14;
        }
        int max_messages_24h = 10;
        friend bool operator==(const R11&, const R11&) = default;
    } r11;

    struct Tracking {
        bool private_windows = false;
        bool background_audio = true;
        bool connection_time = true;
        int idle_threshold_s = 60;  // 15..3600
        friend bool operator==(const Tracking&, const Tracking&) = default;
    } tracking;

    std::vector<ConnectionSite> connection_sites = default_connection_sites();

    // The trusted-friend digest (issue #7): off until the user sets it up.
    // Credentials are not here (store/secret_store): settings.get shows this.
    struct Digest {
        bool enabled = false;
        struct Recipient {
            DigestKind kind = DigestKind::webhook;
            std::string url;   // webhook, ntfy, slack, discord: https (http to loopback only)
            std::string host;  // email: the SMTP server
            int port = 587;
            SmtpSecurity security = SmtpSecurity::starttls;
            std::string from;      // email
            std::string to;        // email
            std::string username;  // email; empty: no login
            friend bool operator==(const Recipient&, const Recipient&) = default;
        } recipient;
        int weekday = 1;  // 0 = Sunday; sent on this local day for the 7 days before it
        int hour = 9;     // local hour, 0..23
        bool include_creators = false;
        std::optional<std::string> ca_file;  // extra CA bundle for self-hosted servers
        friend bool operator==(const Digest&, const Digest&) = default;
    } digest;

    static std::vector<ConnectionSite> default_connection_sites();
    friend bool operator==(const Settings&, const Settings&) = default;
};

// A rule broken across fields: the JSON Pointer (under /settings) and why.
struct SettingsProblem {
    std::string path;
    std::string message;
};
// Cross-field rules (e.g. R4's nights <= of_nights); per-field ranges are
// checked by the codec. Empty when the settings are coherent.
std::vector<SettingsProblem> validate_settings(const Settings& s);

}  // namespace parasol::core
