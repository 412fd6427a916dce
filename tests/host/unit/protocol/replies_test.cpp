#include "protocol/replies.hpp"

#include <catch2/catch.hpp>

#include "protocol/activity_codec.hpp"

namespace parasol::protocol {
namespace {
using nlohmann::json;
}  // namespace

TEST_CASE("a Creator carries every PROTOCOL.md field; the label falls back to the handle") {
    core::CreatorRecord unnamed{{"twitch", "streamer"}, "", false, std::nullopt, std::nullopt};
    CHECK(encode_creator(unnamed, 60, 600) == json{{"platform", "twitch"},
                                                   {"handle", "streamer"},
                                                   {"label", "streamer"},
                                                   {"followed", false},
                                                   {"followed_since", nullptr},
                                                   {"daily_budget_min", nullptr},
                                                   {"today_s", 60},
                                                   {"week_s", 600}});
    core::CreatorRecord followed{{"youtube", "@v"}, "Veritasium", true, 1'700'000'000'000, 45};
    const json c = encode_creator(followed, 0, 0);
    CHECK(c["label"] == "Veritasium");
    CHECK(c["followed_since"] == 1'700'000'000'000);
    CHECK(c["daily_budget_min"] == 45);
}

TEST_CASE("the summary body has exactly summary.get's shape") {
    core::Summary s;
    s.from = {2026, 11, 24};
    s.to = {2026, 11, 25};
    s.days = {{{2026, 11, 24}, 5400, 1200, 90}, {{2026, 11, 25}, 0, 0, 0}};
    s.creators = {{{{"youtube", "@v"}, "", true, std::nullopt, std::nullopt}, 5400, 1.0, 1}};
    s.others_s = 0;
    s.totals = {5400, 5400, 1200, 90, 5400.0 / (1200 + 60 * 90)};
    const json expected = {
        {"from", "2026-11-24"},
        {"to", "2026-11-25"},
        {"days",
         {{{"date", "2026-11-24"}, {"creator_s", 5400}, {"connection_s", 1200}, {"social_min", 90}},
          {{"date", "2026-11-25"}, {"creator_s", 0}, {"connection_s", 0}, {"social_min", 0}}}},
        {"creators",
         {{{"platform", "youtube"},
           {"handle", "@v"},
           {"label", "@v"},
           {"followed", true},
           {"seconds", 5400},
           {"share", 1.0},
           {"days_active", 1}}}},
        {"others_s", 0},
        {"totals",
         {{"creator_s", 5400},
          {"followed_s", 5400},
          {"connection_s", 1200},
          {"social_min", 90},
          {"balance", 5400.0 / 6600}}}};
    CHECK(encode_summary(s) == expected);

    s.totals.balance.reset();
    CHECK(encode_summary(s)["totals"]["balance"].is_null());
}

TEST_CASE("spans and marks survive encode then decode (export/import lines)") {
    const core::Instant now = 1'800'000'000'000;
    core::Span span{"0f8fad5b-d9cb-469f-a165-70867728950e",
                    core::SpanKind::creator,
                    "youtube",
                    "@v",
                    "V",
                    now - 1000,
                    now,
                    330,
                    core::Attention::audible};
    CHECK(decode_span(encode_span(span), JsonPath(), now).label == "V");
    const core::Span round = decode_span(encode_span(span), JsonPath(), now);
    CHECK(encode_span(round) == encode_span(span));
    span.label.reset();
    CHECK_FALSE(encode_span(span).contains("label"));
    CHECK_FALSE(decode_span(encode_span(span), JsonPath(), now).label);

    const core::Mark mark{"mark_00000001", core::MarkWhat::spend, "patreon", "artist", now, -60, 1};
    const core::Mark back = decode_mark(encode_mark(mark), JsonPath(), now);
    CHECK(encode_mark(back) == encode_mark(mark));
}

}  // namespace parasol::protocol
