#include "core/digest/digest_content.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/digest/json_text.hpp"
#include "core/duration_text.hpp"

namespace parasol::core {

namespace {

std::string balance_number(double balance) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", std::round(balance * 100.0) / 100.0);
    return text;
}

std::string crlf(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 20);
    for (const char c : text) {
        if (c == '\n') out += '\r';
        out += c;
    }
    return out;
}

std::string subject(const DigestContent& c) {
    return "Parasol weekly digest, " + c.from.to_string() + " to " + c.to.to_string();
}

std::string webhook_json(const DigestContent& c) {
    const auto& t = c.totals;
    std::string out = "{\"type\":\"parasol.digest\",\"version\":1,\"week\":{\"from\":" +
                      json_string(c.from.to_string()) + ",\"to\":" + json_string(c.to.to_string()) +
                      "},\"totals\":{" + "\"creator_s\":" + std::to_string(t.creator_s) +
                      ",\"followed_s\":" + std::to_string(t.followed_s) +
                      ",\"connection_s\":" + std::to_string(t.connection_s) +
                      ",\"social_min\":" + std::to_string(t.social_min) +
                      ",\"balance\":" + (t.balance ? balance_number(*t.balance) : "null") + "}";
    if (c.creators) {
        out += ",\"creators\":[";
        for (std::size_t i = 0; i < c.creators->size(); ++i) {
            const auto& line = (*c.creators)[i];
            out += (i ? "," : "") + std::string("{\"platform\":") + json_string(line.platform) +
                   ",\"handle\":" + json_string(line.handle) +
                   ",\"label\":" + json_string(line.label) +
                   ",\"seconds\":" + std::to_string(line.seconds) + "}";
        }
        out += "]";
    }
    out += ",\"text\":" + json_string(digest_text(c)) + "}";
    return out;
}

std::string domain_of(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

std::string mail(const DigestContent& c, const Settings::Digest& d, const MailStamp& stamp) {
    const auto& r = d.recipient;
    std::string head;
    head += "Date: " + rfc5322_date(stamp.at, stamp.utc_offset_min) + "\n";
    head += "From: " + r.from + "\n";
    head += "To: " + r.to + "\n";
    head += "Subject: " + subject(c) + "\n";
    head += "Message-ID: <parasol-digest-" + c.to.to_string() + "-" + std::to_string(stamp.at) +
            "@" + domain_of(r.from) + ">\n";
    head += "MIME-Version: 1.0\n";
    head += "Content-Type: text/plain; charset=UTF-8\n";
    head += "Content-Transfer-Encoding: 8bit\n";
    head += "Auto-Submitted: auto-generated\n";
    return crlf(head + "\n" + digest_text(c));
}

}  // namespace

DigestContent digest_content(const Summary& week, const Settings::Digest& digest) {
    DigestContent c{week.from, week.to, week.totals, std::nullopt};
    if (digest.include_creators) {
        std::vector<DigestCreatorLine> lines;
        for (const auto& s : week.creators) {
            if (lines.size() == kDigestTopCreators) break;
            lines.push_back(
                {s.creator.key.platform, s.creator.key.handle, s.creator.label, s.seconds});
        }
        c.creators = std::move(lines);
    }
    return c;
}

std::string digest_text(const DigestContent& c) {
    const auto& t = c.totals;
    const std::int64_t people_s = t.connection_s + std::int64_t{t.social_min} * 60;
    std::string out = subject(c) + "\n\n";
    out += "Time with creators: " + format_duration(t.creator_s) + "\n";
    out += "  with followed creators: " + format_duration(t.followed_s) + "\n";
    out += "Time with people: " + format_duration(people_s) + " (messages and calls " +
           format_duration(t.connection_s) + ", in person " +
           format_duration(std::int64_t{t.social_min} * 60) + ")\n";
    if (t.balance) {
        out += "Balance: " + balance_number(*t.balance) +
               " hours with creators for each hour with people\n";
    } else {
        out += "Balance: no time with people recorded this week\n";
    }
    if (c.creators) {
        out += "\nTop creators:\n";
        if (c.creators->empty()) out += "  none this week\n";
        for (const auto& line : *c.creators) {
            out += "  " + line.label + " (" + line.platform +
                   "): " + format_duration(line.seconds) + "\n";
        }
    }
    out +=
        "\nSent by Parasol, which keeps its records on its owner's computer. They chose to share "
        "this weekly summary with you.\n";
    return out;
}

DigestPayload render_digest(const DigestContent& content, const Settings::Digest& digest,
                            const MailStamp& stamp) {
    switch (digest.recipient.kind) {
        case DigestKind::webhook:
            return {"application/json", webhook_json(content)};
        case DigestKind::ntfy:
            return {"text/plain; charset=utf-8", digest_text(content)};
        case DigestKind::slack:
            return {"application/json", "{\"text\":" + json_string(digest_text(content)) + "}"};
        case DigestKind::discord:
            return {"application/json", "{\"content\":" + json_string(digest_text(content)) + "}"};
        case DigestKind::email:
            return {"message/rfc822", mail(content, digest, stamp)};
        case DigestKind::unknown:
            break;
    }
    throw std::invalid_argument("render_digest: unknown recipient kind");
}

std::string rfc5322_date(Instant at, int utc_offset_min) {
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const LocalDate day = local_date_of(at, utc_offset_min);
    const Instant into_day = at - local_midnight(day, utc_offset_min);
    const auto seconds = static_cast<int>(into_day / kMsPerSecond);
    const int offset = std::abs(utc_offset_min);
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                  kDays[static_cast<std::size_t>(day.weekday())], day.day,
                  kMonths[static_cast<std::size_t>(day.month - 1)], day.year, seconds / 3600,
                  seconds / 60 % 60, seconds % 60, utc_offset_min < 0 ? '-' : '+', offset / 60,
                  offset % 60);
    return text;
}

}  // namespace parasol::core
