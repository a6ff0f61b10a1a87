#include "sweep/sensitivity.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/random_stream.hpp"
#include "numerics/standard_normal.hpp"
#include "sweep/sweep_design.hpp"

namespace osteon {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double sample_sd(const std::vector<double>& v) {
  if (v.size() < 2) return nan;
  double m = 0.0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

// The Saltelli design's outputs split into A, B, AB_j and BA_j over the rows `idx` of the base sample.
struct SaltelliView {
  const std::vector<double>& y;
  std::size_t d, step;
  double a(std::size_t i) const { return y[i * step]; }
  double b(std::size_t i) const { return y[i * step + step - 1]; }
  double ab(std::size_t i, std::size_t j) const { return y[i * step + 1 + j]; }
  double ba(std::size_t i, std::size_t j) const { return y[i * step + 1 + d + j]; }
};

// Population variance of [A; B] over the rows `idx`.
double variance_ab(const SaltelliView& v, const std::vector<std::size_t>& idx) {
  double m = 0.0;
  for (std::size_t i : idx) m += v.a(i) + v.b(i);
  m /= 2.0 * static_cast<double>(idx.size());
  double s = 0.0;
  for (std::size_t i : idx) s += (v.a(i) - m) * (v.a(i) - m) + (v.b(i) - m) * (v.b(i) - m);
  return s / (2.0 * static_cast<double>(idx.size()));
}

double first_order(const SaltelliView& v, const std::vector<std::size_t>& idx, std::size_t j, double var) {
  double s = 0.0;
  for (std::size_t i : idx) s += v.b(i) * (v.ab(i, j) - v.a(i));  // Saltelli 2010
  return s / static_cast<double>(idx.size()) / var;
}

double total_order(const SaltelliView& v, const std::vector<std::size_t>& idx, std::size_t j, double var) {
  double s = 0.0;
  for (std::size_t i : idx) s += (v.a(i) - v.ab(i, j)) * (v.a(i) - v.ab(i, j));  // Jansen 1999
  return 0.5 * s / static_cast<double>(idx.size()) / var;
}

double second_order(const SaltelliView& v, const std::vector<std::size_t>& idx, std::size_t j, std::size_t k,
                    double var) {
  double s = 0.0;
  for (std::size_t i : idx) s += v.ba(i, j) * v.ab(i, k) - v.a(i) * v.b(i);  // Saltelli 2002
  const double vjk = s / static_cast<double>(idx.size()) / var;
  return vjk - first_order(v, idx, j, var) - first_order(v, idx, k, var);
}

double z_value(double confidence) { return normal_quantile(0.5 + confidence / 2.0); }

}  // namespace

SobolIndices sobol_indices(const std::vector<double>& y_raw, std::size_t n, std::size_t d, bool second_order_rows,
                           const BootstrapOptions& o) {
  const std::size_t step = second_order_rows ? 2 * d + 2 : d + 2;
  if (y_raw.size() != n * step) throw std::invalid_argument("Sobol' analysis: output count does not match the design");
  SobolIndices r;
  r.S1.assign(d, nan);
  r.S1_conf.assign(d, nan);
  r.ST.assign(d, nan);
  r.ST_conf.assign(d, nan);
  if (second_order_rows) {
    r.S2.assign(d * d, nan);
    r.S2_conf.assign(d * d, nan);
  }
  // Standardise (SALib): the estimators are not invariant to a shift of y.
  double mean = 0.0;
  for (double x : y_raw) {
    if (std::isnan(x)) return r;
    mean += x;
  }
  mean /= static_cast<double>(y_raw.size());
  double ss = 0.0;
  for (double x : y_raw) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / static_cast<double>(y_raw.size()));
  std::vector<double> y(y_raw.size());
  for (std::size_t i = 0; i < y.size(); ++i) y[i] = sd > 0.0 ? (y_raw[i] - mean) / sd : 0.0;
  if (!(sd > 0.0)) return r;  // a constant output has no variance to apportion

