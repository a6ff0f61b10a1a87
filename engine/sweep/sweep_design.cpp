#include "sweep/sweep_design.hpp"

#include <cmath>
#include <stdexcept>

#include "numerics/random_stream.hpp"
#include "numerics/sobol_sequence.hpp"
#include "numerics/standard_normal.hpp"

namespace osteon {

const char* design_type_name(DesignSpec::Type t) {
  switch (t) {
    case DesignSpec::Type::grid: return "grid";
    case DesignSpec::Type::list: return "list";
    case DesignSpec::Type::lhs: return "lhs";
    case DesignSpec::Type::sobol: return "sobol";
    case DesignSpec::Type::morris: return "morris";
    case DesignSpec::Type::population: return "population";
  }
  return "";
}

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

std::size_t design_runs(const DesignSpec& spec, const std::vector<FactorDistribution>& factors) {
  const std::size_t d = factors.size();
  switch (spec.type) {
    case DesignSpec::Type::grid: {
      std::size_t n = 1;
      for (const auto& f : factors) n *= f.grid().size();
      return d == 0 ? 0 : n;
    }
    case DesignSpec::Type::list: return spec.rows.size();
    case DesignSpec::Type::lhs:
    case DesignSpec::Type::population: return spec.samples;
    case DesignSpec::Type::sobol: return spec.samples * (spec.second_order ? 2 * d + 2 : d + 2);
    case DesignSpec::Type::morris: return spec.trajectories * (d + 1);
  }
  return 0;
}

std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint64_t seed) {
  RandomStream rng(seed);
  std::vector<std::vector<std::uint32_t>> perm;
  for (std::size_t j = 0; j < d; ++j) perm.push_back(rng.permutation(static_cast<std::uint32_t>(n)));
  std::vector<double> u(n * d);
  const double nn = static_cast<double>(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < d; ++j) u[i * d + j] = (perm[j][i] + rng.uniform()) / nn;
  }
  return u;
}

std::vector<double> saltelli_unit(std::size_t n, std::size_t d, const DesignSpec& spec) {
  // Base matrix [A | B] of n rows and 2d columns.
  std::vector<double> base(n * 2 * d);
  RandomStream rng(spec.seed);
  if (spec.quasi_random) {
    if (2 * d > static_cast<std::size_t>(SobolSequence::max_dimensions())) {
      throw std::invalid_argument("Sobol' points for " + std::to_string(d) + " factors need " + std::to_string(2 * d) +
                                  " dimensions; at most " + std::to_string(SobolSequence::max_dimensions()) +
                                  " are available (use sequence: random)");
    }
    SobolSequence sobol(static_cast<int>(2 * d));
    std::vector<std::uint32_t> shift(2 * d, 0u), point(2 * d);
    if (spec.digital_shift) {
      for (auto& s : shift) s = static_cast<std::uint32_t>(rng.bits() >> 32);
    }
    for (std::size_t i = 0; i < n; ++i) {
      sobol.next(point.data());
      for (std::size_t j = 0; j < 2 * d; ++j) {
        const std::uint32_t x = point[j];
        // A shifted point sits at the centre of its 2^-32 cell, so it is never 0 or 1.
        base[i * 2 * d + j] = spec.digital_shift ? ((x ^ shift[j]) + 0.5) * 0x1.0p-32 : x * 0x1.0p-32;
      }
    }
  } else {
    for (auto& x : base) x = rng.uniform();
  }
  const std::size_t step = spec.second_order ? 2 * d + 2 : d + 2;
  std::vector<double> out(n * step * d);
  for (std::size_t i = 0; i < n; ++i) {
    const double* a = &base[i * 2 * d];
    const double* b = a + d;
    double* row = &out[i * step * d];
    for (std::size_t j = 0; j < d; ++j) row[j] = a[j];  // A
    for (std::size_t k = 0; k < d; ++k) {                // AB_k: A with column k from B
      for (std::size_t j = 0; j < d; ++j) row[(1 + k) * d + j] = j == k ? b[j] : a[j];
    }
    if (spec.second_order) {
      for (std::size_t k = 0; k < d; ++k) {              // BA_k: B with column k from A
        for (std::size_t j = 0; j < d; ++j) row[(1 + d + k) * d + j] = j == k ? a[j] : b[j];
      }
    }
    for (std::size_t j = 0; j < d; ++j) row[(step - 1) * d + j] = b[j];  // B
  }
  return out;
}

std::vector<double> morris_unit(std::size_t trajectories, std::size_t d, int levels, std::uint64_t seed) {
  RandomStream rng(seed);
  const double delta = morris_delta(levels);
  const auto base_levels = static_cast<std::uint64_t>(levels / 2);  // x* in {0, 1/(p-1), ..., 1 - Δ}
  std::vector<double> out(trajectories * (d + 1) * d);
  std::vector<double> x(d);
  std::vector<int> dir(d);
  for (std::size_t t = 0; t < trajectories; ++t) {
    for (std::size_t j = 0; j < d; ++j) x[j] = static_cast<double>(rng.below(base_levels)) / (levels - 1);
    const auto order = rng.permutation(static_cast<std::uint32_t>(d));
    for (std::size_t j = 0; j < d; ++j) dir[j] = (rng.bits() >> 63) ? -1 : 1;
    // A factor moving down starts at x* + Δ and ends at x*.
    for (std::size_t j = 0; j < d; ++j) {
      if (dir[j] < 0) x[j] += delta;
    }
    double* rows = &out[t * (d + 1) * d];
    for (std::size_t j = 0; j < d; ++j) rows[j] = x[j];
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t j = order[k];
      x[j] += dir[j] * delta;
      for (std::size_t c = 0; c < d; ++c) rows[(k + 1) * d + c] = x[c];
    }
  }
  return out;
}

