#include "store/digest_outbox.hpp"

#include <SQLiteCpp/Statement.h>

#include <functional>
#include <stdexcept>
#include <type_traits>

namespace parasol::store {

namespace {

constexpr const char* kColumns =
    "id, week, kind, target, content_type, body, created_at, state, attempts, next_attempt_at, "
    "sent_at, last_error";

DigestState state_from(const std::string& name) {
    if (name == "queued") return DigestState::queued;
    if (name == "sending") return DigestState::sending;
    if (name == "sent") return DigestState::sent;
    if (name == "failed") return DigestState::failed;
    throw std::runtime_error("digests: unknown state '" + name + "'");
}

template <class T>
std::optional<T> nullable(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    if constexpr (std::is_same_v<T, std::string>) {
        return column.getString();
    } else {
        return static_cast<T>(column.getInt64());
    }
}

DigestRow read_row(SQLite::Statement& q) {
    DigestRow row;
    row.id = q.getColumn(0).getInt64();
    row.draft = {q.getColumn(1).getString(), q.getColumn(2).getString(), q.getColumn(3).getString(),
                 q.getColumn(4).getString(), q.getColumn(5).getString()};
    row.created_at = q.getColumn(6).getInt64();
    row.state = state_from(q.getColumn(7).getString());
    row.attempts = q.getColumn(8).getInt();
    row.next_attempt_at = nullable<core::Instant>(q.getColumn(9));
    row.sent_at = nullable<core::Instant>(q.getColumn(10));
    row.last_error = nullable<std::string>(q.getColumn(11));
    return row;
}

std::optional<DigestRow> select_one(SQLite::Database& sql, const std::string& where,
                                    const std::function<void(SQLite::Statement&)>& bind) {
    SQLite::Statement q(sql, std::string("SELECT ") + kColumns + " FROM digests WHERE " + where);
    bind(q);
    if (!q.executeStep()) return std::nullopt;
    return read_row(q);
}

// What a draft says about where and what it sends, bound as ?2..?5 (kind,
// target, content_type, body) in every statement that writes a draft.
void bind_content(SQLite::Statement& q, const DigestDraft& draft) {
    q.bind(2, draft.kind);
    q.bind(3, draft.target);
    q.bind(4, draft.content_type);
    q.bind(5, draft.body);
}

}  // namespace

const char* to_string(DigestState state) {
    switch (state) {
        case DigestState::queued:
            return "queued";
        case DigestState::sending:
            return "sending";
        case DigestState::sent:
            return "sent";
        case DigestState::failed:
            return "failed";
    }
    return "queued";
}

bool DigestOutbox::enqueue(const DigestDraft& draft, core::Instant now) {
    bool inserted = false;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement insert(
            sql,
            "INSERT INTO digests (week, kind, target, content_type, body, created_at, state, "
            "next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', ?6) "
            "ON CONFLICT (week) DO NOTHING");
        insert.bind(1, draft.week);
        bind_content(insert, draft);
        insert.bind(6, static_cast<std::int64_t>(now));
        inserted = insert.exec() == 1;
    });
    return inserted;
}

std::optional<DigestRow> DigestOutbox::find(const std::string& week) {
    std::optional<DigestRow> row;
    db_.read([&](SQLite::Database& sql) {
        row = select_one(sql, "week = ?1", [&](SQLite::Statement& q) { q.bind(1, week); });
    });
    return row;
}

std::optional<DigestRow> DigestOutbox::claim_due(core::Instant now, core::Instant lease_ms) {
    std::optional<DigestRow> row;
    db_.write([&](SQLite::Database& sql) {
        row = select_one(sql,
                         "state IN ('queued', 'sending') AND next_attempt_at <= ?1 "
                         "ORDER BY next_attempt_at, id LIMIT 1",
                         [&](SQLite::Statement& q) { q.bind(1, static_cast<std::int64_t>(now)); });
        if (!row) return;
        SQLite::Statement claim(sql,
                                "UPDATE digests SET state = 'sending', attempts = attempts + 1, "
                                "next_attempt_at = ?2 WHERE id = ?1");
        claim.bind(1, static_cast<std::int64_t>(row->id));
        claim.bind(2, static_cast<std::int64_t>(now + lease_ms));
        claim.exec();
        row->state = DigestState::sending;
        row->attempts += 1;
        row->next_attempt_at = now + lease_ms;
    });
    return row;
}

void DigestOutbox::mark_sent(std::int64_t id, core::Instant at) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql,
                            "UPDATE digests SET state = 'sent', sent_at = ?2, next_attempt_at = "
                            "NULL, last_error = NULL WHERE id = ?1");
        q.bind(1, static_cast<std::int64_t>(id));
        q.bind(2, static_cast<std::int64_t>(at));
        q.exec();
    });
}

void DigestOutbox::mark_retry(std::int64_t id, core::Instant next_attempt_at,
                              const std::string& error) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql,
                            "UPDATE digests SET state = 'queued', next_attempt_at = ?2, "
                            "last_error = ?3 WHERE id = ?1 AND state <> 'sent'");
        q.bind(1, static_cast<std::int64_t>(id));
        q.bind(2, static_cast<std::int64_t>(next_attempt_at));
        q.bind(3, error);
        q.exec();
    });
}

void DigestOutbox::mark_failed(std::int64_t id, const std::string& error) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql,
                            "UPDATE digests SET state = 'failed', next_attempt_at = NULL, "
                            "last_error = ?2 WHERE id = ?1 AND state <> 'sent'");
        q.bind(1, static_cast<std::int64_t>(id));
        q.bind(2, error);
        q.exec();
    });
}

bool DigestOutbox::requeue(const DigestDraft& draft, core::Instant now) {
    bool changed = false;
    db_.write([&](SQLite::Database& sql) {
        // A row being sent right now keeps its claim: its sender decides.
        SQLite::Statement q(sql,
                            "UPDATE digests SET kind = ?2, target = ?3, content_type = ?4, body = "
                            "?5, state = 'queued', next_attempt_at = ?6 "
                            "WHERE week = ?1 AND state IN ('queued', 'failed')");
        q.bind(1, draft.week);
        bind_content(q, draft);
        q.bind(6, static_cast<std::int64_t>(now));
        changed = q.exec() == 1;
    });
    return changed;
}

void DigestOutbox::rewrite(std::int64_t id, const DigestDraft& draft) {
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement q(sql,
                            "UPDATE digests SET kind = ?2, target = ?3, content_type = ?4, body = "
                            "?5 WHERE id = ?1 AND state <> 'sent'");
        q.bind(1, static_cast<std::int64_t>(id));
        bind_content(q, draft);
        q.exec();
    });
}

std::vector<DigestRow> DigestOutbox::history(std::size_t limit) {
    std::vector<DigestRow> rows;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement q(
            sql, std::string("SELECT ") + kColumns + " FROM digests ORDER BY week DESC LIMIT ?1");
        q.bind(1, static_cast<std::int64_t>(limit));
        while (q.executeStep()) rows.push_back(read_row(q));
    });
    return rows;
}

std::optional<core::Instant> DigestOutbox::next_due() {
    std::optional<core::Instant> due;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement q(sql,
                            "SELECT min(next_attempt_at) FROM digests "
                            "WHERE state IN ('queued', 'sending')");
        if (q.executeStep() && !q.getColumn(0).isNull()) due = q.getColumn(0).getInt64();
    });
    return due;
}

}  // namespace parasol::store
