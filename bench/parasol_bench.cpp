// In-process micro-benchmarks (Google Benchmark): where the host's time goes,
// each beside the raw limit it should be compared with in the same run.
// The end-to-end figures through the real binary are parasol_pipe_bench's.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "core/summary.hpp"
#include "protocol/activity_codec.hpp"
#include "protocol/envelope.hpp"
#include "protocol/frame_reader.hpp"
#include "protocol/requests.hpp"
#include "raw_span_table.hpp"
#include "service/deps.hpp"
#include "service/dispatcher.hpp"
#include "service/summary_query.hpp"
#include "stderr_log.hpp"
#include "year_of_use.hpp"

namespace parasol::bench {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::size_t kBatch = 500;
// A fixed last day keeps these runs comparable; nothing here checks the clock
// except decode, which is given a `now` just after it.
constexpr core::LocalDate kLastDay{2026, 11, 25};
// query_summary's widening of a local date range (service/summary_query.cpp).
constexpr core::Instant kOffsetSlack = 14 * core::kMsPerHour;

const core::SyntheticActivity& the_year() {
    static const core::SyntheticActivity year = [] {
        YearPlan plan;
        plan.last_day = kLastDay;
        return year_of_use(plan);
    }();
    return year;
}

core::Instant after_the_year() {
    return core::local_midnight(kLastDay.plus_days(3), 0);
}

// A folder removed at exit, for this process's database files.
const fs::path& scratch() {
    struct Dir {
        fs::path path;
        Dir() {
            std::string pattern = (fs::temp_directory_path() / "parasol-bench-XXXXXX").string();
            if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
            path = pattern;
        }
        ~Dir() {
            std::error_code ignored;  // best effort at exit
            fs::remove_all(path, ignored);
        }
    };
    static const Dir dir;
    return dir.path;
}

fs::path fresh_file(const std::string& stem) {
    static int n = 0;
    return scratch() / (stem + "-" + std::to_string(++n) + ".db");
}

// Batch `round` of the year, ids made new for each round so every write is an insert.
std::vector<core::Span> batch(std::size_t round) {
    const auto& spans = the_year().spans;
    const std::size_t per_year = spans.size() / kBatch;
    const std::size_t at = (round % per_year) * kBatch;
    std::vector<core::Span> out(spans.begin() + static_cast<std::ptrdiff_t>(at),
                                spans.begin() + static_cast<std::ptrdiff_t>(at + kBatch));
    const std::string suffix = "-r" + std::to_string(round / per_year);
    for (auto& s : out) s.id += suffix;
    return out;
}

std::string record_payload(const std::vector<core::Span>& spans) {
    json list = json::array();
    for (const auto& s : spans) list.push_back(protocol::encode_span(s));
    return json{{"id", "rec-1"}, {"type", "activity.record"}, {"body", {{"spans", list}}}}.dump();
}

// Spans overlapping the range the way the store's overlap query selects
// them, with creators indexed for core::summarize.
core::SummaryInput summary_input(int days) {
    core::SummaryInput input;
    input.to = kLastDay;
    input.from = kLastDay.plus_days(1 - days);
    const core::Instant lo = core::local_midnight(input.from, 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(kLastDay.plus_days(1), 0) + kOffsetSlack;
    std::map<core::CreatorKey, int> index;
    for (const auto& s : the_year().spans) {
        if (s.start < lo - core::kMsPerDay || s.start >= hi || s.end <= lo) continue;
        core::SpanInterval interval{s.start, s.end, s.utc_offset_min, s.kind, -1};
        if (s.kind == core::SpanKind::creator) {
            const core::CreatorKey key{s.platform, s.handle};
            auto [it, added] = index.emplace(key, static_cast<int>(input.creators.size()));
            if (added) input.creators.push_back({key, s.label.value_or(s.handle), false, {}, {}});
            interval.creator = it->second;
        }
        input.spans.push_back(interval);
    }
    for (const auto& c : the_year().checkins) {
        if (c.date >= input.from && c.date <= input.to) input.social_min[c.date] = c.social_min;
    }
    return input;
}

class UtcClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override { return after_the_year(); }
    [[nodiscard]] int utc_offset_min(core::Instant) const override { return 0; }
};

// --- Aggregation ------------------------------------------------------------

void BM_Summarize(benchmark::State& state) {
    const core::SummaryInput input = summary_input(static_cast<int>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(core::summarize(input));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(input.spans.size()));
    state.counters["spans"] = static_cast<double>(input.spans.size());
}
BENCHMARK(BM_Summarize)->Arg(7)->Arg(30)->Arg(365)->Unit(benchmark::kMillisecond);

// --- Writes: the store against raw SQLite -----------------------------------
// Each writes the year once, batch by batch, into a new file: the same rows
// and the same growth for every contender.

std::size_t batches_in_year() {
    return the_year().spans.size() / kBatch;
}

void BM_SpanStoreRecord(benchmark::State& state) {
    StderrLog log;
    auto db = store::Database::open(fresh_file("store"), log);
    store::SpanStore spans(*db);
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto rows = batch(round++);
        state.ResumeTiming();
        spans.record(rows, {});
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

// The extension resends open spans every 30 s: every row exists and widens.
void BM_SpanStoreResend(benchmark::State& state) {
    StderrLog log;
    auto db = store::Database::open(fresh_file("resend"), log);
    store::SpanStore spans(*db);
    for (std::size_t r = 0; r < batches_in_year(); ++r) spans.record(batch(r), {});
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto rows = batch(round++);
        for (auto& s : rows) s.end += 30 * core::kMsPerSecond;
        state.ResumeTiming();
        spans.record(rows, {});
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

void BM_RawSqliteInsert(benchmark::State& state) {
    auto raw = RawSpanTable::create(fresh_file("raw"));
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto rows = batch(round++);
        state.ResumeTiming();
        raw->insert_batch(rows);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

void BM_RawSqliteUpsert(benchmark::State& state) {
    auto raw = RawSpanTable::create(fresh_file("upsert"));
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const auto rows = batch(round++);
        state.ResumeTiming();
        raw->upsert_batch(rows);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

void BM_RawSqliteUpsertResend(benchmark::State& state) {
    auto raw = RawSpanTable::create(fresh_file("upsert-resend"));
    for (std::size_t r = 0; r < batches_in_year(); ++r) raw->insert_batch(batch(r));
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        auto rows = batch(round++);
        for (auto& s : rows) s.end += 30 * core::kMsPerSecond;
        state.ResumeTiming();
        raw->upsert_batch(rows);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

// The whole in-process request path of activity.record: JSON, validation,
// store, reply. What the pipe adds is parasol_pipe_bench's host figure minus this.
void BM_DispatchActivityRecord(benchmark::State& state) {
    StderrLog log;
    UtcClock clock;
    auto db = store::Database::open(fresh_file("dispatch"), log);
    service::Deps deps(clock, *db, "bench");
    service::Dispatcher dispatcher(deps, log);
    std::size_t round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const std::string payload = record_payload(batch(round++));
        state.ResumeTiming();
        const std::string reply = dispatcher.handle(payload);
        if (reply.find("\"ok\":true") == std::string::npos) {
            state.SkipWithError(("activity.record failed: " + reply.substr(0, 300)).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
}

// One year each, registered in main() once the year's size is known.
void register_writes() {
    const auto year = static_cast<benchmark::IterationCount>(batches_in_year());
    for (auto* bm :
         {benchmark::RegisterBenchmark("BM_RawSqliteInsert", BM_RawSqliteInsert),
          benchmark::RegisterBenchmark("BM_RawSqliteUpsert", BM_RawSqliteUpsert),
          benchmark::RegisterBenchmark("BM_SpanStoreRecord", BM_SpanStoreRecord),
          benchmark::RegisterBenchmark("BM_DispatchActivityRecord", BM_DispatchActivityRecord),
          benchmark::RegisterBenchmark("BM_RawSqliteUpsertResend", BM_RawSqliteUpsertResend),
          benchmark::RegisterBenchmark("BM_SpanStoreResend", BM_SpanStoreResend)}) {
        bm->Iterations(year)->Repetitions(3)->ReportAggregatesOnly(true)->Unit(
            benchmark::kMillisecond);
    }
}

// --- Decoding: JSON and validation of one 500-span request ------------------

void BM_DecodeEnvelope(benchmark::State& state) {
    const std::string payload = record_payload(batch(0));
    for (auto _ : state) {
        std::optional<std::string> id;
        benchmark::DoNotOptimize(protocol::decode_envelope(payload, id));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payload.size()));
}
BENCHMARK(BM_DecodeEnvelope)->Unit(benchmark::kMicrosecond);

// nlohmann's tokenizer alone, building nothing: the floor of a SAX decoder
// that would fill Spans straight from the text instead of through a DOM.
void BM_JsonSaxFloor(benchmark::State& state) {
    const std::string payload = record_payload(batch(0));
    struct Nothing : json::json_sax_t {
        bool null() override { return true; }
        bool boolean(bool) override { return true; }
        bool number_integer(number_integer_t) override { return true; }
        bool number_unsigned(number_unsigned_t) override { return true; }
        bool number_float(number_float_t, const string_t&) override { return true; }
        bool string(string_t&) override { return true; }
        bool binary(binary_t&) override { return true; }
        bool start_object(std::size_t) override { return true; }
        bool key(string_t&) override { return true; }
        bool end_object() override { return true; }
        bool start_array(std::size_t) override { return true; }
        bool end_array() override { return true; }
        bool parse_error(std::size_t, const std::string&,
                         const nlohmann::detail::exception&) override {
            return false;
        }
    } nothing;
    for (auto _ : state) benchmark::DoNotOptimize(json::sax_parse(payload, &nothing));
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payload.size()));
}
BENCHMARK(BM_JsonSaxFloor)->Unit(benchmark::kMicrosecond);

void BM_DecodeActivityRecord(benchmark::State& state) {
    const std::string payload = record_payload(batch(0));
    for (auto _ : state) {
        std::optional<std::string> id;
        const protocol::Envelope request = protocol::decode_envelope(payload, id);
        benchmark::DoNotOptimize(protocol::decode_activity_record(request.body, after_the_year()));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(payload.size()));
}
BENCHMARK(BM_DecodeActivityRecord)->Unit(benchmark::kMicrosecond);

// --- Framing ------------------------------------------------------------------

// Hands out a buffer at most 64 KiB a read, like a pipe.
class PipeLikeSource : public protocol::ByteSource {
public:
    explicit PipeLikeSource(const std::string& bytes) : bytes_(bytes) {}
    std::size_t read(char* buffer, std::size_t capacity) override {
        const std::size_t n = std::min({capacity, bytes_.size() - at_, std::size_t{65536}});
        std::copy_n(bytes_.data() + at_, n, buffer);
        at_ += n;
        return n;
    }

private:
    const std::string& bytes_;
    std::size_t at_ = 0;
};

class StringSink : public protocol::ByteSink {
public:
    void write_all(const char* data, std::size_t size) override { bytes.append(data, size); }
    std::string bytes;
};

// Reads an 8 MiB stream of identical frames, as parasol-host reads stdin.
void read_frames(benchmark::State& state, const std::string& payload) {
    StringSink stream;
    const std::size_t frames = std::max<std::size_t>(8, (8u << 20) / payload.size());
    for (std::size_t i = 0; i < frames; ++i) protocol::write_frame(stream, payload);
    for (auto _ : state) {
        PipeLikeSource source(stream.bytes);
        protocol::FrameReader reader(source);
        std::size_t read = 0;
        while (std::holds_alternative<protocol::Frame>(reader.next())) ++read;
        if (read != frames) state.SkipWithError("frame count differs");
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(frames));
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.bytes.size()));
    state.counters["frame_bytes"] = static_cast<double>(payload.size());
}

void BM_FrameReaderSmall(benchmark::State& state) {
    read_frames(state, R"({"id":"h-1","type":"hello","body":{"protocol":1,"extension":)"
                       R"({"version":"0.3.1","browser":"chromium"}}})");
}
BENCHMARK(BM_FrameReaderSmall)->Unit(benchmark::kMillisecond);

void BM_FrameReaderRecord(benchmark::State& state) {
    read_frames(state, record_payload(batch(0)));
}
BENCHMARK(BM_FrameReaderRecord)->Unit(benchmark::kMillisecond);

// --- Reads: summary queries on a stored year --------------------------------

// The year written once through SpanStore and CheckinStore.
struct StoredYear {
    StderrLog log;
    UtcClock clock;
    fs::path file = fresh_file("year");
    std::unique_ptr<store::Database> db;
    std::unique_ptr<service::Deps> deps;
    std::unique_ptr<RawSpanTable> raw;

    StoredYear() {
        db = store::Database::open(file, log);
        deps = std::make_unique<service::Deps>(clock, *db, "bench");
        const auto& spans = the_year().spans;
        for (std::size_t at = 0; at < spans.size(); at += kBatch) {
            const auto end = std::min(spans.size(), at + kBatch);
            const std::vector<core::Span> rows(spans.begin() + static_cast<std::ptrdiff_t>(at),
                                               spans.begin() + static_cast<std::ptrdiff_t>(end));
            deps->spans.record(rows, {});
        }
        for (const auto& c : the_year().checkins) deps->checkins.put(c);
        raw = RawSpanTable::open(file);
    }
};

StoredYear& stored_year() {
    static StoredYear year;
    return year;
}

void BM_QuerySummary(benchmark::State& state) {
    auto& year = stored_year();
    const core::LocalDate from = kLastDay.plus_days(1 - state.range(0));
    for (auto _ : state)
        benchmark::DoNotOptimize(service::query_summary(*year.deps, from, kLastDay));
}
BENCHMARK(BM_QuerySummary)->Arg(7)->Arg(30)->Arg(365)->Unit(benchmark::kMillisecond);

void BM_LoadIntervals(benchmark::State& state) {
    auto& year = stored_year();
    const core::Instant lo =
        core::local_midnight(kLastDay.plus_days(1 - state.range(0)), 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(kLastDay.plus_days(1), 0) + kOffsetSlack;
    std::vector<core::CreatorRecord> creators;
    std::vector<core::SpanInterval> spans;
    for (auto _ : state) year.deps->spans.load_intervals(lo, hi, creators, spans);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(spans.size()));
}
BENCHMARK(BM_LoadIntervals)->Arg(7)->Arg(30)->Arg(365)->Unit(benchmark::kMillisecond);

// The same with nothing kept in memory: what a new host's first summary reads.
void BM_LoadIntervalsCold(benchmark::State& state) {
    auto& year = stored_year();
    const core::Instant lo =
        core::local_midnight(kLastDay.plus_days(1 - state.range(0)), 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(kLastDay.plus_days(1), 0) + kOffsetSlack;
    std::vector<core::CreatorRecord> creators;
    std::vector<core::SpanInterval> spans;
    for (auto _ : state) {
        year.deps->spans.forget_cached();
        year.deps->spans.load_intervals(lo, hi, creators, spans);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(spans.size()));
}
BENCHMARK(BM_LoadIntervalsCold)->Arg(7)->Arg(30)->Arg(365)->Unit(benchmark::kMillisecond);

void BM_RawReadIntervals(benchmark::State& state) {
    auto& year = stored_year();
    const core::Instant lo =
        core::local_midnight(kLastDay.plus_days(1 - state.range(0)), 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(kLastDay.plus_days(1), 0) + kOffsetSlack;
    std::vector<core::SpanInterval> spans;
    for (auto _ : state) year.raw->read_intervals(lo, hi, spans);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(spans.size()));
}
BENCHMARK(BM_RawReadIntervals)->Arg(7)->Arg(30)->Arg(365)->Unit(benchmark::kMillisecond);

// Other ways SQLite could read the 365-day range, each on its own copy of the
// year written by RawSpanTable: what a plan, a pragma or an index would buy.
void BM_RawRead365(benchmark::State& state, int variant) {
    auto raw = RawSpanTable::create(fresh_file("variant"));
    for (std::size_t r = 0; r < batches_in_year(); ++r) raw->insert_batch(batch(r));
    raw->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    switch (variant) {
        case 1:  // the whole table in rowid order (rows arrive roughly in start order)
            raw->use_read_query(
                "SELECT start_ms, end_ms, utc_offset_min, kind, creator_id FROM spans NOT INDEXED "
                "WHERE start_ms >= ?1 - 86400000 AND start_ms < ?2 AND end_ms > ?1");
            break;
        case 2:  // a page cache larger than the file (the default is 2 MB)
            raw->exec("PRAGMA cache_size = -16384");
            break;
        case 3:  // memory-mapped reads instead of read() calls
            raw->exec("PRAGMA mmap_size = 268435456");
            break;
        case 4:  // a covering index: no table lookup a row
            raw->exec(
                "CREATE INDEX spans_cover ON spans (start_ms, end_ms, utc_offset_min, kind, "
                "creator_id)");
            break;
        default:
            break;
    }
    const core::Instant lo = core::local_midnight(kLastDay.plus_days(-364), 0) - kOffsetSlack;
    const core::Instant hi = core::local_midnight(kLastDay.plus_days(1), 0) + kOffsetSlack;
    std::vector<core::SpanInterval> spans;
    for (auto _ : state) raw->read_intervals(lo, hi, spans);
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(spans.size()));
}
BENCHMARK_CAPTURE(BM_RawRead365, index_search, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RawRead365, table_scan, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RawRead365, cache_16mb, 2)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RawRead365, mmap, 3)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_RawRead365, covering_index, 4)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace parasol::bench

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    parasol::bench::register_writes();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
