// The digest leaving the machine for real: libcurl (digest::CurlTransport)
// against servers on 127.0.0.1 started for each test (tests/digest/
// loopback_servers.py): HTTPS with a certificate from a CA made during the
// test, SMTP with STARTTLS (aiosmtpd). The outbox logic runs with a test
// clock so retries and backoff are exact, never waited for.
#include "service/digest_delivery.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/log_file.hpp"
#include "core/instant.hpp"
#include "digest/curl_transport.hpp"
#include "service/settings_access.hpp"
#include "support/cli_run.hpp"
#include "support/spawn.hpp"
#include "support/temp_dir.hpp"

namespace parasol::test {
namespace {

using nlohmann::json;

const std::string kPython = "/usr/bin/python3";
const std::string kScript = std::string(PARASOL_SOURCE_DIR) + "/tests/digest/loopback_servers.py";
// Monday 2026-11-23 10:00 UTC: the default slot (Monday 09:00) has come for
// the week ending Sunday 2026-11-22.
constexpr core::Instant kMonday = 1795428000000;

class TestClock : public core::Clock {
public:
    core::Instant now = kMonday;
    [[nodiscard]] core::Instant now_ms() const override { return now; }
    [[nodiscard]] int utc_offset_min(core::Instant) const override { return 0; }
};

std::string decode_base64(const std::string& in) {
    static const std::string chars =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int val = 0;
    int bits = -8;
    for (const char c : in) {
        const auto pos = chars.find(c);
        if (pos == std::string::npos) break;
        val = (val << 6) + static_cast<int>(pos);
        bits += 6;
        if (bits >= 0) {
            out.push_back(static_cast<char>((val >> bits) & 0xFF));
            bits -= 8;
        }
    }
    return out;
}

int unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

Environment server_env() {
    return {{"PATH", "/usr/bin:/bin"}, {"LANG", "C.UTF-8"}};
}

// One loopback server process, terminated when it goes out of scope.
class LoopbackServer {
public:
    explicit LoopbackServer(const std::vector<std::string>& args) {
        Pipe out = make_pipe();
        std::vector<std::string> all{kScript};
        all.insert(all.end(), args.begin(), args.end());
        pid_ = spawn(kPython, "python3", all, server_env(), -1, out.write, -1);
        close_fd(out.write);
        std::string line;
        pollfd pfd{out.read, POLLIN, 0};
        while (line.find('\n') == std::string::npos) {
            if (::poll(&pfd, 1, 20000) <= 0) break;
            char chunk[256];
            const ssize_t n = ::read(out.read, chunk, sizeof chunk);
            if (n <= 0) break;
            line.append(chunk, static_cast<std::size_t>(n));
        }
        close_fd(out.read);
        if (line.rfind("READY ", 0) != 0) {
            stop();
            throw std::runtime_error("loopback server did not start: '" + line + "'");
        }
        port_ = std::stoi(line.substr(6));
    }
    ~LoopbackServer() { stop(); }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;
    [[nodiscard]] int port() const { return port_; }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    pid_t pid_ = -1;
    int port_ = 0;
};

std::vector<json> recorded(const std::filesystem::path& file) {
    std::vector<json> entries;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) entries.push_back(json::parse(line));
    }
    return entries;
}

// A data folder with a database, a test CA and the digest's world.
struct World {
    TempDir dir;
    app::LogFile log{std::filesystem::path{}};
    TestClock clock;
    std::unique_ptr<store::Database> db;
    std::optional<service::Deps> deps;
    digest::CurlTransport transport;
    digest::TransportLimits limits{2000, 3000, std::nullopt};

    World() {
        const auto rc =
            run_program(kPython, "python3", {kScript, "certs", dir.path().string()}, server_env());
        REQUIRE(rc.exit_code == 0);
        db = store::Database::open(dir / "parasol.db", log);
        deps.emplace(clock, *db, "test");
        // Something to report: 90 minutes with people in person on Saturday.
        core::Checkin checkin;
        checkin.date = *core::LocalDate::parse("2026-11-21");
        checkin.social_min = 90;
        deps->checkins.put(checkin);
    }
    [[nodiscard]] std::string file(const std::string& name) const { return (dir / name).string(); }

    void web_recipient(const std::string& url) {
        core::Settings s = service::load_settings(*deps);
        s.digest.enabled = true;
        s.digest.recipient.kind = core::DigestKind::webhook;
        s.digest.recipient.url = url;
        s.digest.ca_file = file("ca.pem");
        service::save_settings(*deps, s);
    }
    std::vector<service::DeliveryOutcome> tick() {
        service::queue_due_digest(*deps);
        return service::send_due_digests(*deps, transport, limits);
    }
    store::DigestRow row() { return *deps->digests.find("2026-11-22"); }
    std::vector<std::string> https(const std::string& record, const std::string& mode = "ok",
                                   const std::string& cert = "server") {
        return {"https",
                "--cert",
                file(cert + ".pem"),
                "--key",
                file(cert + ".key"),
                "--record",
                file(record),
                "--mode",
                mode};
    }
};

