#include "digest/curl_transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/digest/digest_validation.hpp"

namespace parasol::digest {

const char* to_string(FailureKind kind) {
    switch (kind) {
        case FailureKind::none:
            return "none";
        case FailureKind::config:
            return "config";
        case FailureKind::network:
            return "network";
        case FailureKind::timeout:
            return "timeout";
        case FailureKind::tls:
            return "tls";
        case FailureKind::rejected:
            return "rejected";
        case FailureKind::server:
            return "server";
        case FailureKind::redirect:
            return "redirect";
        case FailureKind::auth:
            return "auth";
    }
    return "none";
}

namespace {

constexpr std::size_t kKeptReply = 300;  // of a failed reply, for the message

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using List = std::unique_ptr<curl_slist, ListDeleter>;

void append(List& list, const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) throw std::bad_alloc();
    list.release();
    list.reset(grown);
}

// Options are set through one checked function: an option this libcurl
// refuses (e.g. too old for CURLOPT_PROTOCOLS_STR) must stop the transfer,
// never weaken it silently.
template <class T>
void set(CURL* h, CURLoption option, T value) {
    if (const CURLcode rc = curl_easy_setopt(h, option, value); rc != CURLE_OK) {
        throw std::runtime_error(std::string("libcurl refused an option: ") +
                                 curl_easy_strerror(rc));
    }
}

size_t keep_reply(char* data, size_t size, size_t count, void* user) {
    auto* kept = static_cast<std::string*>(user);
    const size_t bytes = size * count;
    if (kept->size() < kKeptReply) {
        kept->append(data, std::min(bytes, kKeptReply - kept->size()));
    }
    return bytes;
}

struct Upload {
    const std::string* text;
    std::size_t offset = 0;
};

size_t read_upload(char* buffer, size_t size, size_t count, void* user) {
    auto* up = static_cast<Upload*>(user);
    const size_t n = std::min(size * count, up->text->size() - up->offset);
    std::memcpy(buffer, up->text->data() + up->offset, n);
    up->offset += n;
    return n;
}

Easy common_handle(const TransportLimits& limits, char* error_buffer, bool loopback) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    Easy h(curl_easy_init());
    if (!h) throw std::runtime_error("libcurl could not make a transfer handle");
    CURL* c = h.get();
    set(c, CURLOPT_ERRORBUFFER, error_buffer);
    set(c, CURLOPT_NOSIGNAL, 1L);  // timeouts must not raise signals in a threaded host
    set(c, CURLOPT_CONNECTTIMEOUT_MS, limits.connect_timeout_ms);
    set(c, CURLOPT_TIMEOUT_MS, limits.total_timeout_ms);
    set(c, CURLOPT_FOLLOWLOCATION, 0L);
    set(c, CURLOPT_MAXREDIRS, 0L);
    set(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    set(c, CURLOPT_SSL_VERIFYPEER, 1L);
    set(c, CURLOPT_SSL_VERIFYHOST, 2L);
    set(c, CURLOPT_USERAGENT, "Parasol-digest/1");
    if (limits.ca_file) set(c, CURLOPT_CAINFO, limits.ca_file->c_str());
    // Proxies come from the environment as curl reads them (https_proxy,
    // all_proxy, no_proxy); this machine itself is never reached through one.
    if (loopback) set(c, CURLOPT_NOPROXY, "*");
    return h;
}

std::string curl_text(CURLcode rc, const char* error_buffer) {
    return error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(rc);
}

SendResult from_curl(CURLcode rc, const char* error_buffer, const TransportLimits& limits) {
    const std::string detail = curl_text(rc, error_buffer);
    switch (rc) {
        case CURLE_OPERATION_TIMEDOUT:
            return {FailureKind::timeout, "no answer in time (connect limit " +
                                              std::to_string(limits.connect_timeout_ms) +
                                              " ms, total " +
                                              std::to_string(limits.total_timeout_ms) +
                                              " ms): " + detail + "; will retry"};
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT:
        case CURLE_SEND_ERROR:
        case CURLE_RECV_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_SSL_CONNECT_ERROR:
            return {FailureKind::network, "could not reach the server: " + detail + "; will retry"};
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
            return {FailureKind::tls,
                    "the server's certificate is not trusted: " + detail +
                        ". Nothing was sent. For a server of your own, set the digest's CA file "
                        "to the certificate authority that signed it"};
        case CURLE_USE_SSL_FAILED:
            return {FailureKind::tls,
                    "the mail server does not offer STARTTLS, and Parasol never sends in the "
                    "clear: " +
                        detail};
        case CURLE_LOGIN_DENIED:
        case CURLE_AUTH_ERROR:
            return {FailureKind::auth, "the server refused the login: " + detail +
                                           ". Check the user name and set the password again"};
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
            return {FailureKind::config, "the address can't be used: " + detail};
        case CURLE_TOO_MANY_REDIRECTS:
            return {FailureKind::redirect, "the server redirected; redirects are not followed"};
        default:
            return {FailureKind::rejected, "sending failed: " + detail};
    }
}

std::string brief_reply(const std::string& reply) {
    std::string text;
    for (const char c : reply) {
        text += (static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
    }
    return text.empty() ? "" : " (" + text + ")";
}

}  // namespace

CurlTransport::CurlTransport() = default;

SendResult CurlTransport::post(const HttpPost& request, const TransportLimits& limits) {
    const auto url = core::parse_web_url(request.url);
    if (!url) return {FailureKind::config, "the digest's address is not an http(s) URL"};
    const bool loopback = core::is_loopback_host(url->host);
    if (url->scheme == "http" && !loopback) {
        return {FailureKind::config, "plain http:// is allowed only to this machine; use https://"};
    }
    char error_buffer[CURL_ERROR_SIZE] = {};
    Easy h = common_handle(limits, error_buffer, loopback);
    CURL* c = h.get();
    set(c, CURLOPT_PROTOCOLS_STR, url->scheme == "http" ? "http" : "https");
    set(c, CURLOPT_URL, request.url.c_str());
    set(c, CURLOPT_POST, 1L);
    set(c, CURLOPT_POSTFIELDS, request.body.data());
    set(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    List headers;
    append(headers, "Content-Type: " + request.content_type);
    append(headers, "Expect:");  // no 100-continue round trip
    if (request.bearer_token) append(headers, "Authorization: Bearer " + *request.bearer_token);
    set(c, CURLOPT_HTTPHEADER, headers.get());
    std::string reply;
    set(c, CURLOPT_WRITEFUNCTION, keep_reply);
    set(c, CURLOPT_WRITEDATA, &reply);

    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) return from_curl(rc, error_buffer, limits);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    const std::string code = "HTTP " + std::to_string(status);
    if (status >= 200 && status < 300) return {};
    if (status >= 300 && status < 400) {
        char* location = nullptr;
        curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
        std::string where = "another address";
        if (location != nullptr) {
            const auto parts = core::parse_web_url(location);
            where = parts ? parts->scheme + "://" + parts->host : "an address Parasol can't use";
        }
        return {FailureKind::redirect, "the server answered " + code + ", a redirect to " + where +
                                           "; redirects are not followed, so nothing was "
                                           "delivered. Set the final address in the digest "
                                           "set-up"};
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
        return {FailureKind::server,
                "the server answered " + code + brief_reply(reply) + "; will retry"};
    }
    return {FailureKind::rejected, "the server refused the digest: " + code + brief_reply(reply)};
}

SendResult CurlTransport::send_mail(const MailDelivery& mail, const TransportLimits& limits) {
    if (mail.security != core::SmtpSecurity::starttls &&
        mail.security != core::SmtpSecurity::smtps) {
        return {FailureKind::config, "the mail server's security must be starttls or smtps"};
    }
    const bool smtps = mail.security == core::SmtpSecurity::smtps;
    const std::string scheme = smtps ? "smtps" : "smtp";
    const std::string host =
        mail.host.find(':') != std::string::npos ? "[" + mail.host + "]" : mail.host;
    const std::string url = scheme + "://" + host + ":" + std::to_string(mail.port);

    char error_buffer[CURL_ERROR_SIZE] = {};
    Easy h = common_handle(limits, error_buffer, core::is_loopback_host(mail.host));
    CURL* c = h.get();
    set(c, CURLOPT_PROTOCOLS_STR, scheme.c_str());
    set(c, CURLOPT_URL, url.c_str());
    set(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    const std::string from = "<" + mail.from + ">";
    set(c, CURLOPT_MAIL_FROM, from.c_str());
    List recipients;
    append(recipients, "<" + mail.to + ">");
    set(c, CURLOPT_MAIL_RCPT, recipients.get());
    if (!mail.username.empty()) {
        set(c, CURLOPT_USERNAME, mail.username.c_str());
        set(c, CURLOPT_PASSWORD, mail.password.c_str());
    }
    Upload upload{&mail.message};
    set(c, CURLOPT_UPLOAD, 1L);
    set(c, CURLOPT_READFUNCTION, read_upload);
    set(c, CURLOPT_READDATA, &upload);
    set(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(mail.message.size()));

    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return {};
    SendResult result = from_curl(rc, error_buffer, limits);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    // SMTP 4xx is "try again later"; 5xx a refusal.
    if (result.failure == FailureKind::rejected && status >= 400 && status < 500) {
        result.failure = FailureKind::server;
        result.message += "; will retry";
    }
    return result;
}

}  // namespace parasol::digest
