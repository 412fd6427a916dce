#include "app/database_check.hpp"

#include <system_error>

#include "store/database.hpp"

namespace parasol::app {

namespace {

// Hears what the store says while it opens the copy: a warn() means it found
// the file damaged and set it aside.
class ListeningLog : public store::StoreLog {
public:
    void info(const std::string&) override {}
    void warn(const std::string& line) override {
        warnings += (warnings.empty() ? "" : "; ") + line;
    }
    std::string warnings;
};

// One look at one copy (in `folder`, which must be empty).
DatabaseCheck check_copy(const std::filesystem::path& database,
                         const std::filesystem::path& folder) {
    DatabaseCheck check;
    std::error_code ec;
    if (!std::filesystem::exists(database, ec)) return check;  // absent: made on first use
    std::filesystem::create_directories(folder, ec);
    const auto copy = folder / "parasol.db";
    try {
        std::filesystem::copy_file(database, copy);
        const auto wal = std::filesystem::path(database.string() + "-wal");
        if (std::filesystem::exists(wal, ec)) {
            std::filesystem::copy_file(wal, copy.string() + "-wal");
        }
    } catch (const std::filesystem::filesystem_error& e) {
        check.verdict = DatabaseCheck::Verdict::unusable;
        check.detail = std::string("can't be read: ") + e.code().message();
        return check;
    }
    ListeningLog log;
    // The store's messages name the copy and say it moved the copy aside; the
    // user needs to hear why, about their own file.
    auto theirs = [&](std::string text) {
        const std::string opening = "is damaged (";
        const std::string closing = "); moved it to";
        const auto from = text.find(opening);
        const auto to = text.rfind(closing);
        if (from != std::string::npos && to != std::string::npos && to > from) {
            text = text.substr(from + opening.size(), to - from - opening.size());
        }
        for (auto at = text.find(copy.string()); at != std::string::npos;
             at = text.find(copy.string(), at + database.string().size())) {
            text.replace(at, copy.string().size(), database.string());
        }
        return text;
    };
    try {
        auto db = store::Database::open(copy, log);
        if (!log.warnings.empty()) {
            check.verdict = DatabaseCheck::Verdict::damaged;
            check.detail = theirs(log.warnings);
            return check;
        }
        if (auto damage = db->find_damage(store::Database::Scrutiny::full)) {
            check.verdict = DatabaseCheck::Verdict::damaged;
            check.detail = "integrity_check: " + *damage;
            return check;
        }
        const auto newest = store::DigestOutbox(*db).history(1);
        if (!newest.empty()) check.last_digest = newest.front();
    } catch (const std::exception& e) {
        check.verdict = log.warnings.empty() ? DatabaseCheck::Verdict::unusable
                                             : DatabaseCheck::Verdict::damaged;
        check.detail = theirs(log.warnings.empty() ? e.what() : log.warnings + "; " + e.what());
        return check;
    }
    check.verdict = DatabaseCheck::Verdict::sound;
    check.detail = "integrity_check ok";
    return check;
}

}  // namespace

DatabaseCheck check_database(const std::filesystem::path& database,
                             const std::filesystem::path& scratch) {
    DatabaseCheck first = check_copy(database, scratch / "first");
    if (first.verdict != DatabaseCheck::Verdict::damaged) return first;
    // A host writing while the file and its WAL were copied can make a torn
    // copy look damaged: only damage seen twice is reported.
    DatabaseCheck second = check_copy(database, scratch / "second");
    return second.verdict == DatabaseCheck::Verdict::damaged ? first : second;
}

}  // namespace parasol::app
