#pragma once
// How a digest leaves the machine: one HTTP POST or one SMTP message, with
// the outcome as a value. The only implementation that touches the network
// is CurlTransport; tests of the sending logic use a fake.
#include <optional>
#include <string>

#include "core/settings.hpp"

namespace parasol::digest {

enum class FailureKind {
    none,
    config,    // the set-up can't work as given (a bad URL, http to another machine)
    network,   // couldn't connect, or the connection broke: retried
    timeout,   // no answer in time: retried
    tls,       // certificate not trusted, TLS refused: not retried until the user acts
    rejected,  // the server said no (HTTP 4xx, SMTP refused the address): not retried
    server,    // the server failed (HTTP 5xx, 429): retried
    redirect,  // the server answered with a redirect: refused, not followed
    auth,      // login refused: not retried until the user acts
};
const char* to_string(FailureKind kind);

struct SendResult {
    FailureKind failure = FailureKind::none;
    std::string message;  // for a person; never holds a credential
    [[nodiscard]] bool ok() const { return failure == FailureKind::none; }
    // Worth trying again later without the user changing anything.
    [[nodiscard]] bool retryable() const {
        return failure == FailureKind::network || failure == FailureKind::timeout ||
               failure == FailureKind::server;
    }
};

struct TransportLimits {
    long connect_timeout_ms = 10'000;
    long total_timeout_ms = 30'000;
    std::optional<std::string> ca_file;  // added trust for self-hosted servers
};

struct HttpPost {
    std::string url;
    std::string content_type;
    std::string body;
    std::optional<std::string> bearer_token;  // "Authorization: Bearer ..."
};

struct MailDelivery {
    std::string host;
    int port = 587;
    core::SmtpSecurity security = core::SmtpSecurity::starttls;
    std::string from;
    std::string to;
    std::string username;  // empty: no login
    std::string password;
    std::string message;  // RFC 5322, CRLF line ends
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual SendResult post(const HttpPost& request, const TransportLimits& limits) = 0;
    virtual SendResult send_mail(const MailDelivery& mail, const TransportLimits& limits) = 0;
};

}  // namespace parasol::digest
