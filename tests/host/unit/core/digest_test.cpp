#include <catch2/catch.hpp>

#include "core/digest/digest_content.hpp"
#include "core/digest/digest_schedule.hpp"
#include "core/digest/digest_validation.hpp"

using namespace parasol::core;

namespace {
// Monday 2026-11-23 10:00 UTC.
constexpr Instant kMonday10 = 1795428000000;
LocalDate date(const char* text) {
    return *LocalDate::parse(text);
}
}  // namespace

TEST_CASE("digest slots: the latest weekday and hour at or before now, for the week before") {
    Settings::Digest d;  // Monday 09:00
    struct Case {
        Instant now;
        int offset;
        const char* week_end;
    };
    const Case cases[] = {
        {kMonday10, 0, "2026-11-22"},                      // an hour after the slot
        {kMonday10 - kMsPerHour, 0, "2026-11-22"},         // exactly at 09:00
        {kMonday10 - kMsPerHour - 1, 0, "2026-11-15"},     // a moment before: last week's
        {kMonday10 + 3 * kMsPerDay, 0, "2026-11-22"},      // Thursday
        {kMonday10, 120, "2026-11-22"},                    // 12:00 local
        {kMonday10 - 10 * kMsPerHour, -60, "2026-11-15"},  // Sunday 23:00 local
    };
    for (const auto& c : cases) {
        CAPTURE(c.now, c.offset);
        CHECK(latest_digest_slot(d, c.now, c.offset).week_end == date(c.week_end));
    }
    CHECK(latest_digest_slot(d, kMonday10, 0).due_at == kMonday10 - kMsPerHour);
    CHECK(next_digest_slot(d, kMonday10, 0).due_at == kMonday10 - kMsPerHour + 7 * kMsPerDay);
    d.weekday = 0;
    d.hour = 18;
    CHECK(latest_digest_slot(d, kMonday10, 0).week_end == date("2026-11-21"));
}

TEST_CASE("digest retries back off exponentially up to six hours") {
    CHECK(digest_retry_delay_ms(1) == kMsPerMinute);
    CHECK(digest_retry_delay_ms(2) == 2 * kMsPerMinute);
    CHECK(digest_retry_delay_ms(5) == 16 * kMsPerMinute);
    CHECK(digest_retry_delay_ms(9) == 256 * kMsPerMinute);
    CHECK(digest_retry_delay_ms(10) == 6 * kMsPerHour);
    CHECK(digest_retry_delay_ms(1000) == 6 * kMsPerHour);
}

TEST_CASE("digest set-up rules name the field") {
    struct Case {
        const char* what;
        void (*change)(Settings::Digest&);
        const char* path;  // "" = fine
    };
    const Case cases[] = {
        {"defaults", [](Settings::Digest&) {}, ""},
        {"https", [](Settings::Digest& d) { d.recipient.url = "https://ntfy.sh/topic"; }, ""},
        {"http to loopback",
         [](Settings::Digest& d) { d.recipient.url = "http://127.0.0.1:8080/x"; }, ""},
        {"http elsewhere", [](Settings::Digest& d) { d.recipient.url = "http://example.org/x"; },
         "/digest/recipient/url"},
        {"ftp", [](Settings::Digest& d) { d.recipient.url = "ftp://example.org/x"; },
         "/digest/recipient/url"},
        {"user info", [](Settings::Digest& d) { d.recipient.url = "https://a:b@example.org/"; },
         "/digest/recipient/url"},
        {"space", [](Settings::Digest& d) { d.recipient.url = "https://example.org/a b"; },
         "/digest/recipient/url"},
        {"enabled without url", [](Settings::Digest& d) { d.enabled = true; },
         "/digest/recipient/url"},
        {"email without host",
         [](Settings::Digest& d) {
             d.enabled = true;
             d.recipient.kind = DigestKind::email;
         },
         "/digest/recipient/host"},
        {"header injection",
         [](Settings::Digest& d) { d.recipient.to = "a@b.org\r\nBcc: c@d.org"; },
         "/digest/recipient/to"},
        {"relative ca file", [](Settings::Digest& d) { d.ca_file = "ca.pem"; }, "/digest/ca_file"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        Settings::Digest d;
        c.change(d);
        const auto problems = validate_digest(d);
        if (std::string(c.path).empty()) {
            CHECK(problems.empty());
        } else {
            REQUIRE_FALSE(problems.empty());
            CHECK(problems.front().path == c.path);
        }
    }
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("LOCALHOST"));
    CHECK(is_loopback_host("::1"));
    CHECK_FALSE(is_loopback_host("127.0.0.1.example.org"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
}

TEST_CASE("digest payloads per recipient kind") {
    Summary week;
    week.from = date("2026-11-16");
    week.to = date("2026-11-22");
    week.totals.creator_s = 3 * 3600;
    week.totals.connection_s = 3600;
    week.totals.social_min = 60;
    week.totals.balance = 1.5;
    CreatorSummary alice;
    alice.creator.key = {"youtube", "alice"};
    alice.creator.label = "Alice \"A\"";
    alice.seconds = 7200;
    week.creators.push_back(alice);

    Settings::Digest d;
    const MailStamp stamp{kMonday10, 60};
    SECTION("webhook JSON without names unless ticked") {
        auto p = render_digest(digest_content(week, d), d, stamp);
        CHECK(p.content_type == "application/json");
        CHECK(p.body.find("\"balance\":1.50") != std::string::npos);
        CHECK(p.body.find("alice") == std::string::npos);
        d.include_creators = true;
        p = render_digest(digest_content(week, d), d, stamp);
        CHECK(p.body.find("\"label\":\"Alice \\\"A\\\"\"") != std::string::npos);
    }
    SECTION("slack, discord, ntfy") {
        d.recipient.kind = DigestKind::slack;
        CHECK(render_digest(digest_content(week, d), d, stamp).body.starts_with("{\"text\":\""));
        d.recipient.kind = DigestKind::discord;
        CHECK(render_digest(digest_content(week, d), d, stamp).body.starts_with("{\"content\":"));
        d.recipient.kind = DigestKind::ntfy;
        const auto p = render_digest(digest_content(week, d), d, stamp);
        CHECK(p.content_type == "text/plain; charset=utf-8");
        CHECK(p.body.find("Balance: 1.50 hours with creators") != std::string::npos);
    }
    SECTION("e-mail: RFC 5322 headers, CRLF") {
        d.recipient.kind = DigestKind::email;
        d.recipient.from = "me@example.org";
        d.recipient.to = "you@example.org";
        const auto p = render_digest(digest_content(week, d), d, stamp);
        CHECK(p.body.starts_with(
            "Date: Mon, 23 Nov 2026 11:00:00 +0100\r\nFrom: me@example.org\r\n"));
        CHECK(
            p.body.find("Message-ID: <parasol-digest-2026-11-22-1795428000000@example.org>\r\n") !=
            std::string::npos);
        CHECK(p.body.find("\r\n\r\nParasol weekly digest") != std::string::npos);
        CHECK(p.body.find('\n') == p.body.find("\r\n") + 1);
    }
    CHECK(rfc5322_date(0, -330) == "Wed, 31 Dec 1969 18:30:00 -0530");
}