std::vector<double> cholesky(const std::vector<double>& c, std::size_t d) {
  std::vector<double> l(d * d, 0.0);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j < d; ++j) {
      if (std::fabs(c[i * d + j] - c[j * d + i]) > 1e-12) return {};
    }
  }
  for (std::size_t j = 0; j < d; ++j) {
    double s = c[j * d + j];
    for (std::size_t k = 0; k < j; ++k) s -= l[j * d + k] * l[j * d + k];
    if (!(s > 1e-12)) return {};
    l[j * d + j] = std::sqrt(s);
    for (std::size_t i = j + 1; i < d; ++i) {
      double t = c[i * d + j];
      for (std::size_t k = 0; k < j; ++k) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / l[j * d + j];
    }
  }
  return l;
}

namespace {

// A standard normal z mapped through a factor's distribution: exactly
// mean + sd·z (normal) or median·exp(sd_log·z) (log-normal) without
// truncation; through Φ and the quantile function otherwise (a Gaussian copula).
double from_standard_normal(const FactorDistribution& f, double z) {
  const bool untruncated = std::isinf(f.hi) && (f.kind == FactorDistribution::Kind::log_normal ? f.lo <= 0.0 : std::isinf(f.lo));
  if (f.kind == FactorDistribution::Kind::normal && untruncated) return f.mean + f.sd * z;
  if (f.kind == FactorDistribution::Kind::log_normal && untruncated) return f.mean * std::exp(f.sd * z);
  return f.quantile(normal_cdf(z));
}

}  // namespace

DesignMatrix make_design(const DesignSpec& spec, const std::vector<FactorDistribution>& factors) {
  DesignMatrix m;
  const std::size_t d = factors.size();
  m.factors = d;
  m.runs = design_runs(spec, factors);
  m.values.resize(m.runs * d);
  switch (spec.type) {
    case DesignSpec::Type::grid: {
      std::vector<std::vector<double>> levels;
      for (const auto& f : factors) levels.push_back(f.grid());
      for (std::size_t r = 0; r < m.runs; ++r) {
        std::size_t rest = r;
        for (std::size_t j = d; j-- > 0;) {  // last factor fastest
          const std::size_t k = levels[j].size();
          m.values[r * d + j] = levels[j][rest % k];
          rest /= k;
        }
      }
      break;
    }
    case DesignSpec::Type::list:
      for (std::size_t r = 0; r < m.runs; ++r) {
        if (spec.rows[r].size() != d) throw std::invalid_argument("list row with the wrong number of values");
        for (std::size_t j = 0; j < d; ++j) m.values[r * d + j] = spec.rows[r][j];
      }
      break;
    case DesignSpec::Type::lhs:
    case DesignSpec::Type::sobol: {
      const std::vector<double> u = spec.type == DesignSpec::Type::lhs ? latin_hypercube_unit(spec.samples, d, spec.seed)
                                                                       : saltelli_unit(spec.samples, d, spec);
      for (std::size_t r = 0; r < m.runs; ++r) {
        for (std::size_t j = 0; j < d; ++j) m.values[r * d + j] = factors[j].quantile(u[r * d + j]);
      }
      break;
    }
    case DesignSpec::Type::morris: {
      const std::vector<double> x = morris_unit(spec.trajectories, d, spec.levels, spec.seed);
      for (std::size_t r = 0; r < m.runs; ++r) {
        for (std::size_t j = 0; j < d; ++j) m.values[r * d + j] = factors[j].at_fraction(x[r * d + j]);
      }
      break;
    }
    case DesignSpec::Type::population: {
      std::vector<double> l;
      if (!spec.correlation.empty()) {
        std::vector<double> c;
        for (const auto& row : spec.correlation) c.insert(c.end(), row.begin(), row.end());
        l = cholesky(c, d);
        if (l.empty()) throw std::invalid_argument("correlation matrix is not positive definite");
      }
      RandomStream rng(spec.seed);
      std::vector<double> z(d);
      for (std::size_t r = 0; r < m.runs; ++r) {
        for (std::size_t j = 0; j < d; ++j) z[j] = normal_quantile(rng.uniform());
        for (std::size_t j = 0; j < d; ++j) {
          double y = z[j];
          if (!l.empty()) {
            y = 0.0;
            for (std::size_t k = 0; k <= j; ++k) y += l[j * d + k] * z[k];
          }
          m.values[r * d + j] = from_standard_normal(factors[j], y);
        }
      }
      break;
    }
  }
  return m;
}

}  // namespace osteon
