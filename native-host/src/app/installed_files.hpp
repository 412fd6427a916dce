#pragma once
// The file operations behind install and uninstall: a manifest is replaced
// atomically with an exact mode whatever the umask, and the folders made for
// it are noted so they can be removed again, only when empty.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace parasol::app {

// Writes `content` to a temporary file beside `file`, sets `mode`, and renames
// it over `file`. Throws std::system_error naming the file.
void write_file_atomically(const std::filesystem::path& file, const std::string& content,
                           std::filesystem::perms mode);

// Creates `dir` and its missing parents with `mode`; returns the folders it
// made, outermost first. Throws std::system_error naming the folder.
std::vector<std::filesystem::path> create_folders(const std::filesystem::path& dir,
                                                  std::filesystem::perms mode);

// The whole file, or nullopt when it does not exist or can't be read.
std::optional<std::string> read_whole_file(const std::filesystem::path& file);

}  // namespace parasol::app
