// Automatic choice of the first step (Hairer, Nørsett & Wanner, Solving ODEs I,
// Sec. II.4), for an explicit method of order `order`.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

namespace osteon {

template <int N, class Rhs>
double initial_step_size(Rhs&& rhs, double t0, const std::array<double, N>& y0, const std::array<double, N>& f0,
                         double rtol, double atol, int order) {
  auto norm = [&](const std::array<double, N>& v) {
    double m = 0.0;
    for (int i = 0; i < N; ++i) m = std::max(m, std::fabs(v[i]) / (atol + rtol * std::fabs(y0[i])));
    return m;
  };
  const double d0 = norm(y0), d1 = norm(f0);
  double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
  std::array<double, N> y1{}, f1{}, df{};
  for (int i = 0; i < N; ++i) y1[i] = y0[i] + h0 * f0[i];
  rhs(t0 + h0, y1, f1);
  for (int i = 0; i < N; ++i) df[i] = f1[i] - f0[i];
  const double d2 = norm(df) / h0;
  const double m = std::max(d1, d2);
  const double h1 = m <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / m, 1.0 / (order + 1));
  const double h = std::min(100.0 * h0, h1);
  return std::isfinite(h) && h > 0.0 ? h : 1e-6;
}

}  // namespace osteon
