#include "app/host_runner.hpp"

#include <unistd.h>

#include <csignal>
#include <cstring>
#include <iostream>
#include <variant>

#include "app/data_dir.hpp"
#include "app/digest_limits.hpp"
#include "app/digest_worker.hpp"
#include "app/log_file.hpp"
#include "app/system_clock.hpp"
#include "app/version.hpp"
#include "protocol/envelope.hpp"
#include "protocol/fd_stream.hpp"
#include "protocol/frame_reader.hpp"
#include "service/dispatcher.hpp"
#include "store/backup.hpp"

namespace parasol::app {

namespace {

constexpr int kBackupsKept = 7;

void print_help() {
    std::cout << "parasol-host " << kVersion << "\n\n"
              << "The native messaging host of the Parasol browser extension. Browsers start it;\n"
              << "it reads length-prefixed JSON requests on stdin and answers on stdout.\n"
              << "Use the `parasol` command for reports, export, import, install and doctor.\n\n"
              << "Options:\n"
              << "  --help       this text\n"
              << "  --version    print the version\n\n"
              << "Environment:\n"
              << "  PARASOL_DATA_DIR   data folder (default $XDG_DATA_HOME/parasol or\n"
              << "                     ~/.local/share/parasol)\n";
}

// Answers every request with `unavailable` when the database can't be opened
// at all, so the extension keeps its outbox and shows why, instead of seeing
// a host that crashed.
std::string unavailable_reply(std::string_view payload, const std::string& why) {
    std::optional<std::string> id;
    try {
        protocol::decode_envelope(payload, id);
    } catch (const protocol::ProtocolError&) {
        // The id, if readable, is all we need here.
    }
    return protocol::encode_error(id, protocol::ErrorCode::unavailable,
                                  "storage can't be opened: " + why, std::nullopt);
}

class Host {
public:
    Host(LogFile& log, std::unique_ptr<store::Database> db, std::string open_error)
        : log_(log), db_(std::move(db)), open_error_(std::move(open_error)) {
        if (db_) {
            deps_.emplace(clock_, *db_, kVersion);
            dispatcher_.emplace(*deps_, log_);
            if (db_->file() != ":memory:") {
                digest_worker_.emplace(db_->file(), log_, digest_limits_from_environment());
                deps_->digest_wake = [this] { digest_worker_->wake_now(); };
            }
        }
    }

    int serve() {
        protocol::FdByteSource in(STDIN_FILENO);
        protocol::FdByteSink out(STDOUT_FILENO);
        protocol::FrameReader reader(in);
        for (;;) {
            const protocol::ReadResult next = reader.next();
            if (const auto* frame = std::get_if<protocol::Frame>(&next)) {
                protocol::write_frame(out, answer(frame->payload));
                backup_if_new_day();
                if (digest_worker_) digest_worker_->poke();
            } else if (const auto* big = std::get_if<protocol::FrameTooLarge>(&next)) {
                log_.warn("dropped a frame of " + std::to_string(big->length) + " bytes");
                protocol::write_frame(
                    out, protocol::encode_error(
                             std::nullopt, protocol::ErrorCode::too_large,
                             "frame of " + std::to_string(big->length) +
                                 " bytes is over the 8388608-byte limit; it was dropped",
                             std::nullopt));
            } else if (const auto* bad = std::get_if<protocol::FrameImpossible>(&next)) {
                log_.error("impossible frame length " + std::to_string(bad->length) +
                           "; the stream can't be trusted, exiting");
                protocol::write_frame(
                    out, protocol::encode_error(
                             std::nullopt, protocol::ErrorCode::bad_frame,
                             "frame length " + std::to_string(bad->length) +
                                 " is over 67108864 bytes; the host is closing the stream",
                             std::nullopt));
                return 2;
            } else {
                const auto& eof = std::get<protocol::EndOfStream>(next);
                if (eof.partial_bytes > 0) {
                    log_.warn("stdin closed inside a frame; dropped " +
                              std::to_string(eof.partial_bytes) + " bytes");
                }
                return 0;
            }
        }
    }

private:
    std::string answer(const std::string& payload) {
        if (!dispatcher_) return unavailable_reply(payload, open_error_);
        return dispatcher_->handle(payload);
    }

    // Runs after a reply is written, so it never delays an answer; at most
    // one copy a local day.
    void backup_if_new_day() {
        if (!db_) return;
        const core::Instant now = clock_.now_ms();
        const std::string day = core::local_date_of(now, clock_.utc_offset_min(now)).to_string();
        if (day == last_backup_check_) return;
        last_backup_check_ = day;
        try {
            store::backup_if_due(*db_, day, kBackupsKept, log_);
        } catch (const std::exception& e) {
            log_.error(std::string("daily backup failed: ") + e.what());
        }
    }

    LogFile& log_;
    SystemClock clock_;
    std::unique_ptr<store::Database> db_;
    std::string open_error_;
    std::optional<service::Deps> deps_;
    std::optional<service::Dispatcher> dispatcher_;
    // Declared last so it stops (and finishes a send in flight) first.
    std::optional<DigestWorker> digest_worker_;
    std::string last_backup_check_;
};

}  // namespace

int run_host(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::cout << "parasol-host " << kVersion << "\n";
        return 0;
    }
    if (argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        print_help();
        return 0;
    }
    // A closed stdout must surface as a write error, not kill us mid-commit.
    std::signal(SIGPIPE, SIG_IGN);

    std::filesystem::path dir;
    std::unique_ptr<LogFile> log;
    std::unique_ptr<store::Database> db;
    std::string open_error;
    try {
        dir = resolve_data_dir(std::nullopt);
        ensure_data_dir(dir);
        log = std::make_unique<LogFile>(dir / "parasol-host.log");
        log->info(std::string("started by ") + (argc > 1 ? argv[argc - 1] : "(no caller)"));
        db = store::Database::open(database_file(dir), *log);
    } catch (const std::exception& e) {
        open_error = e.what();
        if (!log) log = std::make_unique<LogFile>(std::filesystem::path{});
        log->error("can't open the database: " + open_error);
    }
    try {
        return Host(*log, std::move(db), open_error).serve();
    } catch (const std::exception& e) {
        log->error(std::string("stopping: ") + e.what());
        return 1;
    }
}

}  // namespace parasol::app
