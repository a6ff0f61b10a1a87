// Designs of experiments (sweep_design.hpp) and the generators under them:
// structure of every design, stratification, reproducibility from the seed,
// and the statistics of virtual populations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "numerics/random_stream.hpp"
#include "numerics/sobol_sequence.hpp"
#include "numerics/standard_normal.hpp"
#include "sweep/sweep_design.hpp"

namespace osteon {
namespace {

FactorDistribution uniform(double lo, double hi) {
  FactorDistribution f;
  f.kind = FactorDistribution::Kind::uniform;
  f.lo = lo;
  f.hi = hi;
  return f;
}

FactorDistribution normal(double mean, double sd) {
  FactorDistribution f;
  f.kind = FactorDistribution::Kind::normal;
  f.mean = mean;
  f.sd = sd;
  return f;
}

FactorDistribution log_normal(double median, double sd_log) {
  FactorDistribution f;
  f.kind = FactorDistribution::Kind::log_normal;
  f.mean = median;
  f.sd = sd_log;
  f.lo = 0.0;
  return f;
}

// True when floor(u·n) over the n values is a permutation of 0..n-1.
bool one_per_stratum(const std::vector<double>& u) {
  const std::size_t n = u.size();
  std::vector<int> seen(n, 0);
  for (double x : u) {
    const auto k = static_cast<std::size_t>(x * static_cast<double>(n));
    if (x <= 0.0 || x >= 1.0 || k >= n || seen[k]++) return false;
  }
  return true;
}

std::vector<double> column(const std::vector<double>& m, std::size_t d, std::size_t j, std::size_t first = 0,
                           std::size_t stride_rows = 1) {
  std::vector<double> c;
  for (std::size_t r = first; r * d + j < m.size(); r += stride_rows) c.push_back(m[r * d + j]);
  return c;
}

// ---- generators ----------------------------------------------------------------

TEST(RandomStream, IsTheStandardMersenneTwisterSeededWithTheSeedAlone) {
  // C++ standard [rand.predef]: the 10000th output of a default-constructed
  // mt19937_64 (seed 5489) is 9981545732273789042.
  RandomStream r(5489);
  std::uint64_t x = 0;
  for (int i = 0; i < 10000; ++i) x = r.bits();
  EXPECT_EQ(x, 9981545732273789042ull);
}

TEST(RandomStream, UniformIsOpenAndBelowIsUnbiased) {
  RandomStream r(7);
  std::vector<int> counts(6, 0);
  const int n = 600000;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
    ++counts[static_cast<std::size_t>(r.below(6))];
  }
  // Chi-square with 5 degrees of freedom: 20.5 is its 0.999 quantile.
  double chi2 = 0.0;
  for (int c : counts) chi2 += (c - n / 6.0) * (c - n / 6.0) / (n / 6.0);
  EXPECT_LT(chi2, 20.5);
  const auto p = r.permutation(1000);
  std::vector<std::uint32_t> sorted(p.begin(), p.end());
  std::sort(sorted.begin(), sorted.end());
  for (std::uint32_t i = 0; i < 1000; ++i) EXPECT_EQ(sorted[i], i);
}

TEST(StandardNormal, QuantileMatchesTablesAndInvertsTheCdf) {
  // Abramowitz & Stegun Table 26.5 (and any statistics table).
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-15);
  EXPECT_NEAR(normal_quantile(0.95), 1.6448536269514722, 1e-15);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 0.0);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306167813, 1e-14);
  // Φ(Φ⁻¹(p)) = p through std::erfc, in the centre and both far tails.
  for (double p : {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.2, 0.4, 0.6, 0.9, 0.999, 1.0 - 1e-10}) {
    const double x = normal_quantile(p);
    const double back = p < 0.5 ? normal_cdf(x) : 1.0 - normal_cdf(-x);
    EXPECT_NEAR(back / p, 1.0, 2e-13) << p;
  }
  for (double p : {0.5, 0.25, 0.125, 0.01171875}) EXPECT_EQ(normal_quantile(1.0 - p), -normal_quantile(p));
  EXPECT_TRUE(std::isinf(normal_quantile(0.0)));
  EXPECT_TRUE(std::isnan(normal_quantile(1.5)));
}

TEST(SobolSequence, FirstDimensionIsTheVanDerCorputSequenceInGrayCodeOrder) {
  const std::vector<double> p = SobolSequence::points(1, 4096);
  for (std::uint64_t i = 0; i < 4096; ++i) {
    // Bit-reverse the Gray code of i into the fraction 0.b1 b2 b3 ...
    std::uint64_t g = i ^ (i >> 1);
    double x = 0.0, w = 0.5;
    for (; g; g >>= 1, w /= 2) x += static_cast<double>(g & 1u) * w;
    ASSERT_EQ(p[i], x) << i;
  }
}

