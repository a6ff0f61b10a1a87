// Fracture risk from simulated BMD and falls (integrated model).
//
// Relative risk. The risk of a fracture rises by a gradient GR per SD of
// femoral neck BMD lost (risk ratio per SD decrease). For a woman whose
// femoral neck T-score moved by ΔT (in young-adult SD) since the start of the
// scenario, at her age a now,
//   RR = GR(a)^(−ΔT) · F(t)
// with F the fall rate relative to her fall rate at the start (balance
// training, below). The gradients are those of Johnell O et al. J Bone Miner
// Res 2005;20:1185 (meta-analysis of 12 cohorts, femoral neck DXA, risk ratio
// per SD decrease, men and women combined, Table 4), which fall with age for
// hip fracture (3.68 at 50 y to 1.70 at 90 y) and rise with age for
// osteoporotic fracture (hip, clinical spine, forearm, humerus: the "major
// osteoporotic fracture" of FRAX; 1.19 at 50 y to 1.66 at 90 y); between the
// tabulated ages ln GR is interpolated linearly, outside them held at the end
// values. The abstract's values for women at 65 y (hip 2.88, 95 % CI
// 2.31-3.59; osteoporotic 1.38, 1.28-1.48) check the interpolation. (The
// Table 4 values were entered from the published table as recalled; only the
// abstract could be checked against the source text in this session.)
// Marshall D, Johnell O, Wedel H. BMJ 1996;312:1254 (meta-analysis of 11
// cohorts of women) found the same order without age: 2.6 (2.0-3.5) per SD of
// hip BMD for hip fracture, 1.5 (1.4-1.6) for all fractures at any site.
//
// Absolute 10-year probability. No open model with incidence tables exists for
// this (FRAX is not open): the probabilities are interpolated (ln p linear in
// age and in T-score) from the published FRAX table for UK women with a BMI
// of 25 kg/m² and no clinical risk factors (Kanis JA et al. Osteoporos Int
// 2008;19:385, Table 3b hip and 3d osteoporotic fracture, ages 50-90 y,
// femoral neck T-score +1 to −4), held at its edges outside the table. They
// are the probabilities of that reference woman at the simulated age and
// femoral neck T-score, times the fall factor F; not FRAX with her own risk
// factors.
//
// Falls. Balance and functional exercise (balance training, tai chi, yoga)
// lowers the rate of falls of community-dwelling older people by a rate ratio
// of 0.76 (95 % CI 0.70-0.81; 39 studies, 7920 participants, high certainty:
// Sherrington C et al. Cochrane Database Syst Rev 2019;CD012424, balance and
// functional exercises versus control). While a balance regimen with
// adherence h lasts, F = 1 − h·(1 − RaR). Assumption: fractures scale with
// the fall rate (nearly all hip and most other non-vertebral fractures follow
// a fall); the same review found fall-related fractures reduced by 0.73
// (0.56-0.95, 10 studies, low certainty) with exercise, consistent with it.
// Vertebral fractures, a part of the major osteoporotic fractures, often
// occur without a fall, so F overstates the benefit there.
#pragma once

#include <cmath>

#include "numerics/math.hpp"

