// Arbitrary bytes as the host's stdin, answered by the real dispatcher over a
// fresh in-memory database and a fixed clock: framing, the envelope, every
// handler and the store behind it. Each input starts from an empty database so
// a crash file replays on its own. Findings (abort, so libFuzzer keeps the
// input): a reply that is not JSON, passes the 1 MiB cap, loses a readable id,
// says `internal` (the host's word for "a bug") or writes a malformed date; an
// error reply after which the database differs (a request is all or nothing);
// an idempotent request that, sent again, is answered or stored differently.
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "chunked_source.hpp"
#include "protocol/frame_reader.hpp"
#include "service/deps.hpp"
#include "service/dispatcher.hpp"
#include "store/database.hpp"

namespace {

using namespace parasol;
using nlohmann::json;

// 2026-11-15 (the schema examples' week), one hour east of UTC: spans dated
// in the examples are in the past, as the host requires.
class FixedClock : public core::Clock {
public:
    [[nodiscard]] core::Instant now_ms() const override { return 1'795'000'000'000; }
    [[nodiscard]] int utc_offset_min(core::Instant /*at*/) const override { return 60; }
};

// Store notes are expected (e.g. nothing to migrate); dispatcher errors are
// printed so a crash report says what the host would have logged.
class Log : public store::StoreLog, public service::ErrorLog {
public:
    void info(const std::string& /*line*/) override {}
    void warn(const std::string& /*line*/) override {}
    void error(const std::string& line) override {
        std::fprintf(stderr, "host log: %s\n", line.c_str());
    }
};

[[noreturn]] void finding(const char* what, std::string_view payload, const std::string& reply) {
    std::fprintf(stderr, "fuzz_dispatch: %s\n  request: %.*s\n  reply: %s\n", what,
                 static_cast<int>(std::min<std::size_t>(payload.size(), 2000)), payload.data(),
                 reply.substr(0, 2000).c_str());
    std::abort();
}

// What the harness reads of a request, independently of the host's decoder.
struct Request {
    std::optional<std::string> id;  // the id the host must echo: a well-formed one, else null
    std::string type;
};

Request request_of(std::string_view payload) {
    Request request;
    const json document = json::parse(payload.begin(), payload.end(), nullptr, false);
    if (!document.is_object()) return request;
    if (const auto type = document.find("type"); type != document.end() && type->is_string()) {
        request.type = type->get<std::string>();
    }
    const auto id = document.find("id");
    if (id == document.end() || !id->is_string()) return request;
    const auto& text = id->get_ref<const std::string&>();
    const bool well_formed =
        !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return std::isalnum(u) != 0 || std::string_view("._:-").find(c) != std::string::npos;
        });
    if (well_formed) request.id = text;
    return request;
}

// Every row of every table, as text: "a request is all or nothing" and
// "a resend changes nothing" are checked by comparing two of these.
std::string snapshot(SQLite::Database& sql) {
    std::string out;
    SQLite::Statement tables(sql,
                             "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    while (tables.executeStep()) {
        const std::string name = tables.getColumn(0).getString();
        out += name + ":\n";
        const std::string select = "SELECT * FROM \"" + name + "\"";
        // Ordered by every column, so a row deleted and put back reads the same.
        std::string order = " ORDER BY 1";
        const int columns = SQLite::Statement(sql, select).getColumnCount();
        for (int i = 2; i <= columns; ++i) order += ", " + std::to_string(i);
        SQLite::Statement rows(sql, select + order);
        while (rows.executeStep()) {
            for (int i = 0; i < rows.getColumnCount(); ++i) {
                const SQLite::Column column = rows.getColumn(i);
                out += column.isNull() ? std::string("NULL") : "'" + column.getString() + "'";
                out += i + 1 < rows.getColumnCount() ? '|' : '\n';
            }
        }
    }
    return out;
}

// Types whose exact resend must answer the same and change nothing (PROTOCOL.md:
// span and mark ids, follow, one check-in a date, a merged settings document).
bool idempotent(std::string_view type) {
    return type == "activity.record" || type == "creators.follow" || type == "checkin.record" ||
           type == "settings.set" || type == "data.erase";
}