// The first eight points of scipy.stats.qmc.Sobol(3, scramble=False) (Joe & Kuo 2008 direction numbers).
TEST(SobolSequence, FirstPointsAreThePublishedOnes) {
  const std::vector<double> p = SobolSequence::points(3, 8);
  const std::vector<double> expected = {0,     0,     0,     0.5,   0.5,   0.5,   0.75,  0.25,
                                        0.25,  0.25,  0.75,  0.75,  0.375, 0.375, 0.625, 0.875,
                                        0.875, 0.125, 0.625, 0.125, 0.875, 0.125, 0.625, 0.375};
  EXPECT_EQ(p, expected);
}

TEST(SobolSequence, EveryDimensionIsStratifiedAndTheFirstTwoFormAZeroNet) {
  const int dims = 512;  // of Boost's table of SobolSequence::max_dimensions()
  const std::vector<double> p = SobolSequence::points(dims, 1024);
  struct {
    const std::vector<double>& p;
    int dims;
    double point(std::size_t i, int j) const {
      return p[i * static_cast<std::size_t>(dims) + static_cast<std::size_t>(j)];
    }
  } s{p, dims};
  for (int m : {4, 7, 10}) {
    const std::size_t n = std::size_t{1} << m;
    for (int j = 0; j < dims; ++j) {
      std::vector<int> seen(n, 0);
      for (std::size_t i = 0; i < n; ++i) seen[static_cast<std::size_t>(s.point(i, j) * static_cast<double>(n))]++;
      ASSERT_TRUE(std::all_of(seen.begin(), seen.end(), [](int c) { return c == 1; }))
          << "dimension " << j + 1 << ", m " << m;
    }
    // (0, m, 2)-net: every elementary box of area 2^-m holds exactly one point.
    for (int k = 0; k <= m; ++k) {
      std::vector<int> box(n, 0);
      for (std::size_t i = 0; i < n; ++i) {
        const auto a = static_cast<std::size_t>(s.point(i, 0) * static_cast<double>(1u << k));
        const auto b = static_cast<std::size_t>(s.point(i, 1) * static_cast<double>(1u << (m - k)));
        box[(a << (m - k)) + b]++;
      }
      ASSERT_TRUE(std::all_of(box.begin(), box.end(), [](int c) { return c == 1; })) << "k " << k << ", m " << m;
    }
  }
  EXPECT_GE(SobolSequence::max_dimensions(), 1000);
  EXPECT_THROW(SobolSequence(SobolSequence::max_dimensions() + 1), std::invalid_argument);
}

TEST(Cholesky, FactorsAPositiveDefiniteMatrixAndRejectsOthers) {
  const std::vector<double> c = {1.0, 0.6, -0.3, 0.6, 1.0, 0.2, -0.3, 0.2, 1.0};
  const auto l = cholesky(c, 3);
  ASSERT_EQ(l.size(), 9u);
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      double s = 0.0;
      for (std::size_t k = 0; k < 3; ++k) s += l[i * 3 + k] * l[j * 3 + k];
      EXPECT_NEAR(s, c[i * 3 + j], 1e-14);
    }
  }
  // Pairwise plausible, jointly impossible: corr(1,2) = corr(1,3) = 0.9 but corr(2,3) = -0.9.
  EXPECT_TRUE(cholesky({1.0, 0.9, 0.9, 0.9, 1.0, -0.9, 0.9, -0.9, 1.0}, 3).empty());
  EXPECT_TRUE(cholesky({1.0, 0.5, 0.4, 1.0}, 2).empty());  // not symmetric
}

// ---- designs -----------------------------------------------------------------------

TEST(GridDesign, IsTheFullFactorialWithTheLastFactorFastest) {
  FactorDistribution a, b, c;
  a.kind = b.kind = FactorDistribution::Kind::discrete;
  a.values = {1, 2};
  b.values = {10, 20, 30};
  c = uniform(0.0, 3.0);
  c.grid_levels = 4;
  DesignSpec spec;
  spec.type = DesignSpec::Type::grid;
  const DesignMatrix m = make_design(spec, {a, b, c});
  ASSERT_EQ(m.runs, 24u);
  for (std::size_t r = 0; r < 24; ++r) {
    EXPECT_EQ(m.at(r, 0), a.values[r / 12]);
    EXPECT_EQ(m.at(r, 1), b.values[(r / 4) % 3]);
    EXPECT_DOUBLE_EQ(m.at(r, 2), static_cast<double>(r % 4));
  }
  FactorDistribution g;
  g.kind = FactorDistribution::Kind::log_uniform;
  g.lo = 1.0;
  g.hi = 100.0;
  g.grid_levels = 3;
  const auto levels = g.grid();
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_DOUBLE_EQ(levels[0], 1.0);
  EXPECT_NEAR(levels[1], 10.0, 1e-13);
  EXPECT_EQ(levels[2], 100.0);
}

