// ParameterEnsemble: draws from a declared parameter covariance. The tests use
// a synthetic uncertainty on the TwoPools test model, so they check the
// sampler against known numbers whatever the integrated model's calibration.
#include "run/parameter_ensemble.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <memory>

#include "builtin_models.hpp"
#include "model/model_adapter.hpp"
#include "support/test_models.hpp"

namespace osteon {
namespace {

using testing::TwoPools;

// a (log), b (linear) and c (log), correlated; d tied to a; bounds far out (about 6 sd), so
// truncation removes ~1e-8 of the mass and the sample covariance must match the stored one.
const std::array<UncertainParameter, 3> params{{{"a", 2.0, true, 2.0 * std::exp(-1.8), 2.0 * std::exp(1.8)},
                                                {"b", 0.1, false, 0.1 - 0.12, 0.1 + 0.12},
                                                {"c", 0.05, true, 0.05 * std::exp(-2.4), 0.05 * std::exp(2.4)}}};
// sd 0.3, 0.02, 0.4; correlations a-b 0.5, a-c -0.3, b-c 0.2.
const std::array<double, 9> cov{0.09,   0.003,  -0.036,  //
                                0.003,  0.0004, 0.0016,  //
                                -0.036, 0.0016, 0.16};
const std::array<TiedTerm, 1> tied{{{"d", 0.3, "a", 0.15}}};
const ParameterUncertainty uncertainty{params, cov, tied, "test"};

std::unique_ptr<Model> model_with_uncertainty(const ParameterUncertainty* u) {
  auto m = make_model<TwoPools>();
  m->declare_uncertainty(u);
  return m;
}

TEST(ParameterEnsemble, SampleCovarianceMatchesTheDeclaredOne) {
  const auto model = model_with_uncertainty(&uncertainty);
  const std::size_t n = 20000;
  const ParameterEnsemble e(*model, n, 7);
  ASSERT_EQ(e.n_parameters(), 3u);
  std::array<double, 3> mean{};
  for (std::size_t k = 0; k < n; ++k) {
    ASSERT_TRUE(e.draw_error(k).empty());
    for (std::size_t j = 0; j < 3; ++j) mean[j] += e.fitted(k, j) / n;
  }
  // The centre: |mean - mu| < 4 sd/sqrt(n) (a 4-sigma bound: fails by chance with p ~ 6e-5).
  for (std::size_t j = 0; j < 3; ++j) {
    const double mu = params[j].log ? std::log(params[j].value) : params[j].value;
    EXPECT_NEAR(mean[j], mu, 4.0 * std::sqrt(cov[j * 3 + j] / n)) << j;
  }
  // Each entry of the sample covariance: for normal data var(s_ij) = (s_ii s_jj + s_ij^2)/(n-1);
  // the tolerance is 4 of its standard errors.
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      double s = 0.0;
      for (std::size_t k = 0; k < n; ++k) s += (e.fitted(k, i) - mean[i]) * (e.fitted(k, j) - mean[j]);
      s /= static_cast<double>(n - 1);
      const double se = std::sqrt((cov[i * 3 + i] * cov[j * 3 + j] + cov[i * 3 + j] * cov[i * 3 + j]) / (n - 1));
      EXPECT_NEAR(s, cov[i * 3 + j], 4.0 * se) << i << "," << j;
    }
  }
}

TEST(ParameterEnsemble, SameSeedSameMembersWhateverTheirNumber) {
  const auto model = model_with_uncertainty(&uncertainty);
  const ParameterEnsemble a(*model, 50, 3), b(*model, 200, 3), c(*model, 50, 4);
  bool differs = false;
  for (std::size_t k = 0; k < 50; ++k) {
    for (std::size_t j = 0; j < 3; ++j) {
      EXPECT_EQ(a.fitted(k, j), b.fitted(k, j));  // member k does not depend on how many are drawn
      differs = differs || a.fitted(k, j) != c.fitted(k, j);
    }
  }
  EXPECT_TRUE(differs);  // another seed, other members
}

TEST(ParameterEnsemble, ApplyMovesParametersByTheDrawAndTiedOnesLinearly) {
  const auto model = model_with_uncertainty(&uncertainty);
  const ParameterEnsemble e(*model, 5, 11);
  for (std::size_t k = 0; k < 5; ++k) {
    std::vector<double> p = model->default_params();  // a = 2, b = 0.1, c = 0.05, d = 0.3, e = 0.2
    ASSERT_EQ(e.apply(k, p), "");
    EXPECT_DOUBLE_EQ(p[0], std::exp(e.fitted(k, 0)));
    EXPECT_NEAR(p[1], e.fitted(k, 1), 1e-15);
    EXPECT_DOUBLE_EQ(p[2], std::exp(e.fitted(k, 2)));
    EXPECT_NEAR(p[3], 0.3 + 0.15 * (e.value(k, 0) - 2.0), 1e-15);
    EXPECT_EQ(p[4], 0.2);  // not uncertain, not tied
    // Relative to the run's own value: a scenario that set a = 4 gets twice member k's a.
    std::vector<double> q = model->default_params();
    q[0] = 4.0;
    ASSERT_EQ(e.apply(k, q), "");
    EXPECT_NEAR(q[0], 2.0 * p[0], 1e-12);
  }
}

