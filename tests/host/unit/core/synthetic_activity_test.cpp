// The generator behind `parasol demo`, the benchmarks' year and fixtures:
// its ids must pass the protocol's rule, so its spans go through the real host.
#include "core/synthetic_activity.hpp"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <set>
#include <string>

namespace parasol::core {
namespace {

// PROTOCOL.md, activity.record: `id` is 8-64 of [A-Za-z0-9_-].
bool protocol_valid_id(const std::string& id) {
    if (id.size() < 8 || id.size() > 64) return false;
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

SyntheticPlan plan_with_seed(std::uint64_t seed) {
    SyntheticPlan plan;
    plan.seed = seed;
    plan.last_day = LocalDate{2026, 11, 25};
    plan.days = 3;
    return plan;
}

}  // namespace

TEST_CASE("synthetic span ids are protocol-valid, unique and stable", "[core][synthetic]") {
    const std::uint64_t seed = GENERATE(std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{2026},
                                        std::numeric_limits<std::uint64_t>::max());
    CAPTURE(seed);
    const auto activity = generate_activity(plan_with_seed(seed));
    REQUIRE(activity.spans.size() > 10);  // the first ids were the short ones
    std::set<std::string> ids;
    for (const auto& span : activity.spans) {
        CAPTURE(span.id);
        CHECK(protocol_valid_id(span.id));
        ids.insert(span.id);
    }
    CHECK(ids.size() == activity.spans.size());
    const auto again = generate_activity(plan_with_seed(seed));
    REQUIRE(again.spans.size() == activity.spans.size());
    CHECK(again.spans.front().id == activity.spans.front().id);
    CHECK(again.spans.back().id == activity.spans.back().id);
}

TEST_CASE("two seeds never share a span id", "[core][synthetic]") {
    std::set<std::string> ids;
    std::size_t total = 0;
    for (const std::uint64_t seed : {1, 2, 3, 11}) {
        for (const auto& span : generate_activity(plan_with_seed(seed)).spans) {
            ids.insert(span.id);
            ++total;
        }
    }
    CHECK(ids.size() == total);
}

}  // namespace parasol::core
