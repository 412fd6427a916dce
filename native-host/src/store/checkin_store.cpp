#include "store/checkin_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace parasol::store {
namespace {

// checkins.felt codes as the schema lists them (migrations.cpp, step 1).
int felt_code(core::Felt felt) {
    switch (felt) {
        case core::Felt::chosen:
            return 1;
        case core::Felt::autopilot:
            return 2;
        case core::Felt::hard_to_stop:
            return 3;
        case core::Felt::unknown:
            break;
    }
    throw std::invalid_argument(
        "a check-in's felt is unknown (validation should have rejected it)");
}

core::Felt felt_from_code(int code) {
    switch (code) {
        case 1:
            return core::Felt::chosen;
        case 2:
            return core::Felt::autopilot;
        default:
            return core::Felt::hard_to_stop;
    }
}

core::LocalDate read_date(const SQLite::Column& column) {
    const std::string text = column.getString();
    const auto date = core::LocalDate::parse(text);
    if (!date) {
        throw std::runtime_error("checkins holds a malformed date: \"" + text + "\"");
    }
    return *date;
}

template <typename T>
void bind_optional(SQLite::Statement& s, int index, const std::optional<T>& value) {
    if (value) {
        s.bind(index, *value);
    } else {
        s.bind(index);
    }
}

std::optional<int> optional_int(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional(column.getInt());
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional(column.getString());
}

}  // namespace

void CheckinStore::put(const core::Checkin& checkin) {
    const std::optional<int> felt =
        checkin.felt ? std::optional(felt_code(*checkin.felt)) : std::nullopt;
    db_.write([&](SQLite::Database& sql) {
        SQLite::Statement replace(
            sql,
            "INSERT OR REPLACE INTO checkins (date, social_min, lonely, felt, opinion_lean, plan, "
            "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        replace.bind(1, checkin.date.to_string());
        replace.bind(2, checkin.social_min);
        bind_optional(replace, 3, checkin.lonely);
        bind_optional(replace, 4, felt);
        bind_optional(replace, 5, checkin.opinion_lean);
        bind_optional(replace, 6, checkin.plan);
        bind_optional(replace, 7, checkin.note);
        replace.exec();
    });
}

std::vector<core::Checkin> CheckinStore::between(core::LocalDate from, core::LocalDate to) {
    std::vector<core::Checkin> checkins;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(sql,
                                "SELECT date, social_min, lonely, felt, opinion_lean, plan, note "
                                "FROM checkins WHERE date BETWEEN ?1 AND ?2 ORDER BY date");
        query.bind(1, from.to_string());
        query.bind(2, to.to_string());
        while (query.executeStep()) {
            core::Checkin checkin;
            checkin.date = read_date(query.getColumn(0));
            checkin.social_min = query.getColumn(1).getInt();
            checkin.lonely = optional_int(query.getColumn(2));
            if (const auto felt = optional_int(query.getColumn(3))) {
                checkin.felt = felt_from_code(*felt);
            }
            checkin.opinion_lean = optional_int(query.getColumn(4));
            checkin.plan = optional_text(query.getColumn(5));
            checkin.note = optional_text(query.getColumn(6));
            checkins.push_back(std::move(checkin));
        }
    });
    return checkins;
}

std::map<core::LocalDate, int> CheckinStore::social_minutes(core::LocalDate from,
                                                            core::LocalDate to) {
    std::map<core::LocalDate, int> minutes;
    db_.read([&](SQLite::Database& sql) {
        SQLite::Statement query(
            sql, "SELECT date, social_min FROM checkins WHERE date BETWEEN ?1 AND ?2");
        query.bind(1, from.to_string());
        query.bind(2, to.to_string());
        while (query.executeStep()) {
            minutes[read_date(query.getColumn(0))] = query.getColumn(1).getInt();
        }
    });
    return minutes;
}

}  // namespace parasol::store
