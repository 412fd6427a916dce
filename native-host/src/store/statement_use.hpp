#pragma once
// SQLiteCpp statements kept for the life of a connection: each use resets its
// statement when it ends, however it ends, so a cached statement never holds
// a read snapshot open or keeps VACUUM (data.erase) from running.
#include <SQLiteCpp/Statement.h>

namespace parasol::store {

class StatementUse {
public:
    explicit StatementUse(SQLite::Statement& statement) : statement_(statement) {}
    ~StatementUse() { statement_.tryReset(); }  // the step's own error was thrown already
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;

private:
    SQLite::Statement& statement_;
};

}  // namespace parasol::store
