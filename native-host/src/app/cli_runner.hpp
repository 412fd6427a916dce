#pragma once
namespace parasol::app {
// `parasol`: reports, export, import, install, uninstall, doctor.
// Exit codes: 0 done; 1 failed at run time (storage, files); 2 usage error;
// 3 the input file is malformed (nothing was imported). doctor exits 1 when it
// found a problem.
int run_cli(int argc, char** argv);

enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitBadInput = 3 };
}  // namespace parasol::app
