// Jacobians of a model's right-hand side by forward-mode AD.
#pragma once

#include <array>

#include "model/model_concept.hpp"
#include "numerics/dual.hpp"

namespace osteon {

// J(i, j) = d f_i / d y_j, row-major; optionally dfdt = d f / d t and f itself
// (the value part of the same evaluation).
template <OdeModel M, class S>
void model_jacobian(const S& t, const S* y, const S* p, S* jac, S* dfdt = nullptr, S* f = nullptr) {
  constexpr int N = M::n_states;
  constexpr int P = M::n_params + M::n_derived;
  using D = Dual<S, N + 1>;  // the last direction is time
  std::array<D, N> yd;
  std::array<D, N> fd;
  std::array<D, (P > 0 ? P : 1)> pd;
  for (int i = 0; i < N; ++i) yd[i] = D::variable(y[i], i);
  for (int i = 0; i < P; ++i) pd[i] = D(p[i]);
  const D td = D::variable(t, N);
  M::template rhs<D>(td, yd.data(), pd.data(), fd.data());
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) jac[i * N + j] = fd[i].d[j];
    if (dfdt) dfdt[i] = fd[i].d[N];
    if (f) f[i] = fd[i].v;
  }
}

}  // namespace osteon