TEST_CASE("digest: the webhook POST reaches a local HTTPS server, byte for byte the preview") {
    World w;
    LoopbackServer server(w.https("posts.jsonl"));
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    const store::DigestDraft preview =
        service::render_digest_week(*w.deps, service::load_settings(*w.deps),
                                    *core::LocalDate::parse("2026-11-22"), w.clock.now);

    const auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.message == "");
    CHECK(outcomes[0].result.ok());
    CHECK(w.row().state == store::DigestState::sent);

    const auto posts = recorded(w.dir / "posts.jsonl");
    REQUIRE(posts.size() == 1);
    CHECK(posts[0]["path"] == "/hook");
    CHECK(posts[0]["headers"]["content-type"] == "application/json");
    const std::string body = decode_base64(posts[0]["body_base64"]);
    CHECK(body == preview.body);
    const json sent = json::parse(body);
    CHECK(sent["type"] == "parasol.digest");
    CHECK(sent["week"] == json{{"from", "2026-11-16"}, {"to", "2026-11-22"}});
    CHECK(sent["totals"]["social_min"] == 90);
    CHECK(sent["totals"]["creator_s"] == 0);
    CHECK(sent["totals"]["balance"] == 0.0);
    CHECK_FALSE(sent.contains("creators"));  // names only when the user ticks them

    SECTION("never twice for the same week") {
        w.clock.now += core::kMsPerDay;
        CHECK(w.tick().empty());
        const auto again = service::queue_digest_now(*w.deps, std::nullopt);
        CHECK(again.already_sent);
        CHECK(service::send_due_digests(*w.deps, w.transport, w.limits).empty());
        CHECK(recorded(w.dir / "posts.jsonl").size() == 1);
    }
}

TEST_CASE("digest: server down, queued and retried with backoff, sent once when back") {
    World w;
    const int port = unused_port();
    w.web_recipient("https://127.0.0.1:" + std::to_string(port) + "/hook");

    auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.failure == digest::FailureKind::network);
    CHECK(outcomes[0].will_retry);
    CHECK(w.row().state == store::DigestState::queued);
    CHECK(w.row().next_attempt_at == kMonday + core::kMsPerMinute);
    CHECK(w.row().last_error.value_or("").find("will retry") != std::string::npos);

    w.clock.now += 30 * core::kMsPerSecond;  // before the retry is due: nothing
    CHECK(w.tick().empty());

    w.clock.now += 31 * core::kMsPerSecond;  // due, still down: the next wait doubles
    outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(w.row().attempts == 2);
    CHECK(w.row().next_attempt_at == w.clock.now + 2 * core::kMsPerMinute);

    auto args = w.https("posts.jsonl");
    args.insert(args.end(), {"--port", std::to_string(port)});
    LoopbackServer server(args);
    w.clock.now += 2 * core::kMsPerMinute;
    outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.ok());
    w.clock.now += core::kMsPerHour;
    CHECK(w.tick().empty());
    CHECK(recorded(w.dir / "posts.jsonl").size() == 1);
    CHECK(w.row().state == store::DigestState::sent);
    CHECK(w.row().attempts == 3);
}

TEST_CASE("digest: HTTP 500 is retried") {
    World w;
    LoopbackServer server(w.https("posts.jsonl", "500"));
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.failure == digest::FailureKind::server);
    CHECK(outcomes[0].result.message.find("HTTP 500") != std::string::npos);
    CHECK(w.row().state == store::DigestState::queued);
    w.clock.now += core::kMsPerMinute;
    outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(recorded(w.dir / "posts.jsonl").size() == 2);
    CHECK(w.row().next_attempt_at == w.clock.now + 2 * core::kMsPerMinute);
}

TEST_CASE("digest: a certificate from an untrusted CA is refused, reported, not retried") {
    World w;
    LoopbackServer server(w.https("posts.jsonl", "ok", "rogue"));
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    const auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.failure == digest::FailureKind::tls);
    CHECK_FALSE(outcomes[0].will_retry);
    CHECK(w.row().state == store::DigestState::failed);
    CHECK(w.row().last_error.value_or("").find("not trusted") != std::string::npos);
    w.clock.now += core::kMsPerDay;
    CHECK(w.tick().empty());  // waits for the user
    CHECK(recorded(w.dir / "posts.jsonl").empty());
}

