#pragma once
// What Linux's /proc says about a running child: its memory and its CPU
// time. For the benchmarks' figures (bench/BENCHMARKS.md); no test asserts
// on them.
#include <sys/types.h>

namespace parasol::test {

// From /proc/<pid>/status, in KiB: the peak and the current resident set.
long vm_hwm_kib(pid_t pid);
long vm_rss_kib(pid_t pid);

// From /proc/<pid>/schedstat, in ms: time on a CPU, and time waiting for one
// (runnable but not running: how loaded the machine is). Up to date whenever
// the process is blocked, e.g. reading its next request.
double cpu_ms(pid_t pid);
double run_queue_ms(pid_t pid);

// Waits (up to a second) until the process sleeps, i.e. a host is blocked
// reading its next request, so that cpu_ms() has counted all its work so far.
void wait_until_sleeping(pid_t pid);

}  // namespace parasol::test
