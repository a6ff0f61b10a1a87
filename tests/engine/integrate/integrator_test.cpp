// Contract tests of the integrators, written once and run against every
// integrator: accuracy against closed forms, exact events, failure isolation,
// stiff problems, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <sstream>

#include "integrate/batched_dopri5_worker.hpp"
#include "integrate/batched_rosenbrock_worker.hpp"
#include "integrate/rosenbrock_coefficients.hpp"
#include "komarova2003/komarova2003.hpp"
#include "support/integrators.hpp"
#include "support/scenario_runner.hpp"
#include "support/test_models.hpp"

namespace {

using osteon::Method;
using osteon::RunStatus;
using osteon::testing::run_yaml;
using osteon::testing::test_registry;

class Integrators : public ::testing::TestWithParam<Method> {
 protected:
  osteon::RunOptions options(int threads = 1) const {
    osteon::RunOptions o;
    o.method = GetParam();
    o.threads = threads;
    return o;
  }
};

// One step of RODAS4 on y' = f(t) (J = 0): its local error must shrink like
// h^5 or faster; with the sign of d4 flipped it shrinks like h^3.
double rodas_step_error(double t, double h) {
  namespace r = osteon::rodas4;
  auto f = [](double x) { return std::cos(x); };
  auto ft = [](double x) { return -std::sin(x); };
  const double w = 1.0 / (r::gamma * h);
  const double u1 = (f(t) + h * r::d1 * ft(t)) / w;
  const double u2 = (f(t + r::c2 * h) + h * r::d2 * ft(t) + r::c21 * u1 / h) / w;
  const double u3 = (f(t + r::c3 * h) + h * r::d3 * ft(t) + (r::c31 * u1 + r::c32 * u2) / h) / w;
  const double u4 = (f(t + r::c4 * h) + h * r::d4 * ft(t) + (r::c41 * u1 + r::c42 * u2 + r::c43 * u3) / h) / w;
  const double u5 = (f(t + h) + (r::c51 * u1 + r::c52 * u2 + r::c53 * u3 + r::c54 * u4) / h) / w;
  const double u6 = (f(t + h) + (r::c61 * u1 + r::c62 * u2 + r::c63 * u3 + r::c64 * u4 + r::c65 * u5) / h) / w;
  const double dy = r::a51 * u1 + r::a52 * u2 + r::a53 * u3 + r::a54 * u4 + u5 + u6;
  return std::fabs(dy - (std::sin(t + h) - std::sin(t)));
}

TEST(Rodas4Coefficients, FourthOrderForTimeDependentRightHandSides) {
  const double e1 = rodas_step_error(0.3, 0.1), e2 = rodas_step_error(0.3, 0.05);
  EXPECT_GT(std::log2(e1 / e2), 4.5);  // local error O(h^5) at least
}

std::string forced_decay(const std::string& extra = "") {
  return "osteon: 1\nname: f\nmodel: forced_decay\nduration: 20 d\noutput: {every: 0.5 d}\n"
         "solver: {rtol: 1e-10, atol: 1e-12}\ninitial: {y: 2}\n" +
         extra;
}

TEST_P(Integrators, TimeDependentRightHandSideMatchesClosedForm) {
  const auto out = run_yaml(forced_decay(), options(), test_registry());
  ASSERT_EQ(out.runs[0].status, RunStatus::ok) << out.runs[0].message;
  const auto y = out.series("y");
  for (std::size_t k = 0; k < y.size(); ++k) {
    EXPECT_NEAR(y[k], osteon::testing::ForcedDecay::exact(out.times[k], 0.5, 2.0), 2e-9) << "t = " << out.times[k];
  }
}

TEST_P(Integrators, ParameterEventsRestartTheSolution) {
  // a jumps from 0.5 to 2 at t = 5: after 5 d the solution restarts from y(5).
  const auto out = run_yaml(forced_decay("events:\n  - {at: 5 d, set: {a: 2}}\n"), options(), test_registry());
  ASSERT_EQ(out.runs[0].status, RunStatus::ok) << out.runs[0].message;
  const double y5 = osteon::testing::ForcedDecay::exact(5.0, 0.5, 2.0);
  const auto y = out.series("y");
  for (std::size_t k = 0; k < y.size(); ++k) {
    const double t = out.times[k];
    // For t >= 5 the shifted solution: same ODE with a = 2 from (5, y5).
    double expect = osteon::testing::ForcedDecay::exact(t, 0.5, 2.0);
    if (t >= 5.0) {
      const double a = 2.0, c = 1.0 / (a * a + 1.0);
      const double particular5 = (a * std::cos(5.0) + std::sin(5.0)) * c;
      expect = (a * std::cos(t) + std::sin(t)) * c + (y5 - particular5) * std::exp(-a * (t - 5.0));
    }
    EXPECT_NEAR(y[k], expect, 2e-9) << "t = " << t;
  }
}

TEST_P(Integrators, AddEventLandsExactly) {
  // With a no-op event at the same time in the reference run, both runs share
  // every step up to 7 d; the dose must then add exactly.
  const auto dose = run_yaml(forced_decay("events:\n  - {at: 7 d, add: {y: 0.375}}\n"), options(), test_registry());
  const auto none = run_yaml(forced_decay("events:\n  - {at: 7 d, add: {y: 0}}\n"), options(), test_registry());
  const auto yd = dose.series("y"), yn = none.series("y");
  const std::size_t k7 = 14;  // t = 7 d: sampled after the event
  ASSERT_EQ(dose.times[k7], 7.0);
  EXPECT_EQ(yd[k7], yn[k7] + 0.375);
  EXPECT_EQ(yd[k7 - 1], yn[k7 - 1]);  // identical before the event
}

TEST_P(Integrators, FailedLaneLeavesOthersUntouched) {
  // 100 runs of y' = c y^2 from y = 1; run 37 has c = 1 and blows up at t = 1 d.
  std::ostringstream yaml;
  yaml << "osteon: 1\nname: b\nmodel: blow_up\nduration: 5 d\noutput: {every: 0.25 d}\n"
          "initial: {y: 1}\nsolver: {rtol: 1e-8, atol: 1e-10}\nruns:\n  columns: [c]\n  rows:\n";
  for (int i = 0; i < 100; ++i) yaml << "    - [" << (i == 37 ? 1.0 : -0.01 * (i % 10)) << "]\n";
  const auto out = run_yaml(yaml.str(), options(2), test_registry());
  ASSERT_EQ(out.runs.size(), 100u);
  for (int i = 0; i < 100; ++i) {
    const auto& r = out.runs[static_cast<std::size_t>(i)];
    if (i == 37) {
      EXPECT_EQ(r.status, RunStatus::failed);
      EXPECT_NE(r.message.find("y"), std::string::npos) << r.message;
      EXPECT_NE(r.message.find("t = "), std::string::npos) << r.message;
      for (double v : r.values) EXPECT_TRUE(std::isnan(v));
      continue;
    }
    ASSERT_EQ(r.status, RunStatus::ok) << i << ": " << r.message;
    // Bitwise equal to the same run alone.
    std::ostringstream one;
    one << "osteon: 1\nname: b\nmodel: blow_up\nduration: 5 d\noutput: {every: 0.25 d}\n"
           "initial: {y: 1}\nsolver: {rtol: 1e-8, atol: 1e-10}\nparameters: {c: "
        << -0.01 * (i % 10) << "}\n";
    if (i % 10 == 3) {  // a sample of them, to keep the test quick
      const auto alone = run_yaml(one.str(), options(), test_registry());
      EXPECT_EQ(alone.runs[0].values, r.values) << "run " << i;
    }
    // And correct: y = 1/(1 - c t).
    const double c = -0.01 * (i % 10);
    EXPECT_NEAR(r.values.back(), 1.0 / (1.0 - c * 5.0), 1e-6);
  }
}

TEST_P(Integrators, StepBudgetFailsWithPlainMessage) {
  const auto out = run_yaml(forced_decay().replace(forced_decay().find("solver: {"), 9, "solver: {max_steps: 5, "),
                            options(), test_registry());
  ASSERT_EQ(out.runs[0].status, RunStatus::failed);
  EXPECT_NE(out.runs[0].message.find("more than 5 steps"), std::string::npos) << out.runs[0].message;
}

INSTANTIATE_FOR_ALL_INTEGRATORS(Integrators);

std::string robertson(const std::string& method) {
  return "osteon: 1\nname: r\nmodel: robertson\nduration: 40 d\noutput: {times: [40 d]}\n"
         "initial: {y1: 1, y2: 0, y3: 0}\nsolver: {method: " +
         method + ", rtol: 1e-6, atol: 1e-10, max_steps: 10000000}\n";
}

TEST(StiffIntegrators, RobertsonReferenceSolution) {
  for (const char* m : {"rosenbrock", "odeint-rosenbrock4"}) {
    const auto out = run_yaml(robertson(m), {}, test_registry());
    ASSERT_EQ(out.runs[0].status, RunStatus::ok) << m << ": " << out.runs[0].message;
    EXPECT_NEAR(out.series("y1")[0], 0.7158271, 5e-6) << m;
    EXPECT_NEAR(out.series("y2")[0], 9.185535e-6, 5e-10) << m;
    EXPECT_NEAR(out.series("y3")[0], 0.2841637, 5e-6) << m;
  }
}

TEST(StiffIntegrators, ExplicitMethodNeedsHundredTimesTheSteps) {
  const auto stiff = run_yaml(robertson("rosenbrock"), {}, test_registry());
  const auto explicit_ = run_yaml(robertson("dopri5"), {}, test_registry());
  ASSERT_EQ(explicit_.runs[0].status, RunStatus::ok) << explicit_.runs[0].message;
  const long s = stiff.runs[0].stats.steps + stiff.runs[0].stats.rejected;
  const long e = explicit_.runs[0].stats.steps + explicit_.runs[0].stats.rejected;
  EXPECT_GE(e, 100 * s) << "dopri5 " << e << " steps, rosenbrock " << s;
}

// ---- determinism ------------------------------------------------------------

// A heterogeneous Komarova ensemble: parameters spread ±30 %, kicks at different times.
std::string ensemble_yaml(const std::vector<int>& order) {
  std::ostringstream y;
  y << "osteon: 1\nname: d\nmodel: komarova2003\nduration: 300 d\noutput: {every: 3 d}\n"
       "initial: {OC: 11, OB: 212, z: 100}\nsolver: {rtol: 1e-9, atol: 1e-10}\n"
       "runs:\n  columns: [alpha1, beta2, k1, initial.OC]\n  rows:\n";
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0.7, 1.3);
  std::vector<std::array<double, 4>> rows;
  for (int i = 0; i < 60; ++i) rows.push_back({3.0 * u(rng), 0.02 * u(rng), 0.24 * u(rng), 11.0 * u(rng)});
  y.precision(17);
  for (int i : order) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    y << "    - [" << r[0] << ", " << r[1] << ", " << r[2] << ", " << r[3] << "]\n";
  }
  return y.str();
}

