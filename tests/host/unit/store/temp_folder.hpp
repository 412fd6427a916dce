#pragma once
// A fresh folder under the system temp directory, removed with everything in
// it when the test ends.
#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace parasol::store::test {

class TempFolder {
public:
    TempFolder() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("parasol-store-test-" + std::to_string(std::random_device{}()) + "-" +
                 std::to_string(counter++));
        std::filesystem::create_directory(path_);
    }
    ~TempFolder() {
        std::error_code ignored;  // nothing useful to do if cleanup fails
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path file(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

}  // namespace parasol::store::test
