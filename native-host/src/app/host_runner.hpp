#pragma once
namespace parasol::app {
// parasol-host: what browsers start. Reads frames on stdin, writes replies on
// stdout, until EOF (exit 0) or an impossible frame length (exit 2).
int run_host(int argc, char** argv);
}  // namespace parasol::app
