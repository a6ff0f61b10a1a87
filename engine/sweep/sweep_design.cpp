#include "sweep/sweep_design.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "numerics/random_stream.hpp"
#include "numerics/sobol_sequence.hpp"
#include "numerics/standard_normal.hpp"

namespace osteon {

const char* design_type_name(DesignSpec::Type t) {
  switch (t) {
    case DesignSpec::Type::grid:
      return "grid";
    case DesignSpec::Type::list:
      return "list";
    case DesignSpec::Type::lhs:
      return "lhs";
    case DesignSpec::Type::sobol:
      return "sobol";
    case DesignSpec::Type::morris:
      return "morris";
    case DesignSpec::Type::population:
      return "population";
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
    case DesignSpec::Type::list:
      return spec.rows.size();
    case DesignSpec::Type::lhs:
    case DesignSpec::Type::population:
      return spec.samples;
    case DesignSpec::Type::sobol:
      return spec.samples * (spec.second_order ? 2 * d + 2 : d + 2);
    case DesignSpec::Type::morris:
      return spec.trajectories * (d + 1);
  }
  return 0;
}

namespace {

// The unit-cube rows of the random designs, produced one after another in the order of the
// contract (docs/sweeps.md): the same draws from the same stream as when a design was built
// whole, so that a design can be generated (and checked) in chunks with flat memory.
class LhsRows {
 public:
  // The permutations are drawn first, one per factor (4 B per run and factor, held while generating).
  LhsRows(std::size_t n, std::size_t d, std::uint64_t seed) : n_(n), d_(d), rng_(seed) {
    for (std::size_t j = 0; j < d; ++j) perm_.push_back(rng_.permutation(static_cast<std::uint32_t>(n)));
  }
  void next(double* row) {
    const double nn = static_cast<double>(n_);
    for (std::size_t j = 0; j < d_; ++j) row[j] = (perm_[j][i_] + rng_.uniform()) / nn;
    ++i_;
  }

 private:
  std::size_t n_, d_, i_ = 0;
  RandomStream rng_;
  std::vector<std::vector<std::uint32_t>> perm_;
};

// Saltelli's rows, one base sample (A_i, B_i) at a time: `step` rows per base sample.
class SaltelliRows {
 public:
  SaltelliRows(std::size_t d, const DesignSpec& spec)
      : d_(d), spec_(spec), rng_(spec.seed), step_(spec.second_order ? 2 * d + 2 : d + 2), base_(2 * d) {
    if (spec.quasi_random) {
      if (2 * d > static_cast<std::size_t>(SobolSequence::max_dimensions())) {
        throw std::invalid_argument("Sobol' points for " + std::to_string(d) + " factors need " +
                                    std::to_string(2 * d) + " dimensions; at most " +
                                    std::to_string(SobolSequence::max_dimensions()) +
                                    " are available (use sequence: random)");
      }
      sobol_ = std::make_unique<SobolSequence>(static_cast<int>(2 * d));
      shift_.assign(2 * d, 0u);
      point_.resize(2 * d);
      if (spec.digital_shift) {
        for (auto& s : shift_) s = static_cast<std::uint32_t>(rng_.bits() >> 32);
      }
    }
  }
  std::size_t step() const { return step_; }
  // The `step` rows of the next base sample, row-major into rows[step * d].
  void next(double* row) {
    const std::size_t d = d_;
    if (sobol_) {
      sobol_->next(point_.data());
      for (std::size_t j = 0; j < 2 * d; ++j) {
        const std::uint32_t x = point_[j];
        // A shifted point sits at the centre of its 2^-32 cell, so it is never 0 or 1.
        base_[j] = spec_.digital_shift ? ((x ^ shift_[j]) + 0.5) * 0x1.0p-32 : x * 0x1.0p-32;
      }
    } else {
      for (auto& x : base_) x = rng_.uniform();
    }
    const double* a = base_.data();
    const double* b = a + d;
    for (std::size_t j = 0; j < d; ++j) row[j] = a[j];  // A
    for (std::size_t k = 0; k < d; ++k) {               // AB_k: A with column k from B
      for (std::size_t j = 0; j < d; ++j) row[(1 + k) * d + j] = j == k ? b[j] : a[j];
    }
    if (spec_.second_order) {
      for (std::size_t k = 0; k < d; ++k) {  // BA_k: B with column k from A
        for (std::size_t j = 0; j < d; ++j) row[(1 + d + k) * d + j] = j == k ? a[j] : b[j];
      }
    }
    for (std::size_t j = 0; j < d; ++j) row[(step_ - 1) * d + j] = b[j];  // B
  }

