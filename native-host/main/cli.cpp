#include "app/cli_runner.hpp"

int main(int argc, char** argv) {
    return parasol::app::run_cli(argc, argv);
}
