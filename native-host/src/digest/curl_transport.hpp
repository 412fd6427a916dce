#pragma once
// The Transport that really sends, through libcurl, with the digest's safety
// rules on every transfer: TLS verification always on (plus a CA file when
// configured), only https, smtp (STARTTLS required) and smtps, plain http
// only to this machine, connect and total timeouts, no redirects followed,
// proxies from the environment as curl reads them. Safe to use from several
// threads, one transfer per call.
#include "digest/transport.hpp"

namespace parasol::digest {

class CurlTransport : public Transport {
public:
    CurlTransport();
    SendResult post(const HttpPost& request, const TransportLimits& limits) override;
    SendResult send_mail(const MailDelivery& mail, const TransportLimits& limits) override;
};

}  // namespace parasol::digest
