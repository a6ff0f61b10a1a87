// Every integrator agrees with the scalar Boost.Odeint reference on every
// published load case shipped in scenarios/literature (rtol 1e-10): the
// maximum relative difference at every output time is at most 1e-7.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <tuple>

#include "builtin_models.hpp"
#include "run/simulation.hpp"
#include "scenario/scenario.hpp"
#include "support/integrators.hpp"

namespace {

namespace fs = std::filesystem;
using osteon::Method;

std::vector<std::string> literature_scenarios() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(OSTEON_SOURCE_DIR) / "scenarios" / "literature")) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<osteon::RunResult> run(const std::string& file, Method method) {
  const auto& reg = osteon::models::builtin_registry();
  osteon::Scenario s = osteon::load_scenario_file(file, reg);
  s.solver.rtol = 1e-10;
  s.solver.max_steps = 20'000'000;
  osteon::RunOptions o;
  o.method = method;
  o.threads = 1;
  const osteon::Simulation sim(std::move(s), *reg.find(osteon::load_scenario_file(file, reg).model), o);
  osteon::ResultCollector c(sim.n_runs());
  sim.run(c);
  return c.results();
}

class LiteratureAgreement : public ::testing::TestWithParam<std::tuple<std::string, Method>> {};

TEST_P(LiteratureAgreement, MatchesOdeintReference) {
  const auto& [file, method] = GetParam();
  const auto reference = run(file, Method::odeint_dopri5);
  const auto result = run(file, method);
  ASSERT_EQ(reference.size(), result.size());
  for (std::size_t r = 0; r < reference.size(); ++r) {
    ASSERT_EQ(reference[r].status, result[r].status) << result[r].message << " | reference: " << reference[r].message;
    if (reference[r].status != osteon::RunStatus::ok) continue;  // invalid load cases fail on every path
    const auto& a = result[r].values;
    const auto& b = reference[r].values;
    ASSERT_EQ(a.size(), b.size());
    // Per variable (values are variable-major, one block per variable): relative
    // to the value, floored at 1e-3 of the variable's largest magnitude so that
    // zero crossings count absolutely.
    const std::size_t block = osteon::load_scenario_file(file, osteon::models::builtin_registry()).output_times.size();
    double worst = 0.0;
    std::size_t worst_i = 0;
    for (std::size_t v = 0; v * block < b.size(); ++v) {
      double scale = 0.0;
      for (std::size_t k = 0; k < block; ++k) scale = std::max(scale, std::fabs(b[v * block + k]));
      for (std::size_t k = 0; k < block; ++k) {
        const std::size_t i = v * block + k;
        const double d = std::fabs(a[i] - b[i]) / std::max({std::fabs(b[i]), 1e-3 * scale, 1e-300});
        if (d > worst) {
          worst = d;
          worst_i = i;
        }
      }
    }
    EXPECT_LE(worst, 1e-7) << "worst at value index " << worst_i << ": " << a[worst_i] << " vs " << b[worst_i];
  }
}

INSTANTIATE_TEST_SUITE_P(Scenarios, LiteratureAgreement,
                         ::testing::Combine(::testing::ValuesIn(literature_scenarios()),
                                            ::testing::Values(Method::dopri5, Method::rosenbrock,
                                                              Method::odeint_rosenbrock4)),
                         [](const auto& test) {
                           std::string n = fs::path(std::get<0>(test.param)).stem().string() + "_" +
                                           std::string(osteon::method_name(std::get<1>(test.param)));
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
