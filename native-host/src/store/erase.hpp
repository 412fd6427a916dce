#pragma once
#include "store/database.hpp"

namespace parasol::store {

// data.erase: every table emptied (the schema stays), the file vacuumed and
// its WAL truncated so no erased page lingers, and the daily backups deleted
// (a user who erases everything expects no copy to survive).
void erase_everything(Database& db);

}  // namespace parasol::store
