// A one-line progress bar with rate and estimated time left, redrawn in place
// on stderr at most ten times a second. Only drawn when stderr is a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace osteon::cli {

class ProgressBar {
 public:
  // `done_before` runs were finished by an earlier (interrupted) session.
  ProgressBar(std::size_t total, std::size_t done_before, bool enabled);
  void advance();   // one more run finished (thread-safe)
  void finish();    // final redraw and newline

  static bool stderr_is_terminal();
  // "1:02:03" / "2:03"
  static std::string clock(double seconds);

 private:
  void draw(bool final);
  std::mutex mutex_;
  std::size_t total_, before_, done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace osteon::cli