TEST(LatinHypercube, PutsExactlyOnePointInEachStratumOfEveryFactor) {
  const std::size_t n = 257, d = 5;
  const auto u = latin_hypercube_unit(n, d, 42);
  for (std::size_t j = 0; j < d; ++j) EXPECT_TRUE(one_per_stratum(column(u, d, j))) << j;
  // In factor units the strata are equal-probability: Φ((x - μ)/σ) of a normal factor is stratified.
  DesignSpec spec;
  spec.type = DesignSpec::Type::lhs;
  spec.samples = n;
  spec.seed = 42;
  const DesignMatrix m = make_design(spec, {uniform(2.0, 4.0), normal(10.0, 3.0)});
  std::vector<double> p0, p1;
  for (std::size_t r = 0; r < n; ++r) {
    p0.push_back((m.at(r, 0) - 2.0) / 2.0);
    p1.push_back(normal_cdf((m.at(r, 1) - 10.0) / 3.0));
  }
  EXPECT_TRUE(one_per_stratum(p0));
  EXPECT_TRUE(one_per_stratum(p1));
}

TEST(LatinHypercube, IsReproducibleFromTheSeedAndDiffersBetweenSeeds) {
  EXPECT_EQ(latin_hypercube_unit(100, 3, 1), latin_hypercube_unit(100, 3, 1));
  EXPECT_NE(latin_hypercube_unit(100, 3, 1), latin_hypercube_unit(100, 3, 2));
}

class SaltelliDesign : public ::testing::TestWithParam<std::tuple<bool, bool, bool>> {};

TEST_P(SaltelliDesign, HasSALibsRowLayoutOfA_AB_BA_B) {
  const auto [second_order, quasi, shift] = GetParam();
  const std::size_t n = 64, d = 3;
  DesignSpec spec;
  spec.type = DesignSpec::Type::sobol;
  spec.samples = n;
  spec.seed = 11;
  spec.second_order = second_order;
  spec.quasi_random = quasi;
  spec.digital_shift = shift;
  const auto x = saltelli_unit(n, d, spec);
  const std::size_t step = second_order ? 2 * d + 2 : d + 2;
  ASSERT_EQ(x.size(), n * step * d);
  const std::vector<double> sobol = SobolSequence::points(static_cast<int>(2 * d), n);
  for (std::size_t i = 0; i < n; ++i) {
    const double* a = &x[i * step * d];
    const double* b = &x[(i * step + step - 1) * d];
    for (std::size_t k = 0; k < d; ++k) {
      const double* ab = &x[(i * step + 1 + k) * d];
      for (std::size_t j = 0; j < d; ++j) EXPECT_EQ(ab[j], j == k ? b[j] : a[j]);
      if (second_order) {
        const double* ba = &x[(i * step + 1 + d + k) * d];
        for (std::size_t j = 0; j < d; ++j) EXPECT_EQ(ba[j], j == k ? a[j] : b[j]);
      }
    }
    for (std::size_t j = 0; j < d; ++j) {
      if (quasi && !shift) {  // the raw points: A from dimensions 1..d, B from d+1..2d
        EXPECT_EQ(a[j], sobol[i * 2 * d + j]);
        EXPECT_EQ(b[j], sobol[i * 2 * d + d + j]);
      }
    }
  }
  if (shift || !quasi) {  // A and B are independent draws
    for (std::size_t i = 0; i < n; ++i) EXPECT_NE(x[i * step * d], x[(i * step + step - 1) * d]);
  }
  if (quasi) {  // a digital shift keeps the stratification of the Sobol' points
    for (std::size_t j = 0; j < d; ++j) {
      auto col = column(x, d, j, 0, step);
      if (!shift) std::replace(col.begin(), col.end(), 0.0, 0.5 / static_cast<double>(n));  // the raw first point is 0
      EXPECT_TRUE(one_per_stratum(col)) << j;
    }
  }
  spec.seed = 12;
  const bool seeds_matter = !(quasi && !shift);
  EXPECT_EQ(saltelli_unit(n, d, spec) != x, seeds_matter);
}

