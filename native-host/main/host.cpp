#include "app/host_runner.hpp"

int main(int argc, char** argv) {
    return parasol::app::run_host(argc, argv);
}