class Determinism : public ::testing::TestWithParam<Method> {};

TEST_P(Determinism, ThreadsAndRunOrderDoNotChangeNumbers) {
  std::vector<int> order(60);
  std::iota(order.begin(), order.end(), 0);
  osteon::RunOptions o;
  o.method = GetParam();
  o.threads = 1;
  const auto one = run_yaml(ensemble_yaml(order), o);
  o.threads = 2;
  const auto two = run_yaml(ensemble_yaml(order), o);
  std::vector<int> shuffled = order;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(11));
  const auto mixed = run_yaml(ensemble_yaml(shuffled), o);
  for (std::size_t i = 0; i < 60; ++i) {
    ASSERT_EQ(one.runs[i].status, RunStatus::ok) << one.runs[i].message;
    EXPECT_EQ(one.runs[i].values, two.runs[i].values) << "run " << i << ": 1 vs 2 threads";
    const std::size_t j =
        static_cast<std::size_t>(std::find(shuffled.begin(), shuffled.end(), static_cast<int>(i)) - shuffled.begin());
    EXPECT_EQ(one.runs[i].values, mixed.runs[j].values) << "run " << i << " moved to position " << j;
  }
}

INSTANTIATE_FOR_ALL_INTEGRATORS(Determinism);

// Runs the ensemble through a batched worker of lane width W directly.
template <template <class, int> class Worker, int W>
std::vector<osteon::RunResult> run_width(const std::string& yaml) {
  const auto& reg = osteon::models::builtin_registry();
  osteon::Scenario s = osteon::load_scenario_text(yaml, "<test>", reg);
  const osteon::Model& model = *reg.find(s.model);
  const osteon::Simulation sim(std::move(s), model);
  osteon::IndexedRunSource source(sim.n_runs(), [&](std::size_t i) { return sim.run_spec(i); });
  osteon::ResultCollector sink(sim.n_runs());
  Worker<osteon::models::Komarova2003, W> worker(sim.plan(), sim.settings());
  worker.run(source, sink);
  return sink.results();
}

