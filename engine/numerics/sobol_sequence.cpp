#include "numerics/sobol_sequence.hpp"

#include <stdexcept>
#include <string>

namespace osteon {

int SobolSequence::max_dimensions() { return static_cast<int>(boost::random::default_sobol_table::max_dimension); }

namespace {
int checked(int dimensions) {
  if (dimensions < 1 || dimensions > SobolSequence::max_dimensions()) {
    throw std::invalid_argument("Sobol' points exist here for 1 to " + std::to_string(SobolSequence::max_dimensions()) +
                                " dimensions, not " + std::to_string(dimensions));
  }
  return dimensions;
}
}  // namespace

SobolSequence::SobolSequence(int dimensions) : dims_(checked(dimensions)), engine_(static_cast<std::size_t>(dims_)) {}

void SobolSequence::next(std::uint32_t* x) {
  if (index_++ == 0) {  // the origin, which Boost's engine skips
    for (int j = 0; j < dims_; ++j) x[j] = 0;
    return;
  }
  for (int j = 0; j < dims_; ++j) x[j] = engine_();
}

std::vector<double> SobolSequence::points(int dimensions, std::size_t n) {
  SobolSequence s(dimensions);
  std::vector<std::uint32_t> x(static_cast<std::size_t>(dimensions));
  std::vector<double> out(n * static_cast<std::size_t>(dimensions));
  for (std::size_t i = 0; i < n; ++i) {
    s.next(x.data());
    for (std::size_t j = 0; j < x.size(); ++j) out[i * x.size() + j] = x[j] * 0x1.0p-32;
  }
  return out;
}

}  // namespace osteon
