#include "core/interval_union.hpp"

#include <catch2/catch.hpp>

#include "core/summary.hpp"

using parasol::core::Instant;
using parasol::core::Interval;
using parasol::core::union_length_ms;
using parasol::core::UnionLength;

TEST_CASE("union_length_ms counts overlapping time once", "[core][interval_union]") {
    struct Case {
        const char* name;
        std::vector<Interval> intervals;
        Instant expected;
    };
    const Case cases[] = {
        {"empty", {}, 0},
        {"one", {{10, 20}}, 10},
        {"zero length", {{10, 10}}, 0},
        {"reversed adds nothing", {{20, 10}}, 0},
        {"disjoint", {{0, 10}, {20, 25}}, 15},
        {"nested", {{0, 100}, {10, 20}, {30, 40}}, 100},
        {"touching", {{0, 10}, {10, 20}}, 20},
        {"identical", {{5, 15}, {5, 15}, {5, 15}}, 10},
        {"partial overlap", {{0, 10}, {5, 15}}, 15},
        {"unsorted", {{50, 60}, {0, 10}, {5, 20}, {55, 70}}, 40},
        {"chain", {{0, 10}, {9, 20}, {19, 30}, {40, 41}}, 31},
        {"inner longer end later", {{0, 10}, {1, 2}, {3, 30}}, 30},
        {"negative instants", {{-20, -10}, {-15, 5}}, 25},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        CHECK(union_length_ms(c.intervals) == c.expected);
    }
}

TEST_CASE("UnionLength accumulates intervals given in start order", "[core][interval_union]") {
    UnionLength u;
    CHECK(u.length_ms() == 0);
    u.add(0, 10);
    CHECK(u.length_ms() == 10);
    u.add(5, 8);
    CHECK(u.length_ms() == 10);
    u.add(10, 12);
    CHECK(u.length_ms() == 12);
    u.add(20, 20);
    CHECK(u.length_ms() == 12);
    u.add(20, 30);
    CHECK(u.length_ms() == 22);
}
