// The one Catch2 main, compiled into each test binary.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
