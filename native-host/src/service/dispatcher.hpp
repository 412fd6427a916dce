#pragma once
// Turns one request frame into one reply frame. The table of handlers keyed
// by `type`, and the one place where exceptions become protocol errors.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "service/deps.hpp"

namespace parasol::service {

// Where the dispatcher reports failures a developer must see (internal
// errors, unavailable storage). Implemented in app/.
class ErrorLog {
public:
    virtual ~ErrorLog() = default;
    virtual void error(const std::string& line) = 0;
};

using Handler = std::function<nlohmann::json(const nlohmann::json& body, Deps& deps)>;

class Dispatcher {
public:
    Dispatcher(Deps& deps, ErrorLog& log);

    // Never throws: every failure is an error reply naming its cause.
    std::string handle(std::string_view payload);

    // The types this host answers.
    [[nodiscard]] std::vector<std::string> types() const;
    // hello's `features`: the types plus names of additions to existing
    // types ("nudges": Nudge.choices).
    [[nodiscard]] std::vector<std::string> features() const;

private:
    Deps& deps_;
    ErrorLog& log_;
    std::map<std::string, Handler, std::less<>> table_;
};

}  // namespace parasol::service
