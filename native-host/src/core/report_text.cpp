#include "core/report_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string_view>

#include "core/duration_text.hpp"

namespace parasol::core {

namespace {

constexpr std::size_t kTopCreators = 10;
constexpr std::size_t kBarWidth = 20;    // characters for the busiest day
constexpr std::size_t kLabelWidth = 24;  // creator label column, in code points
constexpr std::size_t kPlatformWidth = 10;

constexpr std::array<std::string_view, 7> kWeekdays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
// Eighths of a block, so short days still show a sliver.
constexpr std::array<std::string_view, 9> kBlocks{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};

class Style {
public:
    explicit Style(bool color) : color_(color) {}
    [[nodiscard]] std::string bold(std::string_view s) const { return wrap("\x1b[1m", s); }
    [[nodiscard]] std::string dim(std::string_view s) const { return wrap("\x1b[2m", s); }
    [[nodiscard]] std::string bar(std::string_view s) const { return wrap("\x1b[36m", s); }
    [[nodiscard]] std::string warm(std::string_view s) const { return wrap("\x1b[1;33m", s); }

private:
    [[nodiscard]] std::string wrap(std::string_view code, std::string_view s) const {
        if (!color_ || s.empty()) return std::string(s);
        std::string out(code);
        out += s;
        out += "\x1b[0m";
        return out;
    }
    bool color_;
};

// Terminal columns approximated by UTF-8 code points (continuation bytes
// don't start a character); good enough for labels in Latin scripts.
std::size_t display_width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
    }));
}

// Cut to at most `width` code points, ending in an ellipsis when cut.
std::string truncate(std::string_view s, std::size_t width) {
    if (display_width(s) <= width) return std::string(s);
    std::size_t kept = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        const bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0U) != 0x80U;
        if (starts_char && kept == width - 1) break;
        if (starts_char) ++kept;
    }
    return std::string(s.substr(0, i)) + "…";
}

std::string pad_right(std::string_view s, std::size_t width) {
    std::string out(s);
    const std::size_t w = display_width(s);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string pad_left(std::string_view s, std::size_t width) {
    const std::size_t w = display_width(s);
    std::string out(w < width ? width - w : 0, ' ');
    out += s;
    return out;
}

std::string bar(std::int64_t value, std::int64_t max) {
    if (value <= 0 || max <= 0) return "";
    const auto eighths = static_cast<std::int64_t>(
        std::ceil(static_cast<double>(value) * static_cast<double>(kBarWidth * 8) /
                  static_cast<double>(max)));
    std::string out;
    for (std::int64_t i = 0; i < eighths / 8; ++i) out += kBlocks[8];
    out += kBlocks[static_cast<std::size_t>(eighths % 8)];
    return out;
}

std::string percent(double share) {
    const long rounded = std::lround(share * 100.0);
    if (rounded == 0 && share > 0.0) return "<1%";
    return std::to_string(rounded) + "%";
}

std::string period_name(const Summary& s) {
    if (s.days.size() == 7) return "This week";
    if (s.days.size() == 1) return "On " + s.to.to_string();
    return "Last " + std::to_string(s.days.size()) + " days";
}

bool has_any_time(const Summary& s) {
    return s.totals.creator_s > 0 || s.totals.connection_s > 0 || s.totals.social_min > 0 ||
           !s.creators.empty();
}

}  // namespace

std::string render_report(const Summary& s, bool color) {
    const Style style(color);
    std::string out;

    std::string range = s.from.to_string();
    if (s.to != s.from) range += " to " + s.to.to_string();
    out += style.bold("Parasol: " + range) + "\n\n";

    if (!has_any_time(s)) {
        out +=
            "No activity recorded yet. Once the extension is installed, the time you spend "
            "with creators\nand with your people will show up here, day by day.\n";
        return out;
    }

    const std::int64_t people_s =
        s.totals.connection_s + 60 * static_cast<std::int64_t>(s.totals.social_min);
    out += style.warm(period_name(s) + ": " + format_duration(people_s) + " with your people, " +
                      format_duration(s.totals.creator_s) + " with creators") +
           "\n\n";

    // Per-day table.
    std::int64_t busiest = 0;
    for (const DaySummary& d : s.days) busiest = std::max(busiest, d.creator_s);
    out += style.dim(pad_right("Day", 15) + pad_left("Creators", 10) +
                     pad_left("Chats & calls", 15) + pad_left("In person", 11)) +
           "\n";
    for (const DaySummary& d : s.days) {
        const std::string row =
            pad_right(std::string(kWeekdays[static_cast<std::size_t>(d.date.weekday())]) + " " +
                          d.date.to_string(),
                      15) +
            pad_left(format_duration(d.creator_s), 10) +
            pad_left(format_duration(d.connection_s), 15) +
            pad_left(format_duration(60 * static_cast<std::int64_t>(d.social_min)), 11);
        const bool quiet = d.creator_s == 0 && d.connection_s == 0 && d.social_min == 0;
        out += quiet ? style.dim(row) : row;
        const std::string b = bar(d.creator_s, busiest);
        if (!b.empty()) out += "  " + style.bar(b);
        out += "\n";
    }

    // Top creators.
    if (!s.creators.empty()) {
        out += "\n" + style.bold("Top creators") + "\n";
        const std::size_t shown = std::min(kTopCreators, s.creators.size());
        for (std::size_t i = 0; i < shown; ++i) {
            const CreatorSummary& c = s.creators[i];
            const std::string& name =
                c.creator.label.empty() ? c.creator.key.handle : c.creator.label;
            std::string line =
                pad_left(std::to_string(i + 1) + ".", 4) + " " +
                pad_right(truncate(name, kLabelWidth), kLabelWidth) + "  " +
                pad_right(truncate(c.creator.key.platform, kPlatformWidth), kPlatformWidth) +
                pad_left(format_duration(c.seconds), 9) + pad_left(percent(c.share), 6);
            if (c.creator.followed) line += "  followed";
            out += line + "\n";
        }
        std::int64_t rest_s = s.others_s;
        for (std::size_t i = shown; i < s.creators.size(); ++i) rest_s += s.creators[i].seconds;
        if (rest_s > 0) {
            out += "     " + pad_right("Everyone else", kLabelWidth + 2 + kPlatformWidth) +
                   pad_left(format_duration(rest_s), 9) + "\n";
        }
        if (s.totals.followed_s > 0) {
            out += "\n" + format_duration(s.totals.followed_s) +
                   " of your creator time was with creators you follow.\n";
        }
    }
    return out;
}

}  // namespace parasol::core
