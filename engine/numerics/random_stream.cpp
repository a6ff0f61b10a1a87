#include "numerics/random_stream.hpp"

#include <limits>
#include <numeric>

namespace osteon {

std::uint64_t RandomStream::below(std::uint64_t n) {
  // Accept x only below the largest multiple of n that fits in 2^64.
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  for (;;) {
    const std::uint64_t x = engine_();
    if (x < limit) return x % n;
  }
}

std::vector<std::uint32_t> RandomStream::permutation(std::uint32_t n) {
  std::vector<std::uint32_t> p(n);
  std::iota(p.begin(), p.end(), 0u);
  for (std::uint32_t i = n; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(below(i));
    std::swap(p[i - 1], p[j]);
  }
  return p;
}

void RandomStream::skip_permutation(std::uint32_t n) {
  for (std::uint32_t i = n; i > 1; --i) below(i);  // the draws of permutation(n), swaps aside
}

}  // namespace osteon
