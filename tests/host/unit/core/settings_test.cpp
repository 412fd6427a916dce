#include "core/settings.hpp"

#include <catch2/catch.hpp>

using parasol::core::ConnectionKind;
using parasol::core::Settings;
using parasol::core::validate_settings;

TEST_CASE("Default settings are coherent", "[core][settings]") {
    const Settings s;
    CHECK(validate_settings(s).empty());
    CHECK(s.r4.nights == 3);
    CHECK(s.r4.of_nights == 7);
    CHECK(s.r10.min_count == 2);
    CHECK(s.r10.of_checkins == 3);
    CHECK_FALSE(s.r11.enabled);
    CHECK(s.r1.cooldown_days == 4);
}

TEST_CASE("Default connection sites are the documented list", "[core][settings]") {
    const Settings s;
    REQUIRE(s.connection_sites.size() == 9);
    CHECK(s.connection_sites == Settings::default_connection_sites());
    struct Expected {
        const char* platform;
        const char* match;
        ConnectionKind kind;
    };
    const Expected expected[] = {
        {"whatsapp", "web.whatsapp.com", ConnectionKind::messaging},
        {"messenger", "www.messenger.com", ConnectionKind::messaging},
        {"instagram", "www.instagram.com/direct", ConnectionKind::messaging},
        {"x", "x.com/messages", ConnectionKind::messaging},
        {"discord", "discord.com/channels/@me", ConnectionKind::messaging},
        {"telegram", "web.telegram.org", ConnectionKind::messaging},
        {"meet", "meet.google.com", ConnectionKind::call},
        {"zoom", "app.zoom.us/wc", ConnectionKind::call},
        {"teams", "teams.microsoft.com", ConnectionKind::call},
    };
    for (std::size_t i = 0; i < 9; ++i) {
        INFO(i);
        CHECK(s.connection_sites[i].platform == expected[i].platform);
        CHECK(s.connection_sites[i].match == expected[i].match);
        CHECK(s.connection_sites[i].kind == expected[i].kind);
    }
}

TEST_CASE("validate_settings checks the cross-field rules", "[core][settings]") {
    struct Case {
        int nights;
        int of_nights;
        int min_count;
        int of_checkins;
        std::vector<std::string> paths;
    };
    const Case cases[] = {
        {3, 7, 2, 3, {}},
        {7, 7, 3, 3, {}},  // equal is fine
        {1, 1, 1, 1, {}},
        {4, 3, 2, 3, {"/rules/R4/nights"}},
        {3, 7, 4, 3, {"/rules/R10/min_count"}},
        {7, 1, 10, 1, {"/rules/R4/nights", "/rules/R10/min_count"}},
    };
    for (const Case& c : cases) {
        INFO(c.nights << "/" << c.of_nights << " " << c.min_count << "/" << c.of_checkins);
        Settings s;
        s.r4.nights = c.nights;
        s.r4.of_nights = c.of_nights;
        s.r10.min_count = c.min_count;
        s.r10.of_checkins = c.of_checkins;
        const auto problems = validate_settings(s);
        REQUIRE(problems.size() == c.paths.size());
        for (std::size_t i = 0; i < problems.size(); ++i) {
            CHECK(problems[i].path == c.paths[i]);
            CHECK_FALSE(problems[i].message.empty());
        }
    }
    Settings s;
    s.r4.nights = 5;
    s.r4.of_nights = 4;
    const auto problems = validate_settings(s);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].message.find("of_nights") != std::string::npos);
}
