#pragma once
// Files only the user may read: the database (0600) and its backups folder
// (0700). Made with their mode from the start, never loosened then tightened,
// so no other user can ever open them; SQLite gives -wal and -shm files the
// mode of their database.
#include <filesystem>

namespace parasol::store {

// Creates an empty file with mode 0600 if `file` does not exist; never opens
// an existing one (closing it would drop this process's SQLite locks on it).
// Throws std::system_error.
void create_private_file(const std::filesystem::path& file);

// Creates `folder` with mode 0700 if it does not exist (its parent must).
// Throws std::system_error.
void create_private_folder(const std::filesystem::path& folder);

}  // namespace parasol::store
