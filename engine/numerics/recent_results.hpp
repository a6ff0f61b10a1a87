// The last few results of an expensive pure computation (a model's steady state,
// a patient's history), found again by the exact bits of their key: a repeat
// returns what computing again would give, so runs stay bitwise identical.
// Not synchronised: keep one per thread (thread_local). Entries are replaced
// round robin; a hash of the key's words is compared before the key itself.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace osteon {

template <std::size_t KeySize, class Value>
class RecentResults {
 public:
  explicit RecentResults(std::size_t slots) : keys_(slots * KeySize), hashes_(slots), values_(slots) {}

  // The result for key[0 .. KeySize): a kept one, or compute() kept and returned.
  template <class Compute>
  const Value& get(const double* key, Compute compute) {
    const std::uint64_t h = hash(key);
    for (std::size_t i = 0; i < used_; ++i) {
      if (hashes_[i] == h && std::memcmp(&keys_[i * KeySize], key, sizeof(double) * KeySize) == 0) return values_[i];
    }
    const std::size_t i = next_;
    values_[i] = compute();
    std::memcpy(&keys_[i * KeySize], key, sizeof(double) * KeySize);
    hashes_[i] = h;
    next_ = (next_ + 1) % values_.size();
    used_ = std::max(used_, i + 1);
    return values_[i];
  }

 private:
  // FNV-1a over the key's 64-bit words.
  static std::uint64_t hash(const double* key) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t k = 0; k < KeySize; ++k) {
      std::uint64_t bits = 0;
      std::memcpy(&bits, key + k, sizeof bits);
      h = (h ^ bits) * 1099511628211ull;
    }
    return h;
  }

  std::vector<double> keys_;
  std::vector<std::uint64_t> hashes_;
  std::vector<Value> values_;
  std::size_t next_ = 0, used_ = 0;
};

}  // namespace osteon