INSTANTIATE_TEST_SUITE_P(Variants, SaltelliDesign,
                         ::testing::Values(std::tuple{true, true, true}, std::tuple{false, true, true},
                                           std::tuple{true, true, false}, std::tuple{true, false, false},
                                           std::tuple{false, false, false}));

TEST(MorrisDesign, TrajectoriesMoveOneFactorPerStepByPlusOrMinusDelta) {
  const std::size_t r = 200, d = 5;
  const int p = 4;
  const double delta = morris_delta(p);
  EXPECT_DOUBLE_EQ(delta, 2.0 / 3.0);
  const auto x = morris_unit(r, d, p, 99);
  ASSERT_EQ(x.size(), r * (d + 1) * d);
  int ups = 0, downs = 0;
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<int> moved(d, 0);
    for (std::size_t k = 0; k <= d; ++k) {
      for (std::size_t j = 0; j < d; ++j) {
        const double v = x[(t * (d + 1) + k) * d + j];
        const double level = v * (p - 1);
        EXPECT_NEAR(level, std::round(level), 1e-12);  // on the p-level grid {0, 1/3, 2/3, 1}
        EXPECT_GE(v, 0.0);
        EXPECT_LE(v, 1.0);
      }
      if (k == 0) continue;
      int changed = 0;
      for (std::size_t j = 0; j < d; ++j) {
        const double step = x[(t * (d + 1) + k) * d + j] - x[(t * (d + 1) + k - 1) * d + j];
        if (step != 0.0) {
          ++changed;
          ++moved[j];
          EXPECT_NEAR(std::fabs(step), delta, 1e-15);
          (step > 0 ? ups : downs)++;
        }
      }
      EXPECT_EQ(changed, 1);
    }
    for (int c : moved) EXPECT_EQ(c, 1);  // every factor moves exactly once per trajectory
  }
  EXPECT_GT(ups, 300);  // both directions occur (1000 steps)
  EXPECT_GT(downs, 300);
  EXPECT_EQ(morris_unit(r, d, p, 99), x);
  EXPECT_NE(morris_unit(r, d, p, 100), x);
}

TEST(PopulationDesign, HasTheRequestedMeansSpreadsAndCorrelations) {
  const std::size_t n = 200000;
  DesignSpec spec;
  spec.type = DesignSpec::Type::population;
  spec.samples = n;
  spec.seed = 2024;
  spec.correlation = {{1.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 1.0}};
  const double cv = 0.3, sd_log = std::sqrt(std::log1p(cv * cv));
  const DesignMatrix m = make_design(spec, {log_normal(2.0, sd_log), normal(5.0, 2.0), normal(-1.0, 0.5)});
  // Back to the underlying standard normals: ln for the log-normal factor.
  std::vector<std::vector<double>> z(3, std::vector<double>(n));
  for (std::size_t i = 0; i < n; ++i) {
    z[0][i] = std::log(m.at(i, 0) / 2.0) / sd_log;
    z[1][i] = (m.at(i, 1) - 5.0) / 2.0;
    z[2][i] = (m.at(i, 2) + 1.0) / 0.5;
  }
  const double se_mean = 1.0 / std::sqrt(static_cast<double>(n));
  for (std::size_t j = 0; j < 3; ++j) {
    const double mean = std::accumulate(z[j].begin(), z[j].end(), 0.0) / n;
    double ss = 0.0;
    for (double v : z[j]) ss += (v - mean) * (v - mean);
    EXPECT_NEAR(mean, 0.0, 4 * se_mean) << j;
    EXPECT_NEAR(std::sqrt(ss / (n - 1)), 1.0, 4 * se_mean / std::sqrt(2.0)) << j;
  }
  for (std::size_t j = 0; j < 3; ++j) {
    for (std::size_t k = j + 1; k < 3; ++k) {
      double s = 0.0;
      for (std::size_t i = 0; i < n; ++i) s += z[j][i] * z[k][i];
      const double r = s / n, target = spec.correlation[j][k];
      EXPECT_NEAR(r, target, 4 * (1 - target * target) / std::sqrt(static_cast<double>(n)) + 1e-3) << j << k;
    }
  }
  // The log-normal factor itself: median 2 and coefficient of variation 0.3.
  std::vector<double> x0(n);
  for (std::size_t i = 0; i < n; ++i) x0[i] = m.at(i, 0);
  const double mean0 = std::accumulate(x0.begin(), x0.end(), 0.0) / n;
  EXPECT_NEAR(mean0, 2.0 * std::exp(sd_log * sd_log / 2), 0.005);
  std::nth_element(x0.begin(), x0.begin() + n / 2, x0.end());
  EXPECT_NEAR(x0[n / 2], 2.0, 0.005);
  spec.seed = 2025;
  EXPECT_NE(make_design(spec, {log_normal(2.0, sd_log), normal(5.0, 2.0), normal(-1.0, 0.5)}).values, m.values);
}

