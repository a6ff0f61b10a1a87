#include "cluster/sweep_shard.hpp"

#include <charconv>

#include "core/error.hpp"

namespace osteon {
namespace {

bool parse_count(const std::string& s, std::size_t& v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

SweepShard make_shard(std::size_t index, std::size_t count, std::size_t n_runs) {
  SweepShard s;
  s.index = index;
  s.count = count;
  // floor(k·n/N) without overflow for any realistic n (n·N < 2^64).
  s.first = (index - 1) * n_runs / count;
  s.end = index * n_runs / count;
  return s;
}

SweepShard parse_shard(const std::string& text, std::size_t n_runs) {
  const SourceLocation cmdline{"command line", 0, 0};
  const std::size_t slash = text.find('/');
  std::size_t i = 0, n = 0;
  if (slash == std::string::npos || !parse_count(text.substr(0, slash), i) || !parse_count(text.substr(slash + 1), n)) {
    throw InputError(cmdline, "--shard", "'" + text + "'",
                     "I/N: shard I of N, whole numbers with 1 <= I <= N (e.g. 1/4)");
  }
  if (n == 0) throw InputError(cmdline, "--shard", "'" + text + "' (N = 0)", "N >= 1 shards");
  if (i < 1 || i > n) {
    throw InputError(cmdline, "--shard", "'" + text + "' (I = " + std::to_string(i) + ")",
                     "I between 1 and N = " + std::to_string(n) + " (shards are numbered from 1, like --array=1-" +
                         std::to_string(n) + ")");
  }
  if (n > n_runs) {
    throw InputError(cmdline, "--shard", "'" + text + "' (N = " + std::to_string(n) + " shards)",
                     "at most as many shards as the sweep has runs (" + std::to_string(n_runs) + ")");
  }
  return make_shard(i, n, n_runs);
}

}  // namespace osteon
