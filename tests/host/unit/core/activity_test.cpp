#include "core/activity.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace parasol::core;

TEST_CASE("Enum names round trip and unknown names map to unknown", "[core][activity]") {
    for (SpanKind v : {SpanKind::creator, SpanKind::connection}) {
        CHECK(span_kind_from(to_string(v)) == v);
    }
    for (Attention v : {Attention::focused, Attention::audible}) {
        CHECK(attention_from(to_string(v)) == v);
    }
    for (MarkWhat v : {MarkWhat::spend, MarkWhat::chat}) {
        CHECK(mark_what_from(to_string(v)) == v);
    }
    for (Felt v : {Felt::chosen, Felt::autopilot, Felt::hard_to_stop}) {
        CHECK(felt_from(to_string(v)) == v);
    }
    CHECK(std::string(to_string(SpanKind::connection)) == "connection");
    CHECK(std::string(to_string(Felt::hard_to_stop)) == "hard_to_stop");

    for (const char* bad : {"", "unknown", "Creator", "creator ", "focus", "SPEND"}) {
        INFO(bad);
        CHECK(span_kind_from(bad) == SpanKind::unknown);
        CHECK(attention_from(bad) == Attention::unknown);
        CHECK(mark_what_from(bad) == MarkWhat::unknown);
        CHECK(felt_from(bad) == Felt::unknown);
    }
}