 private:
  std::size_t d_;
  const DesignSpec& spec_;
  RandomStream rng_;
  std::size_t step_;
  std::unique_ptr<SobolSequence> sobol_;
  std::vector<std::uint32_t> shift_, point_;
  std::vector<double> base_;
};

// Morris trajectories, one at a time: d + 1 rows each.
class MorrisRows {
 public:
  MorrisRows(std::size_t d, int levels, std::uint64_t seed) : d_(d), levels_(levels), rng_(seed), x_(d), dir_(d) {}
  void next(double* rows) {
    const std::size_t d = d_;
    const double delta = morris_delta(levels_);
    const auto base_levels = static_cast<std::uint64_t>(levels_ / 2);  // x* in {0, 1/(p-1), ..., 1 - Δ}
    for (std::size_t j = 0; j < d; ++j) x_[j] = static_cast<double>(rng_.below(base_levels)) / (levels_ - 1);
    const auto order = rng_.permutation(static_cast<std::uint32_t>(d));
    for (std::size_t j = 0; j < d; ++j) dir_[j] = (rng_.bits() >> 63) ? -1 : 1;
    // A factor moving down starts at x* + Δ and ends at x*.
    for (std::size_t j = 0; j < d; ++j) {
      if (dir_[j] < 0) x_[j] += delta;
    }
    for (std::size_t j = 0; j < d; ++j) rows[j] = x_[j];
    for (std::size_t k = 0; k < d; ++k) {
      const std::size_t j = order[k];
      x_[j] += dir_[j] * delta;
      for (std::size_t c = 0; c < d; ++c) rows[(k + 1) * d + c] = x_[c];
    }
  }

 private:
  std::size_t d_;
  int levels_;
  RandomStream rng_;
  std::vector<double> x_;
  std::vector<int> dir_;
};

}  // namespace

std::vector<double> latin_hypercube_unit(std::size_t n, std::size_t d, std::uint64_t seed) {
  LhsRows rows(n, d, seed);
  std::vector<double> u(n * d);
  for (std::size_t i = 0; i < n; ++i) rows.next(&u[i * d]);
  return u;
}

std::vector<double> saltelli_unit(std::size_t n, std::size_t d, const DesignSpec& spec) {
  SaltelliRows rows(d, spec);
  std::vector<double> out(n * rows.step() * d);
  for (std::size_t i = 0; i < n; ++i) rows.next(&out[i * rows.step() * d]);
  return out;
}

std::vector<double> morris_unit(std::size_t trajectories, std::size_t d, int levels, std::uint64_t seed) {
  MorrisRows rows(d, levels, seed);
  std::vector<double> out(trajectories * (d + 1) * d);
  for (std::size_t t = 0; t < trajectories; ++t) rows.next(&out[t * (d + 1) * d]);
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
  const bool untruncated =
      std::isinf(f.hi) && (f.kind == FactorDistribution::Kind::log_normal ? f.lo <= 0.0 : std::isinf(f.lo));
  if (f.kind == FactorDistribution::Kind::normal && untruncated) return f.mean + f.sd * z;
  if (f.kind == FactorDistribution::Kind::log_normal && untruncated) return f.mean * std::exp(f.sd * z);
  return f.quantile(normal_cdf(z));
}

}  // namespace

