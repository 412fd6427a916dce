// The host manifest's rules as doctor applies them, the ids install accepts,
// and what it renders from the templates.
#include "app/host_manifest.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "app/shell_quote.hpp"

using namespace parasol::app;
using nlohmann::json;

namespace {

const std::string kDev = "mhedandambbmemhakpeljdpoklmmikid";

json good_chromium() {
    return {{"name", "org.parasol.host"},
            {"description", "Parasol"},
            {"path", "/usr/bin/parasol-host"},
            {"type", "stdio"},
            {"allowed_origins", {"chrome-extension://" + kDev + "/"}}};
}

}  // namespace

TEST_CASE("a manifest that follows the rules has no findings and gives its ids", "[manifest]") {
    const auto found = check_host_manifest(good_chromium().dump(), BrowserFamily::chromium);
    CHECK(found.problems.empty());
    CHECK(found.host_path == "/usr/bin/parasol-host");
    CHECK(found.allowed_ids == std::vector<std::string>{kDev});
}

TEST_CASE("each broken rule is named by its JSON Pointer", "[manifest]") {
    struct Case {
        std::string name;
        json manifest;
        std::string expected;  // part of a problem line
    };
    auto with = [](const char* key, json value) {
        json m = good_chromium();
        m[key] = std::move(value);
        return m;
    };
    auto without = [](const char* key) {
        json m = good_chromium();
        m.erase(key);
        return m;
    };
    const std::vector<Case> cases = {
        {"upper-case name", with("name", "Org.Parasol.Host"),
         "/name: 'Org.Parasol.Host' must match"},
        {"empty name segment", with("name", "org..host"), "/name: 'org..host' must match"},
        {"another host's name", with("name", "org.other.host"), "/name: must be org.parasol.host"},
        {"no name", without("name"), "/name: missing"},
        {"relative path", with("path", "parasol-host"),
         "/path: 'parasol-host' must be an absolute"},
        {"path not a string", with("path", 7), "/path: must be a string"},
        {"type not stdio", with("type", "pipe"), "/type: must be \"stdio\""},
        {"no description", without("description"), "/description: missing"},
        {"no origins", without("allowed_origins"), "/allowed_origins: must be a non-empty array"},
        {"empty origins", with("allowed_origins", json::array()),
         "/allowed_origins: must be a non-empty"},
        {"origin without the slash", with("allowed_origins", {"chrome-extension://" + kDev}),
         "/allowed_origins/0: '"},
        {"wildcard origin", with("allowed_origins", {"chrome-extension://*/"}),
         "/allowed_origins/0: 'chrome-extension://*/'"},
        {"id with a q",
         with("allowed_origins", {"chrome-extension://qhedandambbmemhakpeljdpoklmmikid/"}),
         "/allowed_origins/0"},
        {"origin not a string", with("allowed_origins", {1}),
         "/allowed_origins/0: must be a string"},
        {"not an object", json::array(), "/: must be a JSON object"},
    };
    for (const auto& c : cases) {
        INFO(c.name << ": " << c.manifest.dump());
        const auto found = check_host_manifest(c.manifest.dump(), BrowserFamily::chromium);
        std::string all;
        for (const auto& p : found.problems) all += p + "\n";
        INFO(all);
        CHECK(all.find(c.expected) != std::string::npos);
    }
    CHECK(!check_host_manifest("{\"name\": ", BrowserFamily::chromium).problems.empty());
}

TEST_CASE("Firefox manifests take allowed_extensions, with gecko ids", "[manifest]") {
    json m = good_chromium();
    m.erase("allowed_origins");
    m["allowed_extensions"] = {"parasol@parasol.invalid", "{12345678-abcd-abcd-abcd-123456789012}"};
    const auto found = check_host_manifest(m.dump(), BrowserFamily::firefox);
    CHECK(found.problems.empty());
    CHECK(found.allowed_ids.size() == 2);
    m["allowed_extensions"] = {"not an id"};
    CHECK(!check_host_manifest(m.dump(), BrowserFamily::firefox).problems.empty());
    // A Chromium manifest is not a Firefox one.
    CHECK(!check_host_manifest(good_chromium().dump(), BrowserFamily::firefox).problems.empty());
}

TEST_CASE("extension ids are sorted into their family by form", "[manifest]") {
    CHECK(is_chromium_extension_id(kDev));
    CHECK_FALSE(is_chromium_extension_id("mhedandambbmemhakpeljdpoklmmiki"));   // 31
    CHECK_FALSE(is_chromium_extension_id("mhedandambbmemhakpeljdpoklmmikiz"));  // z > p
    CHECK(is_gecko_id("parasol@parasol.invalid"));
    CHECK(is_gecko_id("{12345678-abcd-abcd-abcd-123456789012}"));
    CHECK_FALSE(is_gecko_id("parasol"));
    CHECK_FALSE(is_gecko_id("{1234}"));

    const auto ids =
        ExtensionIds::parasol({"abcdefghijklmnopabcdefghijklmnop", "me@example.org", kDev});
    CHECK(ids.chromium == std::vector<std::string>{kDev, "abcdefghijklmnopabcdefghijklmnop"});
    CHECK(ids.firefox == std::vector<std::string>{"parasol@parasol.invalid", "me@example.org"});
    CHECK_THROWS_AS(ExtensionIds::parasol({"nope"}), std::invalid_argument);
}

TEST_CASE("rendered manifests follow the rules, with the path escaped as JSON", "[manifest]") {
    const auto ids = ExtensionIds::parasol({"me@example.org"});
    for (const auto family : {BrowserFamily::chromium, BrowserFamily::firefox}) {
        const std::string host = "/opt/Parasol \"beta\"/parasol-host";
        const std::string text = render_host_manifest(family, host, ids);
        const auto found = check_host_manifest(text, family);
        CHECK(found.problems.empty());
        CHECK(found.host_path == host);
        CHECK(found.allowed_ids == ids.of(family));
    }
}

TEST_CASE("shell_quote leaves plain words alone and quotes the rest", "[manifest]") {
    CHECK(shell_quote("/usr/bin/parasol-host") == "/usr/bin/parasol-host");
    CHECK(shell_quote("/home/a b/x") == "'/home/a b/x'");
    CHECK(shell_quote("it's") == "'it'\\''s'");
    CHECK(shell_quote("") == "''");
}