TEST(Determinism, LaneWidthFourAndEightAgreeBitwise) {
  std::vector<int> order(60);
  std::iota(order.begin(), order.end(), 0);
  const std::string yaml = ensemble_yaml(order);
  const auto w4 = run_width<osteon::BatchedDopri5Worker, 4>(yaml);
  const auto w8 = run_width<osteon::BatchedDopri5Worker, 8>(yaml);
  const auto r4 = run_width<osteon::BatchedRosenbrockWorker, 4>(yaml);
  const auto r8 = run_width<osteon::BatchedRosenbrockWorker, 8>(yaml);
  for (std::size_t i = 0; i < w4.size(); ++i) {
    EXPECT_EQ(w4[i].values, w8[i].values) << "dopri5 run " << i;
    EXPECT_EQ(r4[i].values, r8[i].values) << "rosenbrock run " << i;
  }
}

}  // namespace

namespace {

TEST(Ensembles, ARowThatDoesNotCompileFailsOnlyItsRun) {
  // Row 1 stops denosumab before it starts: that run fails with the reason,
  // the others run normally.
  const std::string yaml =
      "osteon: 1\nname: e\nmodel: martinez_reina2019\nduration: 2 y\noutput: {every: 1 mo}\n"
      "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 30 d}\n"
      "runs:\n  columns: [\"drugs[0].stop\"]\n  rows:\n    - [1 y]\n    - [10 d]\n    - [2 y]\n";
  const auto out = run_yaml(yaml);
  ASSERT_EQ(out.runs.size(), 3u);
  EXPECT_EQ(out.runs[0].status, RunStatus::ok) << out.runs[0].message;
  EXPECT_EQ(out.runs[2].status, RunStatus::ok) << out.runs[2].message;
  ASSERT_EQ(out.runs[1].status, RunStatus::failed);
  EXPECT_NE(out.runs[1].message.find("runs row 2"), std::string::npos) << out.runs[1].message;
  EXPECT_NE(out.runs[1].message.find("stop"), std::string::npos) << out.runs[1].message;
}

}  // namespace
