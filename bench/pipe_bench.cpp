// parasol_pipe_bench: the end-to-end figures of BENCHMARKS.md, through the
// real parasol-host over pipes, each printed beside its target and beside the
// raw SQLite limit measured in the same run.
//
// These machines are shared and noisy, so every timing is given twice: wall
// time, and the CPU time of the process doing the work (the host's, read from
// /proc/<pid>/schedstat, or this thread's). Wall time on a loaded machine
// includes waiting for a CPU; the CPU time does not, and is what a quiet
// machine's wall time comes close to. Compare ratios between runs, not times.
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "core/summary.hpp"
#include "protocol/activity_codec.hpp"
#include "protocol/envelope.hpp"
#include "protocol/replies.hpp"
#include "raw_span_table.hpp"
#include "rollup_probe.hpp"
#include "service/deps.hpp"
#include "service/dispatcher.hpp"
#include "stderr_log.hpp"
#include "support/host_process.hpp"
#include "support/process_stats.hpp"
#include "year_of_use.hpp"

#ifndef PARASOL_HOST_BIN
#error "PARASOL_HOST_BIN must name the built parasol-host (bench/CMakeLists.txt sets it)"
#endif

extern char** environ;

namespace parasol::bench {
namespace {

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kSummaryDays[] = {7, 30, 365};
constexpr double kSummaryTargetMs[] = {2.0, 5.0, 10.0};
constexpr double kStartTargetMs = 10.0;
constexpr double kRssTargetMiB = 16.0;
constexpr double kDiskTargetMiB = 25.0;
constexpr double kIngestTargetRatio = 0.5;
// Spans carry their own offsets (-840..840 min): query_summary widens a local
// date range by this much either side (service/summary_query.cpp).
constexpr core::Instant kOffsetSlack = 14 * core::kMsPerHour;

double ms_since(Steady::time_point t0) {
    return std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
}

double thread_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Samples {
    std::vector<double> ms;
    void add(double v) { ms.push_back(v); }
    [[nodiscard]] double quantile(double q) const {
        if (ms.empty()) return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        const auto at = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
        return sorted[at];
    }
    [[nodiscard]] double median() const { return quantile(0.5); }
    [[nodiscard]] double p90() const { return quantile(0.9); }
    [[nodiscard]] double total() const {
        double sum = 0;
        for (double v : ms) sum += v;
        return sum;
    }
};

// Wall time and the working process's CPU time of the same runs.
struct Timing {
    Samples wall;
    Samples cpu;
};

// The real parasol-host as a browser runs it (tests/host/support, shared
// with the integration tests): this process's environment, its own data
// folder, stderr appended to <data_dir>/host-stderr.log.
class Host {
public:
    Host(const std::string& binary, const fs::path& data_dir,
         std::vector<std::string> args = {"chrome-extension://parasolbenchmarkextension/"})
        : process_(binary, environment_for(data_dir), data_dir / "host-stderr.log",
                   std::move(args)) {}

    std::string request(const std::string& payload) {
        process_.send_raw(payload);
        auto reply = process_.read_frame(std::chrono::minutes(2));
        if (!reply) throw std::runtime_error("parasol-host closed its stdout instead of replying");
        return std::move(*reply);
    }
    // Up to date once the host is blocked reading its next request: wait_idle().
    void wait_idle() const { test::wait_until_sleeping(process_.pid()); }
    [[nodiscard]] double cpu_ms() const { return test::cpu_ms(process_.pid()); }
    [[nodiscard]] double run_queue_ms() const { return test::run_queue_ms(process_.pid()); }
    [[nodiscard]] long vm_hwm_kib() const { return test::vm_hwm_kib(process_.pid()); }
    [[nodiscard]] long vm_rss_kib() const { return test::vm_rss_kib(process_.pid()); }

