#include "store/nudge_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace parasol::store {
namespace {

using core::nudges::NudgeAction;
using core::nudges::NudgeRecord;
using core::nudges::RuleId;

constexpr const char* kColumns =
    "ext_id, rule, wording, title, message, creator_platform, creator_handle, creator_label, "
    "created_at, delivered_at, dropped_at, response, snooze_min, responded_at, choices";

std::optional<std::int64_t> optional_int64(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional(column.getInt64());
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::int64_t>& value) {
    if (value) {
        s.bind(index, *value);
    } else {
        s.bind(index);
    }
}

StoredNudge read_row(SQLite::Statement& s, bool with_choices) {
    StoredNudge out;
    NudgeRecord& r = out.record;
    r.id = s.getColumn(0).getString();
    const std::string rule = s.getColumn(1).getString();
    r.rule = core::nudges::rule_id_from(rule);
    if (r.rule == RuleId::unknown) {
        throw std::runtime_error("nudges holds an unknown rule \"" + rule + "\" (id " + r.id + ")");
    }
    r.wording = static_cast<std::size_t>(s.getColumn(2).getInt64());
    r.title = s.getColumn(3).getString();
    r.message = s.getColumn(4).getString();
    if (!s.getColumn(5).isNull()) {
        r.creator = core::CreatorKey{s.getColumn(5).getString(), s.getColumn(6).getString()};
        r.creator_label = s.getColumn(7).getString();
    }
    r.created_at = s.getColumn(8).getInt64();
    r.delivered_at = optional_int64(s.getColumn(9));
    r.dropped_at = optional_int64(s.getColumn(10));
    if (!s.getColumn(11).isNull()) {
        const std::string response = s.getColumn(11).getString();
        r.response = core::nudges::nudge_action_from(response);
        if (r.response == NudgeAction::unknown) {
            throw std::runtime_error("nudges holds an unknown response \"" + response + "\" (id " +
                                     r.id + ")");
        }
    }
    if (const auto minutes = optional_int64(s.getColumn(12))) {
        r.snooze_min = static_cast<int>(*minutes);
    }
    r.responded_at = optional_int64(s.getColumn(13));
    if (with_choices) out.choices = s.getColumn(14).getString();
    return out;
}

}  // namespace

std::vector<NudgeRecord> NudgeStore::history() {
    std::vector<NudgeRecord> out;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement s(
            sql, std::string("SELECT ") + kColumns + " FROM nudges ORDER BY created_at, id");
        while (s.executeStep()) out.push_back(read_row(s, false).record);
    });
    return out;
}

std::vector<StoredNudge> NudgeStore::created_between(core::Instant from, core::Instant to) {
    std::vector<StoredNudge> out;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement s(sql, std::string("SELECT ") + kColumns +
                                     " FROM nudges WHERE created_at >= ?1 AND created_at < ?2 "
                                     "ORDER BY created_at, id");
        s.bind(1, from);
        s.bind(2, to);
        while (s.executeStep()) out.push_back(read_row(s, true));
    });
    return out;
}

std::optional<StoredNudge> NudgeStore::find(const std::string& id) {
    std::optional<StoredNudge> out;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement s(sql,
                            std::string("SELECT ") + kColumns + " FROM nudges WHERE ext_id = ?1");
        s.bind(1, id);
        if (s.executeStep()) out = read_row(s, true);
    });
    return out;
}

void NudgeStore::insert(const StoredNudge& nudge) {
    const NudgeRecord& r = nudge.record;
    if (r.rule == RuleId::unknown) throw std::invalid_argument("a nudge needs a rule");
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement s(sql, std::string("INSERT INTO nudges (") + kColumns +
                                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                     "?12, ?13, ?14, ?15)");
        s.bind(1, r.id);
        s.bind(2, core::nudges::to_string(r.rule));
        s.bind(3, static_cast<std::int64_t>(r.wording));
        s.bind(4, r.title);
        s.bind(5, r.message);
        if (r.creator) {
            s.bind(6, r.creator->platform);
            s.bind(7, r.creator->handle);
            s.bind(8, r.creator_label);
        } else {
            s.bind(6);
            s.bind(7);
            s.bind(8);
        }
        s.bind(9, r.created_at);
        bind_optional(s, 10, r.delivered_at);
        bind_optional(s, 11, r.dropped_at);
        if (r.response == NudgeAction::unknown) {
            s.bind(12);
        } else {
            s.bind(12, core::nudges::to_string(r.response));
        }
        if (r.snooze_min) {
            s.bind(13, *r.snooze_min);
        } else {
            s.bind(13);
        }
        bind_optional(s, 14, r.responded_at);
        s.bind(15, nudge.choices);
        s.exec();
    });
}

// A held nudge ends once: handed out or dropped, whichever comes first.
bool NudgeStore::settle_held(const std::string& id, core::Instant at, const char* column) {
    int changed = 0;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement s(sql, std::string("UPDATE nudges SET ") + column +
                                     " = ?2 WHERE ext_id = ?1 AND "
                                     "delivered_at IS NULL AND dropped_at IS NULL");
        s.bind(1, id);
        s.bind(2, at);
        changed = s.exec();
    });
    return changed == 1;
}

bool NudgeStore::mark_delivered(const std::string& id, core::Instant at) {
    return settle_held(id, at, "delivered_at");
}

bool NudgeStore::mark_dropped(const std::string& id, core::Instant at) {
    return settle_held(id, at, "dropped_at");
}

bool NudgeStore::respond(const std::string& id, NudgeAction action, std::optional<int> snooze_min,
                         core::Instant at) {
    if (action == NudgeAction::unknown) throw std::invalid_argument("a response needs an action");
    int changed = 0;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement s(sql,
                            "UPDATE nudges SET response = ?2, snooze_min = ?3, responded_at = ?4 "
                            "WHERE ext_id = ?1 AND delivered_at IS NOT NULL");
        s.bind(1, id);
        s.bind(2, core::nudges::to_string(action));
        if (snooze_min) {
            s.bind(3, *snooze_min);
        } else {
            s.bind(3);
        }
        s.bind(4, at);
        changed = s.exec();
    });
    return changed == 1;
}

}  // namespace parasol::store
