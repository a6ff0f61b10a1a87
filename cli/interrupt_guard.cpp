#include "interrupt_guard.hpp"

#include <pthread.h>

#include <csignal>

namespace osteon::cli {
namespace {

std::atomic<bool> g_interrupted{false};
std::atomic<int> g_signal{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

extern "C" void on_signal(int sig) {
  if (g_interrupted.load()) {  // a second signal, of another kind than the first: end at once too
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  int none = 0;
  g_signal.compare_exchange_strong(none, sig);
  g_interrupted.store(true);
}

struct sigaction old_int {
}, old_term{}, old_hup{};

}  // namespace

InterruptGuard::InterruptGuard() {
  g_interrupted.store(false);
  g_signal.store(0);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;  // a second signal takes the default action: the process ends at once
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  sigaction(SIGHUP, &sa, &old_hup);  // a closed terminal or ssh session
  // A signal the parent chose to ignore stays ignored (`nohup osteon sweep ...` keeps running).
  if (old_int.sa_handler == SIG_IGN) sigaction(SIGINT, &old_int, nullptr);
  if (old_hup.sa_handler == SIG_IGN) sigaction(SIGHUP, &old_hup, nullptr);
  // One the parent blocked is let through now: it ends the command cleanly instead of being
  // held until exit (a signal sent while the inputs were read arrives here).
  sigset_t ours;
  sigemptyset(&ours);
  sigaddset(&ours, SIGINT);
  sigaddset(&ours, SIGTERM);
  sigaddset(&ours, SIGHUP);
  pthread_sigmask(SIG_UNBLOCK, &ours, nullptr);
}

InterruptGuard::~InterruptGuard() {
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGTERM, &old_term, nullptr);
  sigaction(SIGHUP, &old_hup, nullptr);
}

const std::atomic<bool>& InterruptGuard::flag() { return g_interrupted; }

const char* InterruptGuard::signal_name() {
  switch (g_signal.load()) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "";
  }
}

}  // namespace osteon::cli
