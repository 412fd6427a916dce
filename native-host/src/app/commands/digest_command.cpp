#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "app/digest_limits.hpp"
#include "core/digest/digest_content.hpp"
#include "core/digest/digest_schedule.hpp"
#include "digest/curl_transport.hpp"
#include "service/digest_delivery.hpp"
#include "service/settings_access.hpp"

namespace parasol::app::commands {

namespace {

std::optional<core::LocalDate> parse_week(const std::optional<std::string>& text, bool& bad) {
    bad = false;
    if (!text) return std::nullopt;
    auto date = core::LocalDate::parse(*text);
    bad = !date;
    return date;
}

int report(const std::vector<service::DeliveryOutcome>& outcomes) {
    int rc = kExitOk;
    for (const auto& o : outcomes) {
        if (o.result.ok()) {
            std::cout << "sent the digest for the week ending " << o.week << "\n";
        } else {
            std::cerr << "parasol digest: the week ending " << o.week
                      << " was not sent: " << o.result.message << "\n";
            if (o.will_retry) std::cerr << "  it stays queued and is retried automatically\n";
            rc = kExitFailure;
        }
    }
    return rc;
}

std::string instant_text(const service::Deps& deps, core::Instant at) {
    return core::rfc5322_date(at, deps.clock.utc_offset_min(at));
}

}  // namespace

Action add_digest(CLI::App& app, const CliOptions& options) {
    struct Args {
        std::optional<std::string> week;
        bool if_due = false;
        std::size_t limit = 10;
    };
    auto args = std::make_shared<Args>();
    CLI::App* sub = app.add_subcommand(
        "digest", "The weekly digest for a trusted friend: preview it, send it, see its history");
    sub->require_subcommand(1);
    CLI::App* preview = sub->add_subcommand(
        "preview", "Print exactly what would be sent (the body, byte for byte) on stdout");
    preview->add_option("--week", args->week,
                        "The week ending on this date, YYYY-MM-DD (default: the latest week due)");
    CLI::App* send =
        sub->add_subcommand("send", "Queue the latest week's digest and send what is queued");
    send->add_option("--week", args->week, "Send the week ending on this date, YYYY-MM-DD");
    send->add_flag("--if-due", args->if_due,
                   "Only what is due: this week's digest once its day and hour have come, and "
                   "retries whose time has come (for the systemd timer)");
    CLI::App* history = sub->add_subcommand("history", "The digests queued and sent, newest first");
    history->add_option("--limit", args->limit, "How many weeks (1-100)")
        ->check(CLI::Range(1, 100));
    sub->footer("Exit codes: 0 done (or nothing due), 1 a digest was not sent or storage failed.");

    return [args, &options, preview, send, history]() {
        bool bad_week = false;
        const auto week = parse_week(args->week, bad_week);
        if (bad_week) {
            std::cerr << "parasol digest: --week: '" << *args->week
                      << "' is not a date of the form YYYY-MM-DD\n";
            return static_cast<int>(kExitUsage);
        }
        CliSession session(options);
        service::Deps& deps = session.deps();
        const core::Settings settings = service::load_settings(deps);

        if (preview->parsed()) {
            const core::LocalDate end =
                week.value_or(service::current_digest_slot(deps, settings).week_end);
            const auto row = deps.digests.find(end.to_string());
            const store::DigestDraft draft =
                row ? row->draft
                    : service::render_digest_week(deps, settings, end, deps.clock.now_ms());
            std::cerr << "digest for the week ending " << draft.week << " ("
                      << (row ? store::to_string(row->state) : "not queued") << "), " << draft.kind
                      << " to " << (draft.target.empty() ? "(not set)" : draft.target) << ", "
                      << draft.content_type << ", " << draft.body.size() << " bytes:\n";
            std::cout << draft.body;
            return static_cast<int>(kExitOk);
        }
        if (send->parsed()) {
            if (!settings.digest.enabled) {
                if (args->if_due) return static_cast<int>(kExitOk);
                std::cerr << "parasol digest: the digest is off; set it up and turn it on in the "
                             "extension's options page\n";
                return static_cast<int>(kExitFailure);
            }
            if (args->if_due) {
                service::queue_due_digest(deps);
            } else {
                const auto queued = service::queue_digest_now(deps, week);
                if (queued.already_sent) {
                    std::cout << "the digest for the week ending " << queued.week
                              << " was sent already; it is never sent twice\n";
                    return static_cast<int>(kExitOk);
                }
            }
            digest::CurlTransport transport;
            return report(
                service::send_due_digests(deps, transport, digest_limits_from_environment()));
        }
        (void)history;
        const auto rows = deps.digests.history(args->limit);
        if (rows.empty()) std::cout << "no digest queued or sent yet\n";
        for (const auto& row : rows) {
            std::cout << row.draft.week << "  " << store::to_string(row.state) << "  "
                      << row.draft.kind << " to " << row.draft.target;
            if (row.sent_at) std::cout << ", sent " << instant_text(deps, *row.sent_at);
            if (row.attempts > 1 || row.last_error) std::cout << ", " << row.attempts << " tries";
            std::cout << "\n";
            if (row.state != store::DigestState::sent && row.last_error) {
                std::cout << "    last error: " << *row.last_error << "\n";
            }
            if (row.state == store::DigestState::queued && row.next_attempt_at) {
                std::cout << "    next try: " << instant_text(deps, *row.next_attempt_at) << "\n";
            }
        }
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
