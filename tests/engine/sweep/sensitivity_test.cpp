// Sobol' and Morris estimators (sensitivity.hpp) on functions whose indices
// are known in closed form.
#include <gtest/gtest.h>

#include <cmath>

#include "sweep/sensitivity.hpp"
#include "sweep/sweep_design.hpp"

namespace osteon {
namespace {

const double pi = std::acos(-1.0);

// Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [-π, π]³.
// Variances (Sobol' & Levitan 1999): V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
// V13 = b²π⁸ (1/18 - 1/50), V = V1 + V2 + V13.
struct Ishigami {
  double a = 7.0, b = 0.1;
  double operator()(const double* x) const {
    return std::sin(x[0]) + a * std::sin(x[1]) * std::sin(x[1]) + b * std::pow(x[2], 4) * std::sin(x[0]);
  }
  double v1() const { return 0.5 * std::pow(1.0 + b * std::pow(pi, 4) / 5.0, 2); }
  double v2() const { return a * a / 8.0; }
  double v13() const { return b * b * std::pow(pi, 8) * (1.0 / 18.0 - 1.0 / 50.0); }
  double v() const { return v1() + v2() + v13(); }
};

std::vector<double> evaluate_on_saltelli(const DesignSpec& spec, std::size_t d,
                                         const std::function<double(const double*)>& f, double lo, double hi) {
  const auto u = saltelli_unit(spec.samples, d, spec);
  std::vector<double> y(u.size() / d);
  std::vector<double> x(d);
  for (std::size_t r = 0; r < y.size(); ++r) {
    for (std::size_t j = 0; j < d; ++j) x[j] = lo + (hi - lo) * u[r * d + j];
    y[r] = f(x.data());
  }
  return y;
}

class IshigamiSobol : public ::testing::TestWithParam<bool> {};

TEST_P(IshigamiSobol, FirstAndTotalIndicesMatchTheClosedForm) {
  const bool quasi = GetParam();
  const Ishigami f;
  // The task's reference values (a = 7, b = 0.1), from the variances above.
  const double s1[3] = {f.v1() / f.v(), f.v2() / f.v(), 0.0};
  const double st[3] = {(f.v1() + f.v13()) / f.v(), f.v2() / f.v(), f.v13() / f.v()};
  EXPECT_NEAR(s1[0], 0.3139, 1e-4);
  EXPECT_NEAR(s1[1], 0.4424, 1e-4);
  EXPECT_NEAR(st[0], 0.5576, 1e-4);
  EXPECT_NEAR(st[2], 0.2437, 1e-4);

  DesignSpec spec;
  spec.type = DesignSpec::Type::sobol;
  spec.samples = quasi ? 8192 : 32768;
  spec.seed = 1234;
  spec.quasi_random = quasi;
  const auto y = evaluate_on_saltelli(spec, 3, f, -pi, pi);
  const SobolIndices r = sobol_indices(y, spec.samples, 3, true, {200, 0.95, 5});
  for (int j = 0; j < 3; ++j) {
    // Within the bootstrap confidence interval, and that interval is narrow.
    EXPECT_NEAR(r.S1[j], s1[j], r.S1_conf[j]) << "S1 of x" << j + 1;
    EXPECT_NEAR(r.ST[j], st[j], r.ST_conf[j]) << "ST of x" << j + 1;
    EXPECT_LT(r.S1_conf[j], 0.05);
    EXPECT_LT(r.ST_conf[j], 0.05);
    EXPECT_NEAR(r.S1[j], s1[j], 0.02);
    EXPECT_NEAR(r.ST[j], st[j], 0.02);
  }
  // Second order: only x1·x3 interact, S13 = V13 / V.
  EXPECT_NEAR(r.S2[0 * 3 + 2], f.v13() / f.v(), 3 * r.S2_conf[0 * 3 + 2] + 0.01);
  EXPECT_NEAR(r.S2[0 * 3 + 1], 0.0, 3 * r.S2_conf[0 * 3 + 1] + 0.01);
  EXPECT_NEAR(r.S2[1 * 3 + 2], 0.0, 3 * r.S2_conf[1 * 3 + 2] + 0.01);
  EXPECT_TRUE(std::isnan(r.S2[2 * 3 + 0]));  // lower triangle unused
}

INSTANTIATE_TEST_SUITE_P(SobolAndRandomPoints, IshigamiSobol, ::testing::Bool());

TEST(SobolIndices, AdditiveLinearModelHasSiEqualToItsVarianceShare) {
  // y = Σ c_j x_j, x_j ~ U(0, w_j): S1_j = ST_j = c_j² w_j² / Σ_k c_k² w_k².
  const double c[3] = {2.0, -1.0, 0.5}, w[3] = {1.0, 3.0, 2.0};
  DesignSpec spec;
  spec.type = DesignSpec::Type::sobol;
  spec.samples = 4096;
  spec.seed = 3;
  spec.second_order = false;
  const auto u = saltelli_unit(spec.samples, 3, spec);
  std::vector<double> y(u.size() / 3);
  for (std::size_t r = 0; r < y.size(); ++r) {
    for (int j = 0; j < 3; ++j) y[r] += c[j] * w[j] * u[r * 3 + j] + 100.0;  // a large offset must not matter
  }
  const SobolIndices r = sobol_indices(y, spec.samples, 3, false, {100, 0.95, 1});
  double total = 0.0;
  for (int j = 0; j < 3; ++j) total += c[j] * c[j] * w[j] * w[j];
  for (int j = 0; j < 3; ++j) {
    const double share = c[j] * c[j] * w[j] * w[j] / total;
    EXPECT_NEAR(r.S1[j], share, 0.01) << j;
    EXPECT_NEAR(r.ST[j], share, 0.01) << j;
  }
  EXPECT_TRUE(r.S2.empty());
}

TEST(SobolIndices, AreReproducibleAndNaNWhenAnOutputIsMissing) {
  DesignSpec spec;
  spec.type = DesignSpec::Type::sobol;
  spec.samples = 256;
  spec.seed = 9;
  const Ishigami f;
  auto y = evaluate_on_saltelli(spec, 3, f, -pi, pi);
  const SobolIndices a = sobol_indices(y, 256, 3, true, {50, 0.95, 17});
  const SobolIndices b = sobol_indices(y, 256, 3, true, {50, 0.95, 17});
  EXPECT_EQ(a.S1_conf, b.S1_conf);
  const SobolIndices c = sobol_indices(y, 256, 3, true, {50, 0.95, 18});
  EXPECT_NE(a.S1_conf, c.S1_conf);
  EXPECT_EQ(a.S1, c.S1);  // the point estimates do not depend on the bootstrap
  y[5] = std::nan("");
  const SobolIndices n = sobol_indices(y, 256, 3, true, {50, 0.95, 17});
  for (double v : n.S1) EXPECT_TRUE(std::isnan(v));
  EXPECT_THROW(sobol_indices(std::vector<double>(10), 256, 3, true, {}), std::invalid_argument);
}

TEST(MorrisIndices, LinearFunctionHasMuStarEqualToCoefficientTimesRange) {
  // y = Σ c_j x_j on x_j in [lo_j, hi_j]: every elementary effect of x_j is c_j (hi_j - lo_j).
  const double c[4] = {3.0, -2.0, 0.0, 0.25};
  const double lo[4] = {0.0, 1.0, -5.0, 10.0}, hi[4] = {1.0, 4.0, 5.0, 50.0};
  std::vector<FactorDistribution> fs(4);
  for (int j = 0; j < 4; ++j) {
    fs[j].kind = FactorDistribution::Kind::uniform;
    fs[j].lo = lo[j];
    fs[j].hi = hi[j];
  }
  for (int levels : {4, 6}) {
    DesignSpec spec;
    spec.type = DesignSpec::Type::morris;
    spec.trajectories = 30;
    spec.levels = levels;
    spec.seed = 5;
    const DesignMatrix m = make_design(spec, fs);
    std::vector<double> y(m.runs);
    for (std::size_t r = 0; r < m.runs; ++r) {
      for (int j = 0; j < 4; ++j) y[r] += c[j] * m.at(r, static_cast<std::size_t>(j));
    }
    const MorrisIndices mi = morris_indices(m.values, y, 4, levels, {100, 0.95, 1});
    for (int j = 0; j < 4; ++j) {
      const double range = hi[j] - lo[j];
      EXPECT_NEAR(mi.mu_star[j], std::fabs(c[j]) * range, 1e-9 * (1 + range)) << j;
      EXPECT_NEAR(mi.mu[j], c[j] * range, 1e-9 * (1 + range)) << j;
      EXPECT_NEAR(mi.sigma[j], 0.0, 1e-9 * (1 + range)) << j;
      EXPECT_NEAR(mi.mu_star_conf[j], 0.0, 1e-9 * (1 + range)) << j;
    }
  }
}

TEST(MorrisIndices, InteractionShowsAsSpreadOfTheEffects) {
  // y = x1·x2 on [0, 1]²: the effect of x1 is Δ·x2/Δ = x2, which varies with x2.
  std::vector<FactorDistribution> fs(3);
  for (auto& f : fs) {
    f.kind = FactorDistribution::Kind::uniform;
    f.lo = 0.0;
    f.hi = 1.0;
  }
  DesignSpec spec;
  spec.type = DesignSpec::Type::morris;
  spec.trajectories = 100;
  spec.levels = 4;
  spec.seed = 8;
  const DesignMatrix m = make_design(spec, fs);
  std::vector<double> y(m.runs);
  for (std::size_t r = 0; r < m.runs; ++r) y[r] = m.at(r, 0) * m.at(r, 1);
  const MorrisIndices mi = morris_indices(m.values, y, 3, 4, {100, 0.95, 1});
  EXPECT_GT(mi.sigma[0], 0.2);
  EXPECT_GT(mi.sigma[1], 0.2);
  EXPECT_NEAR(mi.mu_star[0], 0.5, 0.1);  // the mean of x2 over the level grid
  EXPECT_EQ(mi.mu_star[2], 0.0);
  EXPECT_GT(mi.mu_star_conf[0], 0.0);
}

}  // namespace
}  // namespace osteon