    // EOF on stdin, then its exit status (128 + signal if killed).
    int close_and_wait() {
        process_.close_stdin();
        const auto status = process_.wait_exit(std::chrono::minutes(1));
        if (!status) throw std::runtime_error("parasol-host did not exit within a minute of EOF");
        return status->exited ? status->code : 128 + status->signal;
    }

private:
    static test::Environment environment_for(const fs::path& data_dir) {
        test::Environment env;
        for (char** e = environ; *e != nullptr; ++e) {
            const std::string entry = *e;
            const auto eq = entry.find('=');
            if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
        env["PARASOL_DATA_DIR"] = data_dir.string();
        return env;
    }

    test::HostProcess process_;
};

// Runs `work` in this thread and times it.
template <class Work>
void in_process(Timing& t, bool record, Work&& work) {
    const double cpu0 = thread_cpu_ms();
    const auto t0 = Steady::now();
    work();
    const double wall = ms_since(t0);
    const double cpu = thread_cpu_ms() - cpu0;
    if (record) {
        t.wall.add(wall);
        t.cpu.add(cpu);
    }
}

// One request to the host: wall time here, CPU time there.
std::string over_pipe(Timing& t, Host& host, const std::string& payload) {
    host.wait_idle();
    const double cpu0 = host.cpu_ms();
    const auto t0 = Steady::now();
    std::string reply = host.request(payload);
    t.wall.add(ms_since(t0));
    host.wait_idle();
    t.cpu.add(host.cpu_ms() - cpu0);
    return reply;
}

std::string fmt(const char* format, double value) {
    char text[64];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// One line of the report: a figure, its target (if any) and how it compares.
struct Row {
    std::string figure;
    std::string wall;
    std::string cpu;
    std::string target;
    std::string wall_verdict;
    std::string cpu_verdict;
    std::string note;
};

class Report {
public:
    void section(const std::string& title) {
        rows_.push_back({"## " + title, {}, {}, {}, {}, {}, {}});
    }
    void row(Row r) { rows_.push_back(std::move(r)); }
    // Medians, against an upper bound in ms if given.
    void timed(const std::string& figure, const Timing& t, std::optional<double> target_ms,
               const std::string& note) {
        Row r{figure, fmt("%.2f ms", t.wall.median()), "", "", "", "", note};
        if (!t.cpu.ms.empty()) r.cpu = fmt("%.2f ms", t.cpu.median());
        if (target_ms) {
            r.target = "< " + fmt("%g", *target_ms) + " ms";
            r.wall_verdict = under(t.wall.median(), *target_ms);
            if (!t.cpu.ms.empty()) r.cpu_verdict = under(t.cpu.median(), *target_ms);
        }
        rows_.push_back(std::move(r));
    }
    static std::string under(double value, double target) {
        return (value <= target ? "ok " : "MISS ") + fmt("x%.2f", value / target);
    }
    static std::string at_least(double value, double target) {
        return (value >= target ? "ok " : "MISS ") + fmt("x%.2f", value / target);
    }
    void print() const {
        const char* line = "%-50s %-15s %-15s %-10s %-11s %-11s %s\n";
        std::printf("\n");
        std::printf(line, "figure", "wall", "CPU", "target", "wall/target", "CPU/target", "note");
        for (const Row& r : rows_) {
            if (r.figure.rfind("## ", 0) == 0) {
                std::printf("\n%s\n", r.figure.c_str());
                continue;
            }
            std::printf(line, r.figure.c_str(), r.wall.c_str(), r.cpu.c_str(), r.target.c_str(),
                        r.wall_verdict.c_str(), r.cpu_verdict.c_str(), r.note.c_str());
        }
        std::fflush(stdout);
    }

private:
    std::vector<Row> rows_;
};

// The in-process service's clock: real time, UTC (the year is generated at offset 0).
class UtcClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
    [[nodiscard]] int utc_offset_min(core::Instant) const override { return 0; }
};

std::string hello_payload() {
    return json{
        {"id", "hello-1"},
        {"type", "hello"},
        {"body", {{"protocol", 1}, {"extension", {{"version", "0.0.0"}, {"browser", "chromium"}}}}}}
        .dump();
}

std::string summary_payload(int days, core::LocalDate until) {
    return json{{"id", "sum-" + std::to_string(days)},
                {"type", "summary.get"},
                {"body", {{"days", days}, {"until", until.to_string()}}}}
        .dump();
}

std::vector<std::string> record_payloads(const std::vector<core::Span>& spans, std::size_t batch) {
    std::vector<std::string> payloads;
    for (std::size_t at = 0; at < spans.size(); at += batch) {
        json list = json::array();
        for (std::size_t i = at; i < std::min(spans.size(), at + batch); ++i) {
            list.push_back(protocol::encode_span(spans[i]));
        }
        payloads.push_back(json{{"id", "rec-" + std::to_string(payloads.size())},
                                {"type", "activity.record"},
                                {"body", {{"spans", std::move(list)}}}}
                               .dump());
    }
    return payloads;
}

std::string checkin_payload(const core::Checkin& c, std::size_t n) {
    json body = {{"date", c.date.to_string()}, {"social_min", c.social_min}};
    if (c.lonely) body["lonely"] = *c.lonely;
    if (c.felt) body["felt"] = core::to_string(*c.felt);
    return json{{"id", "chk-" + std::to_string(n)}, {"type", "checkin.record"}, {"body", body}}
        .dump();
}

// The reply's body; throws with the reply's text when it is an error.
json ok_body(const std::string& reply) {
    json parsed = json::parse(reply);
    if (!parsed.value("ok", false)) {
        throw std::runtime_error("parasol-host answered an error: " + reply.substr(0, 400));
    }
    return parsed["body"];
}

double file_mib(const fs::path& file) {
    std::error_code ignored;  // a missing -wal or -shm is size 0
    const auto size = fs::file_size(file, ignored);
    return ignored ? 0.0 : static_cast<double>(size) / (1024.0 * 1024.0);
}

double db_files_mib(const fs::path& db) {
    return file_mib(db) + file_mib(db.string() + "-wal") + file_mib(db.string() + "-shm");
}

// sync + drop_caches (page cache, dentries and inodes). Needs root; returns
// why not otherwise.
std::optional<std::string> drop_page_cache() {
    ::sync();
    std::ofstream control("/proc/sys/vm/drop_caches");
    if (!control) return "can't open /proc/sys/vm/drop_caches (not root?)";
    control << "3\n";
    control.flush();
    if (!control) return "writing /proc/sys/vm/drop_caches failed";
    return std::nullopt;
}

std::string first_line_of(const char* file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string machine_line() {
    std::string cpu = "unknown CPU";
    std::ifstream info("/proc/cpuinfo");
    for (std::string line; std::getline(info, line);) {
        if (line.rfind("model name", 0) == 0) {
            cpu = line.substr(line.find(':') + 2);
            break;
        }
    }
    utsname un{};
    uname(&un);
    return std::to_string(std::thread::hardware_concurrency()) + " x " + cpu + ", " + un.sysname +
           " " + un.release;
}

struct Options {
    YearPlan plan;
    std::size_t batch = 500;
    int repeats = 30;
    int cold_repeats = 3;
    std::string host = PARASOL_HOST_BIN;
    std::string work_dir;
    bool keep = false;
    bool drop_caches = true;
};

void expect_exit_0(Host& host) {
    if (const int status = host.close_and_wait(); status != 0) {
        throw std::runtime_error("parasol-host exited with status " + std::to_string(status));
    }
}

// A fresh host on `dir`: spawn to the hello reply (wall), and the host's CPU
// time from exec to that reply. Returns its peak RSS then, in MiB.
double time_start(Timing& t, const Options& o, const fs::path& dir) {
    const auto t0 = Steady::now();
    Host host(o.host, dir);
    const std::string reply = host.request(hello_payload());
    t.wall.add(ms_since(t0));
    host.wait_idle();
    t.cpu.add(host.cpu_ms());
    const double hwm_mib = static_cast<double>(host.vm_hwm_kib()) / 1024.0;
    ok_body(reply);
    expect_exit_0(host);
    return hwm_mib;
}

int run(const Options& o) {
    Report report;
    const fs::path work =
        o.work_dir.empty()
            ? fs::temp_directory_path() / ("parasol-pipe-bench-" + std::to_string(::getpid()))
            : fs::path(o.work_dir);
    fs::remove_all(work);
    const fs::path host_dir = work / "host";
    const fs::path raw_dir = work / "raw";
    fs::create_directories(host_dir);
    fs::create_directories(raw_dir);
    const fs::path host_db = host_dir / "parasol.db";
    const std::string load_before = first_line_of("/proc/loadavg");
    std::printf("parasol_pipe_bench\n  machine: %s\n  host:    %s\n  work:    %s\n",
                machine_line().c_str(), o.host.c_str(), work.c_str());

    // --- The year ----------------------------------------------------------
    const auto year = year_of_use(o.plan);
    std::size_t creator_spans = 0;
    for (const auto& s : year.spans) creator_spans += s.kind == core::SpanKind::creator ? 1 : 0;
    std::printf(
        "  plan:    days=%d creators=%d creator_hours_per_day=%.1f mean_span_min=%d layers=%d "
        "last_day=%s\n  year:    %zu spans (%zu creator, %zu connection), %zu check-ins, "
        "batches of %zu\n",
        o.plan.days, o.plan.creators, o.plan.creator_hours_per_day, o.plan.mean_span_min,
        o.plan.layers, o.plan.last_day.to_string().c_str(), year.spans.size(), creator_spans,
        year.spans.size() - creator_spans, year.checkins.size(), o.batch);
    const auto payloads = record_payloads(year.spans, o.batch);

    // --- Start floors: the bare process, and a new data folder ---------------
    Timing version_run;
    for (int i = 0; i < 10; ++i) {
        const auto t0 = Steady::now();
        Host bare(o.host, work, {"--version"});
        expect_exit_0(bare);
        version_run.wall.add(ms_since(t0));
    }
    Timing first_start;
    double empty_hwm_mib = 0;
    for (int i = 0; i < 5; ++i) {
        const fs::path dir = work / ("first-start-" + std::to_string(i));
        fs::create_directories(dir);
        empty_hwm_mib = time_start(first_start, o, dir);
    }

    // --- Ingest: the host over the pipe vs raw SQLite, batch by batch --------
    // Interleaved so that both see the same machine at the same moment.
    std::printf("  ingesting...\n");
    std::fflush(stdout);
    auto raw = RawSpanTable::create(raw_dir / "raw.db");
    Host host(o.host, host_dir);
    ok_body(host.request(hello_payload()));
    host.wait_idle();
    const double queue0 = host.run_queue_ms();
    Timing host_ingest;
    Timing raw_ingest;
    double wal_peak_mib = 0;
    for (std::size_t b = 0; b < payloads.size(); ++b) {
        const std::string reply = over_pipe(host_ingest, host, payloads[b]);
        const std::size_t at = b * o.batch;
        const auto rows =
            std::span(year.spans).subspan(at, std::min(o.batch, year.spans.size() - at));
        in_process(raw_ingest, true, [&] { raw->insert_batch(rows); });
        if (ok_body(reply).value("stored", std::size_t{0}) != rows.size()) {
            throw std::runtime_error("activity.record stored a different count: " + reply);
        }
        wal_peak_mib = std::max(wal_peak_mib, file_mib(host_db.string() + "-wal"));
    }
    const double host_queue_ms = host.run_queue_ms() - queue0;
    const double ingest_hwm_mib = static_cast<double>(host.vm_hwm_kib()) / 1024.0;
    for (std::size_t i = 0; i < year.checkins.size(); ++i) {
        ok_body(host.request(checkin_payload(year.checkins[i], i)));
    }
    raw.reset();  // closing checkpoints its WAL away

    // --- Summaries, warm, over the pipe ------------------------------------
    const core::LocalDate until = o.plan.last_day;
    Timing pipe_summary[3];
    std::size_t reply_bytes[3] = {};
    double creator_hours_per_day = 0;
    for (int k = 0; k < 3; ++k) {
        const std::string payload = summary_payload(kSummaryDays[k], until);
        for (int i = 0; i < 3; ++i) ok_body(host.request(payload));  // warm-up
        for (int i = 0; i < o.repeats; ++i) {
            const std::string reply = over_pipe(pipe_summary[k], host, payload);
            reply_bytes[k] = reply.size();
            const json body = ok_body(reply);
            if (kSummaryDays[k] == 365) {
                creator_hours_per_day = body["totals"]["creator_s"].get<double>() / 3600.0 / 365.0;
            }
        }
    }

    // --- 365 days right after each write: the host's window kept up to date --
    // What a reflection page open while browsing sees: the extension resends
    // its open spans (a few, every 30 s), then a summary is asked.
    Timing after_write_summary;
    Timing after_write_record;
    {
        std::vector<core::Span> open_spans(year.spans.end() - 10, year.spans.end());
        const std::string payload = summary_payload(365, until);
        for (int i = 0; i < o.repeats; ++i) {
            for (auto& s : open_spans) s.end += core::kMsPerSecond;
            ok_body(over_pipe(after_write_record, host, record_payloads(open_spans, 10)[0]));
            ok_body(over_pipe(after_write_summary, host, payload));
        }
    }

    // --- Memory and disk of the host that took the year ---------------------
    const double hwm_mib = static_cast<double>(host.vm_hwm_kib()) / 1024.0;
    const double rss_mib = static_cast<double>(host.vm_rss_kib()) / 1024.0;
    const double db_live_mib = file_mib(host_db);
    const double wal_live_mib = file_mib(host_db.string() + "-wal");
    expect_exit_0(host);
    // The last connection's close checkpoints; make sure of it all the same.
    RawSpanTable::open(host_db).reset();
    const double db_closed_mib = db_files_mib(host_db);
    const double raw_db_mib = db_files_mib(raw_dir / "raw.db");

    // --- Start on the year's database ----------------------------------------
    Timing year_start;
    double year_start_hwm_mib = 0;
    for (int i = 0; i < 10; ++i) year_start_hwm_mib = time_start(year_start, o, host_dir);

    // --- Cold summaries: a fresh host's first summary ------------------------
    // (a) page cache warm: a new process, a new SQLite connection.
    // (b) after dropping the page cache (root): the binary, its libraries and
    //     the database file all come from disk again.
    Timing fresh_summary[3];
    Timing dropped_start[3];
    Timing dropped_summary[3];
    std::optional<std::string> drop_failure;
    for (int k = 0; k < 3; ++k) {
        const std::string payload = summary_payload(kSummaryDays[k], until);
        for (int i = 0; i < o.cold_repeats; ++i) {
            Host fresh(o.host, host_dir);
            ok_body(fresh.request(hello_payload()));
            ok_body(over_pipe(fresh_summary[k], fresh, payload));
            expect_exit_0(fresh);
        }
        for (int i = 0; o.drop_caches && !drop_failure && i < o.cold_repeats; ++i) {
            drop_failure = drop_page_cache();
            if (drop_failure) break;
            const auto t0 = Steady::now();
            Host fresh(o.host, host_dir);
            ok_body(fresh.request(hello_payload()));
            dropped_start[k].wall.add(ms_since(t0));
            fresh.wait_idle();
            dropped_start[k].cpu.add(fresh.cpu_ms());
            ok_body(over_pipe(dropped_summary[k], fresh, payload));
            expect_exit_0(fresh);
        }
    }

    // --- In process, through the service layer, on the same file --------------
    StderrLog log;
    UtcClock clock;
    Timing open_in_process;
    for (int i = 0; i < 5; ++i) {
        in_process(open_in_process, true, [&] { store::Database::open(host_db, log).reset(); });
    }
    auto db = store::Database::open(host_db, log);
    service::Deps deps(clock, *db, "bench");
    service::Dispatcher dispatcher(deps, log);
    auto raw_read = RawSpanTable::open(host_db);
    Timing quick_check;
    for (int i = 0; i < 5; ++i) {
        in_process(quick_check, true, [&] {
            if (db->find_damage()) throw std::runtime_error("the year's file fails quick_check");
        });
    }
    std::printf("  building the rollup prototype...\n");
    std::fflush(stdout);
    RollupProbe rollup(work / "rollup.db", year.spans);
    struct Phases {
        Timing handle, load, load_cold, checkins, summarize, encode, raw, rollup;
        std::size_t rows = 0;
        std::size_t rollup_rows = 0;
    } phases[3];
    for (int k = 0; k < 3; ++k) {
        const std::string payload = summary_payload(kSummaryDays[k], until);
        const core::LocalDate from = until.plus_days(1 - kSummaryDays[k]);
        const core::Instant lo = core::local_midnight(from, 0) - kOffsetSlack;
        const core::Instant hi = core::local_midnight(until.plus_days(1), 0) + kOffsetSlack;
        Phases& p = phases[k];
        for (int i = 0; i < o.repeats + 3; ++i) {
            const bool timed = i >= 3;  // the first three warm up
            std::string reply;
            in_process(p.handle, timed, [&] { reply = dispatcher.handle(payload); });
            ok_body(reply);

            core::SummaryInput input;
            input.from = from;
            input.to = until;
            deps.spans.forget_cached();
            in_process(p.load_cold, timed,
                       [&] { deps.spans.load_intervals(lo, hi, input.creators, input.spans); });
            in_process(p.load, timed,
                       [&] { deps.spans.load_intervals(lo, hi, input.creators, input.spans); });
            in_process(p.checkins, timed,
                       [&] { input.social_min = deps.checkins.social_minutes(from, until); });
            core::Summary summary;
            in_process(p.summarize, timed, [&] { summary = core::summarize(input); });
            in_process(p.encode, timed, [&] {
                reply = protocol::encode_ok("x", protocol::encode_summary(summary));
            });
            p.rows = input.spans.size();

            std::vector<core::SpanInterval> rows;
            in_process(p.raw, timed, [&] { raw_read->read_intervals(lo, hi, rows); });
            in_process(p.rollup, timed, [&] { p.rollup_rows = rollup.read(from, until); });
        }
    }
    const std::string load_after = first_line_of("/proc/loadavg");

    // --- The table ----------------------------------------------------------
    report.section("Data: the seeded year");
    report.row({"spans", std::to_string(year.spans.size()), "", "", "", "",
                std::to_string(creator_spans) + " creator, " +
                    std::to_string(year.spans.size() - creator_spans) + " connection; " +
                    std::to_string(year.checkins.size()) + " check-ins"});
    report.row({"creator time per day (union)", fmt("%.2f h", creator_hours_per_day), "", "", "",
                "", "the plan asks 6 h: see BENCHMARKS.md"});

    report.section("Ingest: activity.record, batches of " + std::to_string(o.batch) +
                   " (rates from summed batch times)");
    const double n_spans = static_cast<double>(year.spans.size());
    const auto rate = [&](const Samples& s) { return n_spans / (s.total() / 1000.0); };
    report.row({"host over the pipe", fmt("%.0f spans/s", rate(host_ingest.wall)),
                fmt("%.0f spans/s", rate(host_ingest.cpu)), "", "", "",
                "batch median " + fmt("%.2f", host_ingest.wall.median()) + " ms wall, " +
                    fmt("%.2f", host_ingest.cpu.median()) + " ms host CPU"});
    report.row({"raw SQLite: same rows, same schema", fmt("%.0f spans/s", rate(raw_ingest.wall)),
                fmt("%.0f spans/s", rate(raw_ingest.cpu)), "", "", "",
                "batch median " + fmt("%.2f", raw_ingest.wall.median()) + " ms wall, " +
                    fmt("%.2f", raw_ingest.cpu.median()) + " ms CPU"});
    const double wall_ratio = rate(host_ingest.wall) / rate(raw_ingest.wall);
    const double cpu_ratio = rate(host_ingest.cpu) / rate(raw_ingest.cpu);
    report.row({"host / raw", fmt("%.2f", wall_ratio), fmt("%.2f", cpu_ratio), ">= 0.5",
                Report::at_least(wall_ratio, kIngestTargetRatio),
                Report::at_least(cpu_ratio, kIngestTargetRatio),
                "host waited " + fmt("%.0f", host_queue_ms) + " ms for a CPU while ingesting"});

    report.section("summary.get, warm (medians of " + std::to_string(o.repeats) + ")");
    for (int k = 0; k < 3; ++k) {
        const std::string d = std::to_string(kSummaryDays[k]) + " days";
        const Phases& p = phases[k];
        report.timed(d + ", over the pipe", pipe_summary[k], kSummaryTargetMs[k],
                     "wall p90 " + fmt("%.2f", pipe_summary[k].wall.p90()) + " ms; reply " +
                         std::to_string(reply_bytes[k]) + " B");
        report.timed(d + ", in process (Dispatcher::handle)", p.handle, kSummaryTargetMs[k], "");
        report.timed("  store: load_intervals, from the host's memory", p.load, std::nullopt,
                     std::to_string(p.rows) + " rows; load / raw read CPU " +
                         fmt("x%.2f", p.load.cpu.median() / p.raw.cpu.median()));
        report.timed("  store: load_intervals, nothing in memory (SQLite)", p.load_cold,
                     std::nullopt,
                     "a new host's first read; cold / raw read CPU " +
                         fmt("x%.2f", p.load_cold.cpu.median() / p.raw.cpu.median()));
        report.timed("  store: checkins.social_minutes", p.checkins, std::nullopt, "");
        report.timed("  core::summarize", p.summarize, std::nullopt, "");
        report.timed("  protocol: encode the reply", p.encode, std::nullopt, "");
        report.timed("  limit: raw SQLite read of the same rows", p.raw, std::nullopt,
                     "the overlap query, no join, C API");
        report.timed("  prototype: read a daily rollup instead", p.rollup, std::nullopt,
                     std::to_string(p.rollup_rows) + " rows of " +
                         std::to_string(rollup.creator_day_rows()) + " (day x creator) in all");
    }

    report.timed("365 days, right after a 10-span activity.record", after_write_summary,
                 kSummaryTargetMs[2],
                 "the record before it: " + fmt("%.2f", after_write_record.wall.median()) +
                     " ms wall, " + fmt("%.2f", after_write_record.cpu.median()) + " ms CPU");

    report.section("summary.get, cold: a fresh host's first summary (medians of " +
                   std::to_string(o.cold_repeats) + ")");
    for (int k = 0; k < 3; ++k) {
        const std::string d = std::to_string(kSummaryDays[k]) + " days";
        report.timed(d + ", new process, page cache warm", fresh_summary[k], kSummaryTargetMs[k],
                     "first request after hello");
        if (!dropped_summary[k].wall.ms.empty()) {
            report.timed(
                d + ", after drop_caches", dropped_summary[k], kSummaryTargetMs[k],
                "spawn to hello before it: " + fmt("%.1f", dropped_start[k].wall.median()) +
                    " ms wall, " + fmt("%.1f", dropped_start[k].cpu.median()) + " ms CPU");
        }
    }
    if (drop_failure)
        report.row({"after drop_caches", "not measured", "", "", "", "", *drop_failure});

    report.section("Start: spawn to the hello reply (CPU: the host's, exec to reply)");
    report.timed("year's database (median of 10)", year_start, kStartTargetMs,
                 "wall p90 " + fmt("%.2f", year_start.wall.p90()) + " ms");
    report.timed("new data folder: create + migrate (of 5)", first_start, kStartTargetMs, "");
    report.timed("  floor: parasol-host --version, spawn to exit", version_run, std::nullopt,
                 "no database");
    report.timed("  in process: Database::open of the year's file", open_in_process, std::nullopt,
                 "");
    report.timed("  not at open: the full check (quick_check)", quick_check, std::nullopt,
                 "reads every page; runs before each daily backup instead");

    report.section("Memory and disk");
    report.row({"host peak RSS (VmHWM), after year + summaries", fmt("%.2f MiB", hwm_mib), "",
                "< 16 MiB", Report::under(hwm_mib, kRssTargetMiB), "",
                "VmRSS then " + fmt("%.1f", rss_mib) + " MiB; peak after ingest alone " +
                    fmt("%.1f", ingest_hwm_mib) + " MiB"});
    report.row({"  host peak RSS after hello: new folder / year", fmt("%.2f MiB", empty_hwm_mib),
                "", "", "", "", fmt("%.2f", year_start_hwm_mib) + " MiB on the year's file"});
    report.row({"database after the year, closed (db+wal+shm)", fmt("%.2f MiB", db_closed_mib), "",
                "< 25 MiB", Report::under(db_closed_mib, kDiskTargetMiB), "",
                "raw, same rows: " + fmt("%.2f", raw_db_mib) + " MiB (host / raw " +
                    fmt("x%.2f", db_closed_mib / raw_db_mib) + ")"});
    report.row({"  while the host runs: db + wal", fmt("%.2f MiB", db_live_mib + wal_live_mib), "",
                "", "", "",
                "wal " + fmt("%.1f", wal_live_mib) + " MiB; wal peak during ingest " +
                    fmt("%.1f", wal_peak_mib) + " MiB"});
    report.print();
    std::printf("\n  load average: %s (before), %s (after)\n", load_before.c_str(),
                load_after.c_str());

    if (!o.keep) fs::remove_all(work);
    return 0;
}

}  // namespace
}  // namespace parasol::bench

int main(int argc, char** argv) {
    // A host that dies must show as a write error, not kill the benchmark.
    std::signal(SIGPIPE, SIG_IGN);
    parasol::bench::Options o;
    o.plan.last_day = parasol::bench::default_last_day();
    CLI::App app{"End-to-end figures of the real parasol-host over pipes (bench/BENCHMARKS.md)"};
    app.add_option("--mean-span-min", o.plan.mean_span_min, "generator: mean span length")
        ->check(CLI::Range(1, 60));
    app.add_option("--layers", o.plan.layers, "stack this many seeded years (more spans)")
        ->check(CLI::Range(1, 10));
    app.add_option("--batch", o.batch, "spans per activity.record")->check(CLI::Range(1, 1000));
    app.add_option("--repeats", o.repeats, "warm repetitions per figure")
        ->check(CLI::Range(1, 10000));
    app.add_option("--cold-repeats", o.cold_repeats, "fresh hosts per cold figure")
        ->check(CLI::Range(1, 100));
    app.add_option("--host", o.host, "the parasol-host binary");
    app.add_option("--work-dir", o.work_dir, "scratch folder (default: a new one in $TMPDIR)");
    app.add_flag("--keep", o.keep, "keep the scratch folder");
    app.add_flag("!--no-drop-caches", o.drop_caches, "skip the runs after dropping the page cache");
    CLI11_PARSE(app, argc, argv);
    try {
        return parasol::bench::run(o);
    } catch (const std::exception& e) {
        std::cerr << "parasol_pipe_bench: " << e.what() << "\n";
        return 1;
    }
}
