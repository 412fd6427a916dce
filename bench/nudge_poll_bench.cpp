// nudges.poll on the synthetic year: what a browser's periodic poll costs the
// host when nothing is due (the common case: no write), and its parts.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "core/nudges/rules.hpp"
#include "core/nudges/signals.hpp"
#include "service/deps.hpp"
#include "service/dispatcher.hpp"
#include "stderr_log.hpp"
#include "year_of_use.hpp"

namespace parasol::bench {
namespace {

namespace fs = std::filesystem;

constexpr core::LocalDate kLastDay{2026, 11, 25};
constexpr std::size_t kBatch = 500;

// The afternoon after the year's last day: outside quiet hours, after every span.
class AfternoonClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override {
        return core::local_midnight(kLastDay.plus_days(1), 0) + 14 * core::kMsPerHour;
    }
    [[nodiscard]] int utc_offset_min(core::Instant) const override { return 0; }
};

struct PollYear {
    StderrLog log;
    AfternoonClock clock;
    fs::path dir;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<service::Deps> deps;
    std::unique_ptr<service::Dispatcher> dispatcher;

    PollYear() {
        dir = fs::temp_directory_path() /
              ("parasol-nudge-bench-" + std::to_string(std::random_device{}()));
        fs::create_directory(dir);
        db = store::Database::open(dir / "parasol.db", log);
        deps = std::make_unique<service::Deps>(clock, *db, "bench");
        dispatcher = std::make_unique<service::Dispatcher>(*deps, log);
        YearPlan plan;
        plan.last_day = kLastDay;
        const auto year = year_of_use(plan);
        for (std::size_t at = 0; at < year.spans.size(); at += kBatch) {
            const auto end = std::min(year.spans.size(), at + kBatch);
            deps->spans.record({year.spans.begin() + static_cast<std::ptrdiff_t>(at),
                                year.spans.begin() + static_cast<std::ptrdiff_t>(end)},
                               {});
        }
        for (const auto& c : year.checkins) deps->checkins.put(c);
        // The first poll may hand something out; after it spacing holds
        // everything back, so every timed poll is one that writes nothing.
        dispatcher->handle(R"({"id":"warm","type":"nudges.poll","body":{}})");
    }
    ~PollYear() {
        dispatcher.reset();
        deps.reset();
        db.reset();
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

PollYear& poll_year() {
    static PollYear year;
    return year;
}

// The whole request as the host answers it: decode, read, judge, encode.
void BM_NudgesPoll(benchmark::State& state) {
    auto& year = poll_year();
    const std::string request = R"({"id":"p","type":"nudges.poll","body":{}})";
    for (auto _ : state) benchmark::DoNotOptimize(year.dispatcher->handle(request));
}
BENCHMARK(BM_NudgesPoll)->Unit(benchmark::kMillisecond);

// Its parts: the 42 days read from SQLite, and the pure signals + rules.
void BM_NudgesHistoryRead(benchmark::State& state) {
    auto& year = poll_year();
    const core::Instant now = year.clock.now_ms();
    std::size_t spans = 0;
    for (auto _ : state) {
        const auto history = year.deps->history.read(now, 0);
        spans = history.spans.size();
        benchmark::DoNotOptimize(history);
    }
    state.counters["spans"] = static_cast<double>(spans);
}
BENCHMARK(BM_NudgesHistoryRead)->Unit(benchmark::kMillisecond);

void BM_NudgesSignalsAndRules(benchmark::State& state) {
    auto& year = poll_year();
    const core::Instant now = year.clock.now_ms();
    const auto history = year.deps->history.read(now, 0);
    const core::Settings settings;
    for (auto _ : state) {
        const auto signals = core::nudges::compute_signals(history, settings, now, 0);
        benchmark::DoNotOptimize(core::nudges::evaluate_rules(signals, settings));
    }
}
BENCHMARK(BM_NudgesSignalsAndRules)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parasol::bench