void generate_design(const DesignSpec& spec, const std::vector<FactorDistribution>& factors, std::size_t chunk_rows,
                     const std::function<void(std::size_t first, std::size_t rows, const double* values)>& sink) {
  const std::size_t d = factors.size();
  const std::size_t runs = design_runs(spec, factors);
  // Whole groups of rows (a Saltelli base sample, a Morris trajectory) go into one chunk.
  std::size_t group = 1;
  if (spec.type == DesignSpec::Type::sobol) group = spec.second_order ? 2 * d + 2 : d + 2;
  if (spec.type == DesignSpec::Type::morris) group = d + 1;
  const std::size_t per_chunk = std::max<std::size_t>(1, chunk_rows / group) * group;
  std::vector<double> chunk(std::min(per_chunk, runs) * d);
  std::vector<double> u(spec.type == DesignSpec::Type::grid || spec.type == DesignSpec::Type::list ? 0 : group * d);

  // The per-type state, created once: the streams continue from chunk to chunk.
  std::vector<std::vector<double>> levels;
  std::unique_ptr<LhsRows> lhs;
  std::unique_ptr<SaltelliRows> saltelli;
  std::unique_ptr<MorrisRows> morris;
  std::unique_ptr<RandomStream> population;
  std::vector<double> l, z(d);
  switch (spec.type) {
    case DesignSpec::Type::grid:
      for (const auto& f : factors) levels.push_back(f.grid());
      break;
    case DesignSpec::Type::list:
      break;
    case DesignSpec::Type::lhs:
      lhs = std::make_unique<LhsRows>(spec.samples, d, spec.seed);
      break;
    case DesignSpec::Type::sobol:
      saltelli = std::make_unique<SaltelliRows>(d, spec);
      break;
    case DesignSpec::Type::morris:
      morris = std::make_unique<MorrisRows>(d, spec.levels, spec.seed);
      break;
    case DesignSpec::Type::population:
      if (!spec.correlation.empty()) {
        std::vector<double> c;
        for (const auto& row : spec.correlation) c.insert(c.end(), row.begin(), row.end());
        l = cholesky(c, d);
        if (l.empty()) throw std::invalid_argument("correlation matrix is not positive definite");
      }
      population = std::make_unique<RandomStream>(spec.seed);
      break;
  }

  for (std::size_t first = 0; first < runs; first += per_chunk) {
    const std::size_t n = std::min(per_chunk, runs - first);
    double* out = chunk.data();
    for (std::size_t g = 0; g < n; g += group) {
      const std::size_t r = first + g;
      switch (spec.type) {
        case DesignSpec::Type::grid: {
          std::size_t rest = r;
          for (std::size_t j = d; j-- > 0;) {  // last factor fastest
            const std::size_t k = levels[j].size();
            out[g * d + j] = levels[j][rest % k];
            rest /= k;
          }
          break;
        }
        case DesignSpec::Type::list:
          if (spec.rows[r].size() != d) throw std::invalid_argument("list row with the wrong number of values");
          for (std::size_t j = 0; j < d; ++j) out[g * d + j] = spec.rows[r][j];
          break;
        case DesignSpec::Type::lhs:
          lhs->next(u.data());
          for (std::size_t j = 0; j < d; ++j) out[g * d + j] = factors[j].quantile(u[j]);
          break;
        case DesignSpec::Type::sobol:
          saltelli->next(u.data());
          for (std::size_t k = 0; k < group * d; ++k) out[g * d + k] = factors[k % d].quantile(u[k]);
          break;
        case DesignSpec::Type::morris:
          morris->next(u.data());
          for (std::size_t k = 0; k < group * d; ++k) out[g * d + k] = factors[k % d].at_fraction(u[k]);
          break;
        case DesignSpec::Type::population:
          for (std::size_t j = 0; j < d; ++j) z[j] = normal_quantile(population->uniform());
          for (std::size_t j = 0; j < d; ++j) {
            double y = z[j];
            if (!l.empty()) {
              y = 0.0;
              for (std::size_t k = 0; k <= j; ++k) y += l[j * d + k] * z[k];
            }
            out[g * d + j] = from_standard_normal(factors[j], y);
          }
          break;
      }
    }
    sink(first, n, chunk.data());
  }
}

void generate_lhs_column(const DesignSpec& spec, const std::vector<FactorDistribution>& factors, std::size_t j,
                         std::size_t chunk_rows,
                         const std::function<void(std::size_t first, std::size_t rows, const double* values)>& sink) {
  const std::size_t n = spec.samples, d = factors.size();
  const auto n32 = static_cast<std::uint32_t>(n);
  // The stream of LhsRows: the d permutations, then the uniforms row by row (d per row).
  RandomStream rng(spec.seed);
  for (std::size_t k = 0; k < j; ++k) rng.skip_permutation(n32);
  const std::vector<std::uint32_t> perm = rng.permutation(n32);
  for (std::size_t k = j + 1; k < d; ++k) rng.skip_permutation(n32);
  const double nn = static_cast<double>(n);
  std::vector<double> chunk(std::min(std::max<std::size_t>(chunk_rows, 1), n));
  for (std::size_t first = 0; first < n; first += chunk.size()) {
    const std::size_t rows = std::min(chunk.size(), n - first);
    for (std::size_t i = 0; i < rows; ++i) {
      rng.discard(j);
      chunk[i] = factors[j].quantile((perm[first + i] + rng.uniform()) / nn);
      rng.discard(d - 1 - j);
    }
    sink(first, rows, chunk.data());
  }
}

DesignMatrix make_design(const DesignSpec& spec, const std::vector<FactorDistribution>& factors) {
  DesignMatrix m;
  m.factors = factors.size();
  m.runs = design_runs(spec, factors);
  m.values.resize(m.runs * m.factors);
  generate_design(spec, factors, design_chunk_rows, [&](std::size_t first, std::size_t rows, const double* v) {
    std::copy(v, v + rows * m.factors, m.values.begin() + static_cast<std::ptrdiff_t>(first * m.factors));
  });
  return m;
}

}  // namespace osteon
