// Sobol' low-discrepancy points (Sobol' 1967) with the direction numbers of
// Joe & Kuo (2008), file new-joe-kuo-6.21201, in Gray-code order (Antonov &
// Saleev 1979): point i is the XOR of the direction numbers selected by the
// bits of i ^ (i >> 1). The first 2^m points of every dimension fall one in
// each interval [k/2^m, (k+1)/2^m). Unscrambled points equal those of
// scipy.stats.qmc.Sobol(d, scramble=False).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace osteon {

class SobolSequence {
 public:
  // Dimensions 1..max_dimensions() are available.
  static int max_dimensions();

  explicit SobolSequence(int dimensions);  // throws std::invalid_argument beyond max_dimensions()
  int dimensions() const { return dims_; }

  // Coordinate j (0-based) of point `index` as a 32-bit integer x; the point
  // in [0, 1) is x·2^-32. Random access: no state, any order, any thread.
  std::uint32_t integer(std::uint64_t index, int j) const;
  double point(std::uint64_t index, int j) const { return integer(index, j) * 0x1.0p-32; }

  // Points up to 2^32 - 1 are defined.
  static constexpr std::uint64_t max_points = (std::uint64_t{1} << 32) - 1;

 private:
  int dims_;
  std::vector<std::uint32_t> v_;  // [dimension][bit 0..31] direction numbers, scaled to 32 bits
};

}  // namespace osteon
