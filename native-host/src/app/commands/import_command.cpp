#include <unistd.h>

#include <fstream>
#include <iostream>

#include "app/cli_runner.hpp"
#include "app/commands/commands.hpp"
#include "protocol/activity_codec.hpp"
#include "protocol/error_code.hpp"
#include "protocol/export_format.hpp"
#include "protocol/json_document.hpp"
#include "protocol/requests.hpp"

namespace parasol::app::commands {

namespace {

struct Parsed {
    std::vector<core::Span> spans;
    std::vector<core::Mark> marks;
    std::vector<core::CreatorRecord> creators;
    std::vector<core::Checkin> checkins;
};

// A bad line: where, and what rule it broke.
struct BadLine : std::runtime_error {
    BadLine(std::size_t line, const std::string& why)
        : std::runtime_error("line " + std::to_string(line) + ": " + why) {}
};

struct IdConflict : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string take_type(nlohmann::json& object, std::size_t line) {
    const auto it = object.find("type");
    if (it == object.end() || !it->is_string()) {
        throw BadLine(line, "type: missing; must be creator, span, mark or checkin");
    }
    std::string type = *it;
    object.erase("type");
    return type;
}

core::CreatorRecord decode_creator_line(const nlohmann::json& object, std::size_t line) {
    protocol::CreatorFollowRequest key;
    nlohmann::json id_part = {{"platform", object.value("platform", nlohmann::json())},
                              {"handle", object.value("handle", nlohmann::json())}};
    try {
        key = protocol::decode_creator_follow(id_part);
    } catch (const protocol::ProtocolError& e) {
        throw BadLine(line, e.what());
    }
    core::CreatorRecord creator;
    creator.key = key.key;
    creator.label = object.value("label", key.key.handle);
    creator.followed = object.value("followed", false);
    if (object.contains("daily_budget_min") && object["daily_budget_min"].is_number_integer()) {
        creator.daily_budget_min = object["daily_budget_min"].get<int>();
    }
    return creator;
}

Parsed parse_file(std::istream& in, core::Instant now) {
    Parsed parsed;
    std::string text;
    std::size_t line = 0;
    const bool progress = ::isatty(STDERR_FILENO) != 0;
    while (std::getline(in, text)) {
        ++line;
        if (text.empty()) continue;
        nlohmann::json object;
        try {
            object = protocol::parse_json_object(text);
        } catch (const protocol::ProtocolError& e) {
            throw BadLine(line, std::string("not a JSON object: ") + e.what());
        }
        if (line == 1) {
            if (object.value("format", "") != protocol::export_format::kFormat) {
                throw BadLine(line, "format: this is not a `parasol export` file");
            }
            if (object.value("version", 0) != protocol::export_format::kVersion) {
                throw BadLine(line, "version: this Parasol reads export version " +
                                        std::to_string(protocol::export_format::kVersion));
            }
            continue;
        }
        const std::string type = take_type(object, line);
        try {
            if (type == "span") {
                parsed.spans.push_back(protocol::decode_span(object, {}, now));
            } else if (type == "mark") {
                parsed.marks.push_back(protocol::decode_mark(object, {}, now));
            } else if (type == "creator") {
                parsed.creators.push_back(decode_creator_line(object, line));
            } else if (type == "checkin") {
                parsed.checkins.push_back(protocol::decode_checkin(object).checkin);
            } else {
                throw BadLine(line, "type: '" + type + "' is not creator, span, mark or checkin");
            }
        } catch (const protocol::ProtocolError& e) {
            // Check-ins are decoded as a request body; their field names are what matter here.
            std::string why = e.what();
            if (why.rfind("body.", 0) == 0) why.erase(0, 5);
            throw BadLine(line, why);
        }
        if (progress && line % 20000 == 0) std::cerr << "\rread " << line << " lines" << std::flush;
    }
    if (line == 0) throw BadLine(1, "the file is empty");
    if (progress && line >= 20000) std::cerr << "\n";
    return parsed;
}

}  // namespace

Action add_import(CLI::App& app, const CliOptions& options) {
    auto file = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand(
        "import", "Merge a `parasol export --format json` file (safe to repeat: merges by id)");
    sub->add_option("FILE", *file, "The export file")->required()->check(CLI::ExistingFile);

    return [file, &options]() {
        std::ifstream in(*file);
        if (!in) {
            std::cerr << "parasol import: can't read " << *file << "\n";
            return static_cast<int>(kExitFailure);
        }
        CliSession session(options);
        service::Deps& deps = session.deps();
        Parsed parsed;
        try {
            parsed = parse_file(in, deps.clock.now_ms());
        } catch (const BadLine& e) {
            std::cerr << "parasol import: " << *file << ": " << e.what()
                      << "\nNothing was imported.\n";
            return static_cast<int>(kExitBadInput);
        }

        store::RecordOutcome total;
        // One transaction: a conflict anywhere leaves the database as it was.
        try {
            deps.db.write([&](SQLite::Database&) {
                constexpr std::size_t kBatch = 1000;
                const std::size_t items = parsed.spans.size() + parsed.marks.size();
                for (std::size_t i = 0; i < items; i += kBatch) {
                    std::vector<core::Span> spans;
                    std::vector<core::Mark> marks;
                    for (std::size_t k = i; k < std::min(items, i + kBatch); ++k) {
                        if (k < parsed.spans.size()) {
                            spans.push_back(parsed.spans[k]);
                        } else {
                            marks.push_back(parsed.marks[k - parsed.spans.size()]);
                        }
                    }
                    const store::RecordOutcome batch = deps.spans.record(spans, marks);
                    if (batch.conflict) {
                        throw IdConflict((batch.conflict->is_mark ? "a mark" : "a span") +
                                         std::string(" in the file has an id already stored with "
                                                     "another ") +
                                         batch.conflict->field);
                    }
                    total.inserted += batch.inserted;
                    total.widened += batch.widened;
                    total.unchanged += batch.unchanged;
                }
                for (const auto& c : parsed.creators) {
                    const auto known = deps.creators.find(c.key);
                    if (c.followed && (!known || !known->followed)) {
                        deps.creators.follow(c.key, c.label, deps.clock.now_ms());
                    }
                    if (c.daily_budget_min && (!known || !known->daily_budget_min)) {
                        deps.creators.update(c.key, std::nullopt, c.daily_budget_min);
                    }
                }
                const auto have = deps.checkins.social_minutes(core::LocalDate::from_days(0),
                                                               core::LocalDate::from_days(200000));
                for (const auto& checkin : parsed.checkins) {
                    if (!have.contains(checkin.date)) deps.checkins.put(checkin);
                }
            });
        } catch (const IdConflict& e) {
            std::cerr << "parasol import: " << *file << ": " << e.what()
                      << "\nNothing was imported.\n";
            return static_cast<int>(kExitBadInput);
        }
        std::cout << "imported " << *file << ": " << total.inserted << " new, " << total.widened
                  << " widened, " << total.unchanged << " unchanged (" << parsed.spans.size()
                  << " spans, " << parsed.marks.size() << " marks, " << parsed.creators.size()
                  << " creators, " << parsed.checkins.size() << " check-ins in the file)\n";
        return static_cast<int>(kExitOk);
    };
}

}  // namespace parasol::app::commands
