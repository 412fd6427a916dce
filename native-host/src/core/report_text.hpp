#pragma once
// The human report `parasol report` prints: a range header, a per-day table
// with bars, the top creators and the balance in plain words. Warm, never
// judging: it describes time, it does not grade it.
#include <string>

#include "core/summary.hpp"

namespace parasol::core {

// UTF-8 text ending in a newline. `color` adds ANSI styling (bold headings,
// coloured bars); without it the text is plain and stable for tests and pipes.
// A summary with no time at all renders as a short empty-state message.
std::string render_report(const Summary& summary, bool color);

}  // namespace parasol::core
