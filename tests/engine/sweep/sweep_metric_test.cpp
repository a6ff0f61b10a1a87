// Summary metrics (sweep_metric.hpp), on hand-made samples and, through the
// whole sweep pipeline (SweepRunner, MetricSink), on runs of a model with a
// closed-form solution.
#include <gtest/gtest.h>

#include <cmath>

#include "support/test_models.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_runner.hpp"

namespace osteon {
namespace {

MetricSpec metric(MetricSpec::Kind k) {
  MetricSpec m;
  m.kind = k;
  m.variable = "y";
  return m;
}

TEST(SweepMetric, HandComputedValuesOnIrregularSamples) {
  const std::vector<double> t = {0, 1, 2, 4, 8};
  const std::vector<double> y = {3, 1, 2, 5, 4};
  using K = MetricSpec::Kind;
  EXPECT_EQ(evaluate_metric(metric(K::value), t.data(), y.data(), 2, 2), 2.0);
  EXPECT_EQ(evaluate_metric(metric(K::min), t.data(), y.data(), 0, 4), 1.0);
  EXPECT_EQ(evaluate_metric(metric(K::time_of_min), t.data(), y.data(), 0, 4), 1.0);
  EXPECT_EQ(evaluate_metric(metric(K::max), t.data(), y.data(), 0, 4), 5.0);
  EXPECT_EQ(evaluate_metric(metric(K::time_of_max), t.data(), y.data(), 0, 4), 4.0);
  EXPECT_EQ(evaluate_metric(metric(K::min), t.data(), y.data(), 2, 4), 2.0);  // window [2, 8]
  EXPECT_EQ(evaluate_metric(metric(K::time_of_min), t.data(), y.data(), 2, 4), 2.0);
  // Trapezoids: (1·(3+1) + 1·(1+2) + 2·(2+5) + 4·(5+4)) / 2 = 28.5.
  EXPECT_DOUBLE_EQ(evaluate_metric(metric(K::auc), t.data(), y.data(), 0, 4), 28.5);
  EXPECT_DOUBLE_EQ(evaluate_metric(metric(K::auc), t.data(), y.data(), 1, 3), 0.5 * (3.0 + 14.0));
  EXPECT_EQ(evaluate_metric(metric(K::change), t.data(), y.data(), 0, 4), 1.0);
  EXPECT_EQ(evaluate_metric(metric(K::change), t.data(), y.data(), 1, 3), 4.0);

  MetricSpec up = metric(K::time_to);
  up.op = MetricSpec::Op::ge;
  up.threshold = 4.5;  // first reached between t = 2 (y = 2) and t = 4 (y = 5): 2 + 2·2.5/3
  EXPECT_DOUBLE_EQ(evaluate_metric(up, t.data(), y.data(), 0, 4), 2.0 + 2.0 * 2.5 / 3.0);
  up.op = MetricSpec::Op::gt;
  up.threshold = 5.0;  // never strictly above 5
  EXPECT_TRUE(std::isnan(evaluate_metric(up, t.data(), y.data(), 0, 4)));
  up.if_never = 10.0;
  up.scale = 1.0 / 7.0;  // stored in weeks
  EXPECT_DOUBLE_EQ(evaluate_metric(up, t.data(), y.data(), 0, 4), 10.0 / 7.0);
  MetricSpec down = metric(K::time_to);
  down.op = MetricSpec::Op::le;
  down.threshold = 3.0;  // holds at the window's first sample
  EXPECT_EQ(evaluate_metric(down, t.data(), y.data(), 0, 4), 0.0);
  down.threshold = 1.5;  // between t = 0 (3) and t = 1 (1): 0.75
  EXPECT_DOUBLE_EQ(evaluate_metric(down, t.data(), y.data(), 0, 4), 0.75);
  EXPECT_TRUE(std::isnan(evaluate_metric(down, t.data(), y.data(), 3, 4)));  // not within [4, 8]
  std::vector<double> failed = y;
  failed[3] = NAN;
  EXPECT_TRUE(std::isnan(evaluate_metric(metric(K::max), t.data(), failed.data(), 0, 4)));
}

TEST(SweepMetric, FindsOutputTimesWithARelativeTolerance) {
  const std::vector<double> t = {0.0, 30.4375, 365.25, 1826.25};
  EXPECT_EQ(find_time(t, 365.25), 2u);
  EXPECT_EQ(find_time(t, 365.25 * (1 + 1e-12)), 2u);
  EXPECT_EQ(find_time(t, 365.0), 4u);
  EXPECT_EQ(find_time(t, 0.0), 0u);
}

// ForcedDecay (tests/support/test_models.hpp): y' = -a y + cos t with
// y(t) = (a cos t + sin t)/(a² + 1) + (y0 - a/(a² + 1)) e^(-a t).
const char* decay_sweep = R"(osteon: 1
name: decay_metrics
scenario:
  osteon: 1
  name: decay
  model: forced_decay
  duration: 20 d
  output: {every: 0.01 d}
  solver: {rtol: 1e-11, atol: 1e-13}
  initial: {y: 1}
factors:
  - {path: a, values: [0.2, 0.5, 1.0]}
  - {path: initial.y, values: [0, 2]}
design: {type: grid}
outputs: [y]
metrics:
  - {name: y_at, value: y, at: 5.005 d}
  - {name: y_min, min: y, from: 1 d, to: 15 d}
  - {name: y_min_time, time_of_min: y, from: 1 d, to: 15 d}
  - {name: y_max, max: y, from: 1 d, to: 15 d}
  - {name: y_max_time, time_of_max: y, from: 1 d, to: 15 d, unit: h}
  - {name: cross, time_to: "y <= -0.3"}
  - {name: never, time_to: "y >= 50"}
  - {name: never_wk, time_to: "y >= 50", if_never: 12 d, unit: wk}
  - {name: area, auc: y, from: 0 d, to: 10 d}
  - {name: delta, change: y, from: 2 d, to: 10 d}
)";

TEST(SweepMetric, MatchTheClosedFormThroughTheSweepPipeline) {
  const ModelRegistry& reg = testing::test_registry();
  Sweep sw = load_sweep_text(decay_sweep, "<decay>", reg);
  const Model& model = *reg.find("forced_decay");
  const SweepRunner runner(std::move(sw), model, {});
  ASSERT_EQ(runner.n_runs(), 6u);
  const OutputDescription desc = runner.output_description("test");
  ASSERT_EQ(desc.names, std::vector<std::string>{"y"});
  ASSERT_EQ(desc.scalars.size(), 10u);
  EXPECT_EQ(desc.scalars[0].unit, "1");
  EXPECT_EQ(desc.scalars[2].unit, "d");
  EXPECT_EQ(desc.scalars[4].unit, "h");
  EXPECT_EQ(desc.scalars[8].unit, "d");  // area under a dimensionless variable: 1·d
  // The metric time 5.005 d joins the 0.01 d output grid.
  const std::vector<double>& times = desc.times;
  EXPECT_EQ(times.size(), 2002u);
  ASSERT_LT(find_time(times, 5.005), times.size());

  ResultCollector got(runner.n_runs());
  std::vector<std::size_t> all(runner.n_runs());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  runner.run(all, got);

  const std::size_t nt = times.size();
  for (std::size_t r = 0; r < 6; ++r) {
    const double a = runner.design_value(r, 0), y0 = runner.design_value(r, 1);
    EXPECT_EQ(a, (std::vector<double>{0.2, 0.5, 1.0})[r / 2]);
    EXPECT_EQ(y0, r % 2 == 1 ? 2.0 : 0.0);
    const RunResult& res = got.results()[r];
    ASSERT_EQ(res.status, RunStatus::ok);
    ASSERT_EQ(res.values.size(), nt + 10);
    const double* m = res.values.data() + nt;
    auto exact = [&](double t) { return testing::ForcedDecay::exact(t, a, y0); };
    const double tol = 1e-8;
    EXPECT_NEAR(res.values[find_time(times, 7.0)], exact(7.0), tol);  // the kept trajectory
    EXPECT_NEAR(m[0], exact(5.005), tol);
    // Extremes over the samples in [1, 15] d.
    std::size_t kmin = find_time(times, 1.0), kmax = kmin;
    for (std::size_t k = find_time(times, 1.0); k <= find_time(times, 15.0); ++k) {
      if (exact(times[k]) < exact(times[kmin])) kmin = k;
      if (exact(times[k]) > exact(times[kmax])) kmax = k;
    }
    EXPECT_NEAR(m[1], exact(times[kmin]), tol);
    EXPECT_DOUBLE_EQ(m[2], times[kmin]);
    EXPECT_NEAR(m[3], exact(times[kmax]), tol);
    EXPECT_DOUBLE_EQ(m[4], times[kmax] * 24.0);
    // First crossing of -0.3: bisection on the exact solution after its first bracketing sample.
    std::size_t k = 0;
    while (exact(times[k]) > -0.3) ++k;
    double lo = times[k - 1], hi = times[k];
    for (int it = 0; it < 100; ++it) ((exact(0.5 * (lo + hi)) > -0.3) ? lo : hi) = 0.5 * (lo + hi);
    EXPECT_NEAR(m[5], lo, 1e-5);  // linear interpolation over 0.01 d: error O(h²)
    EXPECT_TRUE(std::isnan(m[6]));
    EXPECT_DOUBLE_EQ(m[7], 12.0 / 7.0);
    // ∫0^10 y dt = (a sin 10 + 1 - cos 10)/(a² + 1) + (y0 - a/(a² + 1))(1 - e^(-10 a))/a.
    const double c = a / (a * a + 1.0);
    const double integral =
        (a * std::sin(10.0) + 1.0 - std::cos(10.0)) / (a * a + 1.0) + (y0 - c) * (1.0 - std::exp(-10.0 * a)) / a;
    EXPECT_NEAR(m[8], integral, 1e-4);  // trapezoidal rule, h = 0.01 d
    EXPECT_NEAR(m[9], exact(10.0) - exact(2.0), tol);
  }
}

TEST(SweepMetric, FailedRunsHaveNoMetricsAndNoTrajectories) {
  const ModelRegistry& reg = testing::test_registry();
  // y' = c y²: runs with c y0 > 1/10 blow up before t = 10 d.
  Sweep sw = load_sweep_text(R"(osteon: 1
name: blow_up_sweep
scenario: {osteon: 1, name: b, model: blow_up, duration: 10 d, initial: {y: 1}}
factors: [{path: c, values: [0.01, 0.5]}]
design: {type: grid}
metrics: [{name: y_end, value: y, at: 10 d}]
)",
                             "<blow>", reg);
  const SweepRunner runner(std::move(sw), *reg.find("blow_up"), {});
  ResultCollector got(2);
  runner.run({0, 1}, got);
  EXPECT_EQ(got.results()[0].status, RunStatus::ok);
  EXPECT_NEAR(got.results()[0].values.back(), 1.0 / (1.0 - 0.01 * 10.0), 1e-6);  // y = y0/(1 - c y0 t)
  EXPECT_EQ(got.results()[1].status, RunStatus::failed);
  EXPECT_TRUE(got.results()[1].values.empty());
}

}  // namespace
}  // namespace osteon
