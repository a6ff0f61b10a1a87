// A one-line progress bar with rate and estimated time left, redrawn in place
// on stderr at most ten times a second when stderr is a terminal; otherwise (a
// log file, a batch job) plain lines, one per tenth of the runs and at least one
// a minute: `osteon sweep: 30% (1843 of 6144 runs), 812 runs/s, about 0:05 left`.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace osteon::cli {

class ProgressBar {
 public:
  // `done_before` runs were finished by an earlier (interrupted) session.
  enum class Style { none, bar, lines };
  ProgressBar(std::size_t total, std::size_t done_before, Style style);
  // The style for stderr: nothing when quiet, a bar on a terminal, else lines.
  static Style style_for_stderr(bool quiet);
  void advance();  // one more run finished (thread-safe)
  void finish();   // final redraw and newline

  static bool stderr_is_terminal();
  // "1:02:03" / "2:03"
  static std::string clock(double seconds);

 private:
  void draw(bool final);
  void line();
  std::mutex mutex_;
  std::size_t total_, before_, done_ = 0;
  Style style_;
  std::size_t next_tenth_ = 1;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace osteon::cli
