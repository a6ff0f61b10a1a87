// SIGINT/SIGTERM/SIGHUP handling shared by every command that writes a file
// (run, sweep, compare -o, merge): while an
// InterruptGuard lives, the first signal only sets a flag (the commands stop
// handing out runs, flush what is done and exit 3); a second signal ends the
// process at once with the default action.
#pragma once

#include <atomic>

namespace osteon::cli {

class InterruptGuard {
 public:
  InterruptGuard();   // clears the flag and installs the handlers
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  // Set from the signal handler; the runners poll it between runs.
  static const std::atomic<bool>& flag();
  static bool interrupted() { return flag().load(); }
  // "SIGINT", "SIGTERM" or "SIGHUP" (the first signal received), "" when none.
  static const char* signal_name();
};

}  // namespace osteon::cli