TEST(ParameterEnsemble, DrawsStayWithinTheBoundsWhenTheCentreIsOnOne) {
  // b's calibrated value on its lower bound: half the normal is outside and redrawn.
  const std::array<UncertainParameter, 1> on_bound{{{"b", 0.1, false, 0.1, 0.5}}};
  const std::array<double, 1> var{0.0004};
  const ParameterUncertainty u{on_bound, var, {}, "test"};
  const auto model = model_with_uncertainty(&u);
  const ParameterEnsemble e(*model, 4000, 1);
  double sum = 0.0;
  for (std::size_t k = 0; k < e.size(); ++k) {
    ASSERT_GE(e.fitted(k, 0), 0.1);
    ASSERT_LE(e.fitted(k, 0), 0.5);
    sum += e.fitted(k, 0) - 0.1;
  }
  // A half-normal of sd 0.02 has mean 0.02 sqrt(2/pi) = 0.01596 (sd of the mean 0.02*0.6028/sqrt(4000)).
  EXPECT_NEAR(sum / 4000.0, 0.02 * std::sqrt(2.0 / M_PI), 4.0 * 0.02 * 0.6028 / std::sqrt(4000.0));
}

TEST(ParameterEnsemble, AMemberTheModelCannotRunIsReportedNotDropped) {
  // b's bounds reach below 0, where TwoPools' own range ends (b >= 0): such members get a message
  // naming the parameter (compare turns it into a failed run, counted and listed).
  const std::array<UncertainParameter, 1> wide{{{"b", 0.01, false, -0.05, 0.07}}};
  const std::array<double, 1> var{0.0004};
  const ParameterUncertainty u{wide, var, {}, "test"};
  const auto model = model_with_uncertainty(&u);
  const ParameterEnsemble e(*model, 200, 5);
  std::size_t refused = 0;
  for (std::size_t k = 0; k < e.size(); ++k) {
    std::vector<double> p = model->default_params();
    p[1] = 0.01;
    const std::string why = e.apply(k, p);
    if (e.fitted(k, 0) < 0.0) {
      EXPECT_NE(why.find("parameter b = "), std::string::npos) << why;
      EXPECT_NE(why.find("outside its range"), std::string::npos) << why;
      ++refused;
    } else {
      EXPECT_EQ(why, "");
    }
  }
  // P(b < 0) = Phi(-0.5) = 0.309 of 200 draws: 61.7 expected, sd 6.5.
  EXPECT_GT(refused, 35u);
  EXPECT_LT(refused, 90u);
}

TEST(ParameterEnsemble, RefusesAModelWithoutUncertaintyAndACovarianceThatIsNotPositiveDefinite) {
  const auto plain = model_with_uncertainty(nullptr);
  EXPECT_THROW(ParameterEnsemble(*plain, 3, 1), std::logic_error);
  const std::array<double, 9> singular{1, 1, 0, 1, 1, 0, 0, 0, 1};
  const ParameterUncertainty bad{params, singular, {}, "test"};
  const auto model = model_with_uncertainty(&bad);
  EXPECT_THROW(ParameterEnsemble(*model, 3, 1), std::logic_error);
}

TEST(Percentile, MatchesNumpysLinearInterpolation) {
  // numpy.percentile([3, 1, 4, 1, 5], [5, 50, 95]) = [1.0, 3.0, 4.8]
  const std::vector<double> v{3, 1, 4, 1, 5};
  EXPECT_DOUBLE_EQ(percentile(v, 5.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile(v, 50.0), 3.0);
  EXPECT_DOUBLE_EQ(percentile(v, 95.0), 4.8);
  EXPECT_TRUE(std::isnan(percentile({}, 50.0)));
}

// The integrated model's declared uncertainty (from its calibration's uncertainty.json) names
// parameters it has, within their declared ranges, with a covariance that can be sampled.
TEST(ParameterEnsemble, TheIntegratedModelDeclaresASampleableUncertainty) {
  const Model& m = *models::builtin_registry().find("integrated");
  ASSERT_NE(m.uncertainty(), nullptr);
  const ParameterUncertainty& u = *m.uncertainty();
  EXPECT_GE(u.parameters.size(), 2u);
  for (const auto& p : u.parameters) {
    const auto i = m.info().param_index(p.name);
    ASSERT_TRUE(i) << p.name;
    EXPECT_NEAR(p.value, m.info().params[static_cast<std::size_t>(*i)].value, 1e-5 * std::fabs(p.value)) << p.name;
    EXPECT_LE(p.min, p.value);
    EXPECT_GE(p.max, p.value);
  }
  for (const auto& t : u.tied) EXPECT_TRUE(m.info().param_index(t.name)) << t.name;
  const ParameterEnsemble e(m, 64, 1);
  for (std::size_t k = 0; k < e.size(); ++k) EXPECT_EQ(e.draw_error(k), "");
}

}  // namespace
}  // namespace osteon
