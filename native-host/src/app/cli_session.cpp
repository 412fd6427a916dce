#include "app/cli_session.hpp"

#include "app/data_dir.hpp"
#include "app/version.hpp"

namespace parasol::app {

CliSession::CliSession(const CliOptions& options) : dir_(resolve_data_dir(options.data_dir)) {
    ensure_data_dir(dir_);
    db_ = store::Database::open(database_file(dir_), log_);
    deps_.emplace(clock_, *db_, kVersion);
}

}  // namespace parasol::app
