// The one source of randomness of sweeps: a 64-bit Mersenne Twister
// (std::mt19937_64, whose output sequence the C++ standard fixes for a given
// seed) with our own conversions to numbers, because std::*_distribution
// differ between standard libraries. A design is therefore the same on every
// platform for the same seed (docs/sweeps.md, "Reproducibility").
#pragma once

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace osteon {

// SplitMix64's finaliser (Steele, Lea & Flood 2014): a well-mixed seed for the stream of one
// member or run from a base seed and its index, so neighbouring streams are decorrelated.
constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class RandomStream {
 public:
  // The engine is constructed with the seed as its single value
  // (std::mt19937_64(seed)); nothing else goes into the state.
  explicit RandomStream(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t bits() { return engine_(); }

  // Uniform on the open interval (0, 1): the top 53 bits k give (k + 1/2)·2^-53,
  // so neither 0 nor 1 ever occurs and quantile functions stay finite.
  double uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }

  // Uniform whole number in [0, n), n > 0, without modulo bias (rejection of
  // the incomplete top range of 2^64).
  std::uint64_t below(std::uint64_t n);

  // Fisher–Yates shuffle of 0..n-1, drawing below(i + 1) for i = n-1 down to 1.
  std::vector<std::uint32_t> permutation(std::uint32_t n);
  // Advances the stream exactly as permutation(n) does, without making it (no memory).
  void skip_permutation(std::uint32_t n);
  // Advances the stream by k draws (as k calls of bits() or uniform()).
  void discard(std::uint64_t k) { engine_.discard(k); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace osteon