  const SaltelliView v{y, d, step};
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  const double var = variance_ab(v, all);
  for (std::size_t j = 0; j < d; ++j) {
    r.S1[j] = first_order(v, all, j, var);
    r.ST[j] = total_order(v, all, j, var);
  }
  if (second_order_rows) {
    for (std::size_t j = 0; j < d; ++j) {
      for (std::size_t k = j + 1; k < d; ++k) r.S2[j * d + k] = second_order(v, all, j, k, var);
    }
  }
  if (o.resamples < 2) return r;
  // Bootstrap: each resample draws n base rows with replacement, in order b = 0, 1, ...
  std::vector<std::vector<double>> s1(d), st(d), s2(second_order_rows ? d * d : 0);
  RandomStream rng(o.seed);
  std::vector<std::size_t> idx(n);
  for (std::size_t b = 0; b < o.resamples; ++b) {
    for (auto& i : idx) i = static_cast<std::size_t>(rng.below(n));
    const double vb = variance_ab(v, idx);
    for (std::size_t j = 0; j < d; ++j) {
      s1[j].push_back(first_order(v, idx, j, vb));
      st[j].push_back(total_order(v, idx, j, vb));
    }
    if (second_order_rows) {
      for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t k = j + 1; k < d; ++k) s2[j * d + k].push_back(second_order(v, idx, j, k, vb));
      }
    }
  }
  const double z = z_value(o.confidence);
  for (std::size_t j = 0; j < d; ++j) {
    r.S1_conf[j] = z * sample_sd(s1[j]);
    r.ST_conf[j] = z * sample_sd(st[j]);
  }
  if (second_order_rows) {
    for (std::size_t j = 0; j < d; ++j) {
      for (std::size_t k = j + 1; k < d; ++k) r.S2_conf[j * d + k] = z * sample_sd(s2[j * d + k]);
    }
  }
  return r;
}

MorrisIndices morris_indices(const std::vector<double>& x, const std::vector<double>& y, std::size_t d, int levels,
                             const BootstrapOptions& o) {
  const std::size_t rows = d + 1;
  if (d == 0 || y.size() % rows != 0 || x.size() != y.size() * d) {
    throw std::invalid_argument("Morris analysis: the design does not consist of whole trajectories");
  }
  const std::size_t r = y.size() / rows;
  const double delta = morris_delta(levels);
  MorrisIndices m;
  m.mu.assign(d, nan);
  m.mu_star.assign(d, nan);
  m.sigma.assign(d, nan);
  m.mu_star_conf.assign(d, nan);
  for (double v : y) {
    if (std::isnan(v)) return m;
  }
  std::vector<std::vector<double>> ee(d, std::vector<double>(r, nan));
  for (std::size_t t = 0; t < r; ++t) {
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t r0 = t * rows + k, r1 = r0 + 1;
      for (std::size_t j = 0; j < d; ++j) {
        const double dx = x[r1 * d + j] - x[r0 * d + j];
        if (dx == 0.0) continue;
        const double dy = y[r1] - y[r0];
        ee[j][t] = (dx > 0.0 ? dy : -dy) / delta;
      }
    }
  }
  for (std::size_t j = 0; j < d; ++j) {
    double s = 0.0, sa = 0.0;
    for (double e : ee[j]) {
      s += e;
      sa += std::fabs(e);
    }
    m.mu[j] = s / static_cast<double>(r);
    m.mu_star[j] = sa / static_cast<double>(r);
    m.sigma[j] = sample_sd(ee[j]);
  }
  if (o.resamples < 2) return m;
  RandomStream rng(o.seed);
  std::vector<std::vector<double>> boot(d);
  std::vector<std::size_t> idx(r);
  for (std::size_t b = 0; b < o.resamples; ++b) {
    for (auto& i : idx) i = static_cast<std::size_t>(rng.below(r));
    for (std::size_t j = 0; j < d; ++j) {
      double sa = 0.0;
      for (std::size_t i : idx) sa += std::fabs(ee[j][i]);
      boot[j].push_back(sa / static_cast<double>(r));
    }
  }
  const double z = z_value(o.confidence);
  for (std::size_t j = 0; j < d; ++j) m.mu_star_conf[j] = z * sample_sd(boot[j]);
  return m;
}

}  // namespace osteon
