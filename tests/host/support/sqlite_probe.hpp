#pragma once
// Looking inside a SQLite file from the test process, read-only, without
// going through the code under test.
#include <filesystem>
#include <string>

namespace parasol::test {

// "ok" when PRAGMA integrity_check passes; otherwise what SQLite says is
// wrong (or why the file could not be opened).
std::string sqlite_integrity(const std::filesystem::path& file);

// The first column of the first row of `sql` as text ("" when no row);
// throws std::runtime_error when the file can't be read.
std::string sqlite_value(const std::filesystem::path& file, const std::string& sql);

}  // namespace parasol::test
