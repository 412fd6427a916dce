#pragma once
// Runs `f`, which must throw ProtocolError, and hands back the error so a test
// can check its code, path and message.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "protocol/error_code.hpp"

namespace parasol::protocol::testing {

template <class F>
ProtocolError expect_error(F&& f) {
    try {
        f();
    } catch (const ProtocolError& e) {
        return e;
    }
    FAIL("expected a ProtocolError, none was thrown");
    throw std::logic_error("unreachable");
}

}  // namespace parasol::protocol::testing