TEST_CASE("digest: a slow server times out and is retried") {
    World w;
    w.limits = {1000, 1000, std::nullopt};
    LoopbackServer server(w.https("posts.jsonl", "slow"));
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    const auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.failure == digest::FailureKind::timeout);
    CHECK(outcomes[0].will_retry);
    CHECK(w.row().state == store::DigestState::queued);
}

TEST_CASE("digest: a redirect to another host is refused, not followed") {
    World w;
    LoopbackServer other(w.https("other.jsonl"));
    auto args = w.https("posts.jsonl", "redirect");
    args.insert(args.end(),
                {"--redirect-to", "https://localhost:" + std::to_string(other.port()) + "/hook"});
    LoopbackServer server(args);
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    const auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.failure == digest::FailureKind::redirect);
    CHECK(outcomes[0].result.message.find("https://localhost") != std::string::npos);
    CHECK(w.row().state == store::DigestState::failed);
    CHECK(recorded(w.dir / "other.jsonl").empty());
}

TEST_CASE("digest: plain http to another machine is refused before any connection") {
    digest::CurlTransport transport;
    const auto result =
        transport.post({"http://192.0.2.1/hook", "application/json", "{}", std::nullopt},
                       {1000, 1000, std::nullopt});
    CHECK(result.failure == digest::FailureKind::config);
}

TEST_CASE("digest: the e-mail reaches a local SMTP server over STARTTLS, with login") {
    World w;
    LoopbackServer server({"smtp", "--cert", w.file("server.pem"), "--key", w.file("server.key"),
                           "--record", w.file("mail.jsonl"), "--user", "me", "--password",
                           "s3cret pass"});
    core::Settings s = service::load_settings(*w.deps);
    s.digest.enabled = true;
    s.digest.recipient.kind = core::DigestKind::email;
    s.digest.recipient.host = "127.0.0.1";
    s.digest.recipient.port = server.port();
    s.digest.recipient.security = core::SmtpSecurity::starttls;
    s.digest.recipient.from = "me@example.org";
    s.digest.recipient.to = "friend@example.org";
    s.digest.recipient.username = "me";
    s.digest.ca_file = w.file("ca.pem");
    service::save_settings(*w.deps, s);
    w.deps->secrets.put(service::kDigestPasswordSecret, "s3cret pass");

    const auto outcomes = w.tick();
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].result.message == "");
    const auto mails = recorded(w.dir / "mail.jsonl");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0]["tls"] == true);
    CHECK(mails[0]["login"] == "me");
    CHECK(mails[0]["mail_from"] == "me@example.org");
    CHECK(mails[0]["rcpt_tos"] == json::array({"friend@example.org"}));
    const std::string data = decode_base64(mails[0]["data_base64"]);
    CHECK(data == w.row().draft.body);
    const auto head = data.substr(0, data.find("\r\n\r\n"));
    CHECK(head.find("Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n") != std::string::npos);
    CHECK(head.find("From: me@example.org\r\n") != std::string::npos);
    CHECK(head.find("To: friend@example.org\r\n") != std::string::npos);
    CHECK(head.find("Subject: Parasol weekly digest, 2026-11-16 to 2026-11-22\r\n") !=
          std::string::npos);
    CHECK(head.find("Message-ID: <parasol-digest-2026-11-22-") != std::string::npos);
    CHECK(head.find("Content-Type: text/plain; charset=UTF-8\r\n") != std::string::npos);
    CHECK(data.find("in person 1 h 30") != std::string::npos);

    CHECK(w.row().draft.body.find("s3cret") == std::string::npos);
}

TEST_CASE("digest: parasol digest send from the command line, once per week") {
    World w;
    LoopbackServer server(w.https("posts.jsonl"));
    w.web_recipient("https://127.0.0.1:" + std::to_string(server.port()) + "/hook");
    w.deps.reset();
    w.db.reset();
    const Environment env{{"PATH", "/usr/bin:/bin"},
                          {"TZ", "UTC"},
                          {"HOME", w.dir.path().string()},
                          {"PARASOL_DIGEST_TIMEOUT_MS", "5000"}};
    const std::vector<std::string> base{"--data-dir", w.dir.path().string(), "digest"};
    auto args = base;
    args.push_back("send");
    const auto first = run_cli(args, env);
    CHECK(first.exit_code == 0);
    INFO(first.describe());
    CHECK(first.out.find("sent the digest for the week ending") != std::string::npos);
    const auto second = run_cli(args, env);
    CHECK(second.exit_code == 0);
    CHECK(second.out.find("never sent twice") != std::string::npos);
    args.back() = "history";
    const auto history = run_cli(args, env);
    CHECK(history.out.find("sent") != std::string::npos);
    CHECK(recorded(w.dir / "posts.jsonl").size() == 1);
}

}  // namespace
}  // namespace parasol::test