// Dates in replies are "YYYY-MM-DD" (defs.schema.json LocalDate), whatever the request asked.
// (A digest recipient's "from" and "to" are e-mail addresses, not dates.)
bool dates_well_formed(const json& value) {
    if (value.is_array()) {
        return std::all_of(value.begin(), value.end(), dates_well_formed);
    }
    if (!value.is_object()) return true;
    for (const auto& item : value.items()) {
        if (item.key() == "recipient") continue;
        if (!dates_well_formed(item.value())) return false;
        const bool is_date = item.key() == "date" || item.key() == "from" || item.key() == "to";
        if (!is_date || !item.value().is_string()) continue;
        const auto& text = item.value().get_ref<const std::string&>();
        const auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
        if (text.size() != 10 || text[4] != '-' || text[7] != '-' ||
            !std::all_of(text.begin(), text.begin() + 4, digit)) {
            return false;
        }
    }
    return true;
}

// Returns whether the reply is ok.
bool check_reply(std::string_view payload, const Request& request, const std::string& reply) {
    if (reply.size() > protocol::kMaxReply) finding("reply over 1 MiB", payload, reply);
    const json parsed = json::parse(reply, nullptr, false);
    if (!parsed.is_object()) finding("reply is not a JSON object", payload, reply);
    const auto ok = parsed.find("ok");
    if (ok == parsed.end() || !ok->is_boolean()) finding("reply without ok", payload, reply);
    std::string code;
    if (ok->get<bool>()) {
        const auto body = parsed.find("body");
        if (body == parsed.end() || !body->is_object()) {
            finding("ok reply without a body object", payload, reply);
        }
        if (!dates_well_formed(*body)) finding("a date is not YYYY-MM-DD", payload, reply);
    } else {
        const auto error = parsed.find("error");
        if (error == parsed.end() || !error->is_object() || !error->contains("code") ||
            !(*error)["code"].is_string() || !error->contains("message") ||
            !(*error)["message"].is_string()) {
            finding("error reply without code and message", payload, reply);
        }
        code = (*error)["code"].get<std::string>();
        if (code == "internal") finding("internal error", payload, reply);
    }
    // A payload that is not JSON has no readable id, whatever it looks like.
    const std::optional<std::string>& id = code == "bad_json" ? std::nullopt : request.id;
    const auto echoed = parsed.find("id");
    if (echoed == parsed.end()) finding("reply without id", payload, reply);
    if (id ? *echoed != json(*id) : !echoed->is_null()) finding("id not echoed", payload, reply);
    return code.empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static FixedClock clock;
    static Log log;
    const std::unique_ptr<store::Database> db = store::Database::open(":memory:", log);
    service::Deps deps(clock, *db, "0.0.0-fuzz");
    service::Dispatcher dispatcher(deps, log);

    // PARASOL_FUZZ_ECHO=1 prints each exchange, to read what a crash file does.
    static const bool echo = std::getenv("PARASOL_FUZZ_ECHO") != nullptr;
    fuzz::ChunkedSource source(std::string_view(reinterpret_cast<const char*>(data), size));
    protocol::FrameReader reader(source);
    for (;;) {
        const protocol::ReadResult result = reader.next();
        if (std::holds_alternative<protocol::FrameTooLarge>(result)) continue;  // host goes on
        const auto* frame = std::get_if<protocol::Frame>(&result);
        if (frame == nullptr) break;  // impossible length or end: the host stops
        const std::string& payload = frame->payload;
        const Request request = request_of(payload);
        const std::string before = snapshot(db->sql());
        const std::string reply = dispatcher.handle(payload);
        if (echo) std::fprintf(stderr, "> %s\n< %s\n", payload.c_str(), reply.c_str());
        if (!check_reply(payload, request, reply)) {
            if (snapshot(db->sql()) != before)
                finding("an error reply changed the database", payload, reply);
        } else if (idempotent(request.type)) {
            const std::string after = snapshot(db->sql());
            const std::string again = dispatcher.handle(payload);
            if (again != reply) finding("a resend was answered differently", payload, again);
            if (snapshot(db->sql()) != after)
                finding("a resend changed the database", payload, reply);
        }
    }
    return 0;
}
