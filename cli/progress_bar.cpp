#include "progress_bar.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace osteon::cli {

ProgressBar::ProgressBar(std::size_t total, std::size_t done_before, Style style)
    : total_(total), before_(done_before), style_(style), start_(std::chrono::steady_clock::now()), last_(start_) {
  // Tenths already passed before a resume are not announced again.
  while (next_tenth_ <= 10 && before_ * 10 >= next_tenth_ * total_) ++next_tenth_;
}

ProgressBar::Style ProgressBar::style_for_stderr(bool quiet) {
  if (quiet) return Style::none;
  return stderr_is_terminal() ? Style::bar : Style::lines;
}

bool ProgressBar::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

std::string ProgressBar::clock(double s) {
  if (!std::isfinite(s)) return "--:--";
  const long t = std::lround(s);
  char buf[32];
  if (t >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  }
  return buf;
}

void ProgressBar::advance() {
  if (style_ == Style::none) return;
  std::lock_guard lock(mutex_);
  ++done_;
  const auto now = std::chrono::steady_clock::now();
  if (style_ == Style::lines) {
    const std::size_t done = before_ + done_;
    bool due = now - last_ >= std::chrono::minutes(1);
    while (next_tenth_ <= 10 && done * 10 >= next_tenth_ * total_) {
      ++next_tenth_;
      due = true;
    }
    if (due) {
      last_ = now;
      line();
    }
    return;
  }
  if (now - last_ >= std::chrono::milliseconds(100)) {
    last_ = now;
    draw(false);
  }
}

void ProgressBar::line() {
  const std::size_t done = before_ + done_;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0.0 ? static_cast<double>(done_) / elapsed : 0.0;
  const double eta = rate > 0.0 ? static_cast<double>(total_ - done) / rate : NAN;
  std::fprintf(stderr, "osteon sweep: %.0f%% (%zu of %zu runs), %.4g runs/s, about %s left\n", 100.0 * frac, done,
               total_, rate, clock(eta).c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (style_ != Style::bar) return;
  std::lock_guard lock(mutex_);
  draw(true);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

void ProgressBar::draw(bool final) {
  const std::size_t done = before_ + done_;
  const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0.0 ? static_cast<double>(done_) / elapsed : 0.0;
  const double eta = rate > 0.0 ? static_cast<double>(total_ - done) / rate : NAN;
  constexpr int width = 30;
  const int filled = static_cast<int>(frac * width);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '-';
  bar[width] = '\0';
  std::fprintf(stderr, "\r[%s] %5.1f%%  %zu/%zu runs  %.4g runs/s  %s %s ", bar, 100.0 * frac, done, total_, rate,
               final ? "elapsed" : "ETA", clock(final ? elapsed : eta).c_str());
  std::fflush(stderr);
}

}  // namespace osteon::cli
