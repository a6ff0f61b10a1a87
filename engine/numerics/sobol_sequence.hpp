// Sobol' low-discrepancy points (Sobol' 1967) in Gray-code order (Antonov &
// Saleev 1979), from Boost.Random's sobol engine (direction numbers of Joe &
// Kuo 2008). Boost's engine starts at the second point; this sequence starts at
// point 0 (the origin), so its points equal those of
// scipy.stats.qmc.Sobol(d, scramble=False) and of osteon's earlier own tables
// (0 mismatches in 2^20 coordinates). The first 2^m points of every dimension
// fall one in each interval [k/2^m, (k+1)/2^m).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <boost/random/sobol.hpp>

namespace osteon {

class SobolSequence {
 public:
  // Dimensions 1..max_dimensions() are available.
  static int max_dimensions();

  explicit SobolSequence(int dimensions);  // throws std::invalid_argument beyond max_dimensions()
  int dimensions() const { return dims_; }

  // The next point's coordinates as 32-bit integers x (the point in [0, 1) is x·2^-32),
  // `dimensions()` of them; the first call gives point 0.
  void next(std::uint32_t* x);

  // Points 0 .. n-1, row-major (n x dimensions()), as numbers in [0, 1).
  static std::vector<double> points(int dimensions, std::size_t n);

 private:
  int dims_;
  std::uint64_t index_ = 0;
  boost::random::sobol_engine<std::uint32_t, 32> engine_;
};

}  // namespace osteon
