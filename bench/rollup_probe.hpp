#pragma once
// A prototype of a daily rollup, to measure what summary.get would pay to
// read one before anybody builds it: per (local date, creator) the union of
// that creator's time that day, and per local date the union of all creator
// and of all connection time. Built from the same year in a scratch file;
// the host does not have these tables.
#include <sqlite3.h>

#include <cstddef>
#include <filesystem>
#include <vector>

#include "core/activity.hpp"

namespace parasol::bench {

class RollupProbe {
public:
    RollupProbe(const std::filesystem::path& file, const std::vector<core::Span>& spans);
    ~RollupProbe();
    RollupProbe(const RollupProbe&) = delete;
    RollupProbe& operator=(const RollupProbe&) = delete;

    [[nodiscard]] std::size_t creator_day_rows() const { return creator_day_rows_; }

    // What summary.get would read for [from, to]: the day rows, and per
    // creator its summed ms and days active. Returns the rows read.
    std::size_t read(core::LocalDate from, core::LocalDate to);

private:
    void exec(const char* sql);

    sqlite3* db_ = nullptr;
    sqlite3_stmt* days_ = nullptr;
    sqlite3_stmt* creators_ = nullptr;
    std::size_t creator_day_rows_ = 0;
};

}  // namespace parasol::bench
