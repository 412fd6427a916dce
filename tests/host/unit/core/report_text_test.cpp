#include "core/report_text.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace parasol::core;

namespace {

LocalDate date(const char* text) {
    const auto d = LocalDate::parse(text);
    REQUIRE(d.has_value());
    return *d;
}

Summary week_with_empty_days() {
    Summary s;
    s.from = date("2026-11-19");
    s.to = date("2026-11-25");
    for (int k = 0; k < 7; ++k) s.days.push_back({s.from.plus_days(k), 0, 0, 0});
    return s;
}

// 2026-11-19 .. 25: 9 h 40 with creators, 3 h 10 with people (1 h 10 online + 120 min).
Summary small_week() {
    Summary s = week_with_empty_days();
    s.days[0] = {date("2026-11-19"), 2 * 3600, 40 * 60, 0};  // Thursday
    s.days[3] = {date("2026-11-22"), 7 * 3600 + 40 * 60, 30 * 60, 120};
    CreatorRecord a{{"youtube", "@stargazer"}, "Star Gazer", true, 1, std::nullopt};
    CreatorRecord b{{"twitch", "pixelpia"}, "", false, std::nullopt, std::nullopt};
    s.creators.push_back({a, 6 * 3600, 6.0 / (9 + 40.0 / 60), 2});
    s.creators.push_back({b, 3 * 3600 + 40 * 60, (3 + 40.0 / 60) / (9 + 40.0 / 60), 1});
    s.totals = {9 * 3600 + 40 * 60, 6 * 3600, 70 * 60, 120, std::nullopt};
    return s;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string line_with(const std::string& text, const std::string& part) {
    const auto at = text.find(part);
    if (at == std::string::npos) return "";
    const auto begin = text.rfind('\n', at);
    const auto end = text.find('\n', at);
    return text.substr(begin == std::string::npos ? 0 : begin + 1,
                       end == std::string::npos
                           ? std::string::npos
                           : end - (begin == std::string::npos ? 0 : begin + 1));
}

}  // namespace

TEST_CASE("render_report shows range, balance, days and creators", "[core][report_text]") {
    const std::string text = render_report(small_week(), false);
    INFO(text);
    CHECK(contains(text, "2026-11-19 to 2026-11-25"));
    CHECK(contains(text, "This week: 3 h 10 with your people, 9 h 40 with creators"));

    const std::string thursday = line_with(text, "Thu 2026-11-19");
    CHECK(contains(thursday, "2 h"));
    CHECK(contains(thursday, "40 min"));
    CHECK(contains(thursday, "█"));
    const std::string sunday = line_with(text, "Sun 2026-11-22");
    CHECK(contains(sunday, "7 h 40"));
    CHECK(contains(sunday, "30 min"));
    CHECK(contains(sunday, "2 h"));  // 120 social minutes
    // The busiest day has the full-width bar; the quiet days have none.
    std::string full_bar;
    for (int k = 0; k < 20; ++k) full_bar += "█";
    CHECK(contains(sunday, full_bar));
    CHECK_FALSE(contains(thursday, full_bar));
    CHECK_FALSE(contains(line_with(text, "Mon 2026-11-23"), "█"));
    CHECK(contains(line_with(text, "Mon 2026-11-23"), "0 min"));
    for (const char* d : {"Fri 2026-11-20", "Sat 2026-11-21", "Tue 2026-11-24", "Wed 2026-11-25"}) {
        CHECK(contains(text, d));
    }

    CHECK(contains(text, "Top creators"));
    const std::string star = line_with(text, "Star Gazer");
    CHECK(contains(star, "youtube"));
    CHECK(contains(star, "6 h"));
    CHECK(contains(star, "62%"));
    CHECK(contains(star, "followed"));
    // No label: the handle stands in; not followed: no marker.
    const std::string pia = line_with(text, "pixelpia");
    CHECK(contains(pia, "twitch"));
    CHECK(contains(pia, "3 h 40"));
    CHECK(contains(pia, "38%"));
    CHECK_FALSE(contains(pia, "followed"));
    CHECK(text.find("Star Gazer") < text.find("pixelpia"));

    CHECK_FALSE(contains(text, "\x1b["));  // plain without color
    CHECK(text.back() == '\n');
}

TEST_CASE("render_report adds ANSI styling only when asked", "[core][report_text]") {
    const std::string plain = render_report(small_week(), false);
    const std::string colored = render_report(small_week(), true);
    CHECK(contains(colored, "\x1b["));
    CHECK(contains(colored, "\x1b[0m"));
    CHECK(colored.size() > plain.size());
}

TEST_CASE("render_report names periods other than a week", "[core][report_text]") {
    Summary s = small_week();
    s.from = date("2026-11-22");
    s.days.erase(s.days.begin(), s.days.begin() + 3);
    s.totals.creator_s = 7 * 3600 + 40 * 60;
    const std::string text = render_report(s, false);
    CHECK(contains(text, "Last 4 days: "));
    CHECK_FALSE(contains(text, "This week"));
}

TEST_CASE("render_report lists at most ten creators and sums the rest", "[core][report_text]") {
    Summary s = week_with_empty_days();
    s.days[6].creator_s = 3600;
    for (int k = 0; k < 12; ++k) {
        CreatorRecord r{{"youtube", "creator" + std::to_string(k)}, "", false, {}, {}};
        s.creators.push_back({r, 600 - k * 10, 0.1, 1});
    }
    s.others_s = 1200;
    s.totals.creator_s = 3600;
    const std::string text = render_report(s, false);
    INFO(text);
    CHECK(contains(text, "creator9 "));
    CHECK_FALSE(contains(text, "creator10"));
    CHECK_FALSE(contains(text, "creator11"));
    // 20 min in others_s plus creator10 (8 min 20) and creator11 (8 min 10).
    CHECK(contains(line_with(text, "Everyone else"), "36 min"));
}

TEST_CASE("render_report has a clear empty state", "[core][report_text]") {
    const std::string text = render_report(week_with_empty_days(), false);
    CHECK(contains(text, "2026-11-19 to 2026-11-25"));
    CHECK(contains(text, "No activity recorded yet. Once the extension is installed, "));
    CHECK_FALSE(contains(text, "Top creators"));
    CHECK_FALSE(contains(text, "Thu 2026-11-19"));
}