TEST(FactorDistribution, TruncatedNormalStaysWithinItsRangeAndKeepsItsShape) {
  FactorDistribution f = normal(0.0, 1.0);
  f.lo = -1.0;
  f.hi = 2.0;
  for (double u : {1e-12, 0.1, 0.5, 0.9, 1.0 - 1e-12}) {
    const double x = f.quantile(u);
    EXPECT_GE(x, -1.0);
    EXPECT_LE(x, 2.0);
    // Its CDF: (Φ(x) - Φ(-1)) / (Φ(2) - Φ(-1)) = u.
    EXPECT_NEAR((normal_cdf(x) - normal_cdf(-1.0)) / (normal_cdf(2.0) - normal_cdf(-1.0)), u, 1e-12);
  }
  FactorDistribution v;
  v.kind = FactorDistribution::Kind::discrete;
  v.values = {5, 7, 9};
  EXPECT_EQ(v.quantile(0.01), 5);
  EXPECT_EQ(v.quantile(0.5), 7);
  EXPECT_EQ(v.quantile(0.99), 9);
}

// Streaming (issue 19, item 5): a design generated in chunks of any size, and a Latin hypercube's
// factor generated alone, are the design made whole, value for value (the draws keep their order).
TEST(DesignStreaming, ChunksAndLatinHypercubeColumnsEqualTheWholeDesign) {
  const std::vector<FactorDistribution> f{uniform(2.0, 4.0), normal(10.0, 3.0), log_normal(5.0, 0.4)};
  std::vector<DesignSpec> specs(6);
  specs[0].type = DesignSpec::Type::lhs;
  specs[0].samples = 101;
  specs[1].type = DesignSpec::Type::sobol;
  specs[1].samples = 16;
  specs[2].type = DesignSpec::Type::sobol;
  specs[2].samples = 9;
  specs[2].quasi_random = false;
  specs[2].second_order = false;
  specs[3].type = DesignSpec::Type::population;
  specs[3].samples = 50;
  specs[3].correlation = {{1, 0.3, 0}, {0.3, 1, 0}, {0, 0, 1}};
  specs[4].type = DesignSpec::Type::morris;
  specs[4].trajectories = 7;
  specs[5].type = DesignSpec::Type::grid;
  std::vector<FactorDistribution> morris_f{uniform(2.0, 4.0), uniform(0.0, 1.0), uniform(-1.0, 1.0)};
  FactorDistribution a, b;
  a.kind = b.kind = FactorDistribution::Kind::discrete;
  a.values = {1, 2, 3};
  b.values = {10, 20, 30, 40, 50};
  std::vector<FactorDistribution> grid_f{a, b};
  for (auto& spec : specs) spec.seed = 42;
  for (const auto& spec : specs) {
    const auto& factors = spec.type == DesignSpec::Type::morris ? morris_f
                          : spec.type == DesignSpec::Type::grid ? grid_f
                                                                : f;
    const DesignMatrix whole = make_design(spec, factors);
    for (std::size_t chunk : {1u, 7u, 64u, 100000u}) {
      std::vector<double> got;
      std::size_t expected_first = 0;
      generate_design(spec, factors, chunk, [&](std::size_t first, std::size_t rows, const double* v) {
        EXPECT_EQ(first, expected_first);
        expected_first += rows;
        got.insert(got.end(), v, v + rows * factors.size());
      });
      EXPECT_EQ(got, whole.values) << design_type_name(spec.type) << " in chunks of " << chunk;
    }
    if (spec.type != DesignSpec::Type::lhs) continue;
    for (std::size_t j = 0; j < factors.size(); ++j) {
      std::vector<double> column;
      generate_lhs_column(spec, factors, j, 13, [&](std::size_t, std::size_t rows, const double* v) {
        column.insert(column.end(), v, v + rows);
      });
      ASSERT_EQ(column.size(), whole.runs);
      for (std::size_t r = 0; r < whole.runs; ++r) EXPECT_EQ(column[r], whole.at(r, j)) << r << "," << j;
    }
  }
}

}  // namespace
}  // namespace osteon
