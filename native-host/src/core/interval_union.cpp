#include "core/interval_union.hpp"

#include <algorithm>

#include "core/summary.hpp"

namespace parasol::core {

Instant union_length_ms(std::vector<Interval> intervals) {
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    UnionLength u;
    for (const Interval& i : intervals) u.add(i.start, i.end);
    return u.length_ms();
}

}  // namespace parasol::core