namespace osteon::modules::fracture_risk {

// exp of the piecewise linear interpolation of log_values over increasing
// nodes at x, held at the end values outside.
template <class T, int N>
T log_linear(const T& x, const double (&nodes)[N], const double (&log_values)[N]) {
  const T zero = math::constant(x, 0.0);
  T r = math::constant(x, log_values[0]);
  for (int i = 0; i + 1 < N; ++i) {
    const double w = nodes[i + 1] - nodes[i];
    const T seg = math::min(math::max(T(x - nodes[i]), zero), math::constant(x, w));
    r = r + (log_values[i + 1] - log_values[i]) / w * seg;
  }
  return math::exp(r);
}

inline constexpr double gradient_ages[5] = {50.0, 60.0, 70.0, 80.0, 90.0};
// Johnell et al. 2005, Table 4: risk ratio per SD decrease of femoral neck BMD.
inline constexpr double gradient_hip[5] = {3.68, 3.07, 2.78, 2.28, 1.70};
inline constexpr double gradient_osteoporotic[5] = {1.19, 1.28, 1.39, 1.54, 1.66};

namespace detail {
template <int N>
struct Logs {
  double v[N];
  explicit Logs(const double (&x)[N]) {
    for (int i = 0; i < N; ++i) v[i] = std::log(x[i]);
  }
};
template <class T, int N>
T interpolate(const T& x, const double (&nodes)[N], const double (&values)[N]) {
  const Logs<N> l(values);
  return log_linear(x, nodes, l.v);
}
}  // namespace detail

// Gradients of risk per SD decrease of femoral neck BMD at age `age` (y).
template <class T>
T hip_gradient(const T& age) {
  return detail::interpolate(age, gradient_ages, gradient_hip);
}
template <class T>
T osteoporotic_gradient(const T& age) {
  return detail::interpolate(age, gradient_ages, gradient_osteoporotic);
}

// Risk relative to the start: gradient^(−ΔT) times the fall factor.
template <class T>
T relative_risk(const T& gradient, const T& delta_t_score, const T& fall_factor) {
  return math::exp(T(-delta_t_score * math::log(gradient))) * fall_factor;
}

// Kanis et al. 2008, Table 3 (UK women, BMI 25 kg/m², no clinical risk
// factors): 10-year probability (%) by age (rows) and femoral neck T-score
// (columns, here ordered −4 ... +1). "<0.1" (hip, 50 y, T = +1) is taken as 0.05.
inline constexpr double probability_t_scores[6] = {-4.0, -3.0, -2.0, -1.0, 0.0, 1.0};
inline constexpr double probability_hip[5][6] = {
    {11.7, 3.2, 0.8, 0.2, 0.1, 0.05}, {13.5, 4.4, 1.4, 0.4, 0.2, 0.1}, {16.2, 6.3, 2.4, 0.9, 0.4, 0.1},
    {19.7, 9.5, 4.4, 2.1, 1.0, 0.5},  {16.9, 9.8, 5.8, 3.5, 2.0, 1.2},
};
inline constexpr double probability_osteoporotic[5][6] = {
    {17.7, 8.5, 5.2, 3.8, 3.3, 3.0},    {23.0, 12.6, 7.9, 5.6, 4.8, 4.2},  {30.4, 18.2, 11.5, 8.4, 6.8, 5.6},
    {34.3, 21.7, 13.8, 10.1, 7.5, 5.8}, {30.3, 20.0, 13.8, 9.9, 7.1, 5.1},
};

// 10-year probability (%) at age (y) and femoral neck T-score from a table above.
template <class T>
T ten_year_probability(const T& age, const T& t_score, const double (&table)[5][6]) {
  T at_t[5];
  for (int i = 0; i < 5; ++i) {
    at_t[i] = detail::interpolate(t_score, probability_t_scores, table[i]);
  }
  // ln p linear in age between the rows' values at this T-score.
  const T zero = math::constant(age, 0.0);
  T r = math::log(at_t[0]);
  for (int i = 0; i + 1 < 5; ++i) {
    const double w = gradient_ages[i + 1] - gradient_ages[i];
    const T seg = math::min(math::max(T(age - gradient_ages[i]), zero), math::constant(age, w));
    r = r + (math::log(at_t[i + 1]) - math::log(at_t[i])) * (1.0 / w) * seg;
  }
  return math::exp(r);
}

// Fall rate relative to no balance training: 1 − h·(1 − RaR) while the regimen lasts (start <= t < stop).
template <class T>
T fall_factor(const T& t, const T& start, const T& stop, const T& adherence, const T& rate_ratio) {
  const T zero = math::constant(t, 0.0);
  const T on = math::select(t >= start, math::select(t < stop, math::constant(t, 1.0), zero), zero);
  return 1.0 - on * adherence * (1.0 - rate_ratio);
}

}  // namespace osteon::modules::fracture_risk
