// Reading sweep files: what is accepted, and rejections that name file,
// line and key (docs/sweeps.md).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "builtin_models.hpp"
#include "sweep/sweep.hpp"
#include "sweep/sweep_runner.hpp"

namespace osteon {
namespace {

const std::string head = R"(osteon: 1
name: probe
scenario:
  osteon: 1
  name: k
  model: komarova2003
  duration: 300 d
  output: {every: 1 d}
  initial: {OC: 11, OB: 212, z: 100 %}
)";  // lines 1-9

Sweep load(const std::string& text) { return load_sweep_text(text, "probe.yaml", models::builtin_registry()); }

// Expects InputError at `line` naming `key`, with `needle` in the message.
void expect_rejected(const std::string& text, int line, const std::string& key, const std::string& needle) {
  try {
    const Sweep s = load(text);
    const SweepRunner runner(s, *models::builtin_registry().find(s.base.model));
    ADD_FAILURE() << "accepted; expected an error at line " << line << " key " << key;
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.where().file, "probe.yaml") << what;
    EXPECT_EQ(e.where().line, line) << what;
    EXPECT_EQ(e.key(), key) << what;
    EXPECT_NE(what.find(needle), std::string::npos) << what;
    EXPECT_NE(what.find("probe.yaml:" + std::to_string(line) + ":"), std::string::npos) << what;
  }
}

TEST(SweepLoader, ReadsFactorsDesignMetricsAndAnInlineScenario) {
  const Sweep s = load(head + R"(factors:
  - {path: k1, range: [0.1 %/(cell*d), 0.3 %/(cell*d)]}
  - {path: alpha1, distribution: loguniform, range: [2 /d, 4 /d], name: oc_production}
  - {path: beta1, distribution: normal, mean: 0.2 /d, sd: 0.01 /d, range: [0.15 /d, 0.25 /d]}
  - {path: beta2, distribution: lognormal, median: 0.02 /d, cv: 0.2}
design: {type: lhs, samples: 16, seed: 3}
metrics:
  - {name: z_end, value: z, at: 300 d}
  - {name: low, time_to: "z < 95 %", unit: wk}
)");
  ASSERT_EQ(s.factors.size(), 4u);
  EXPECT_EQ(s.factors[1].name, "oc_production");
  EXPECT_EQ(s.factors[1].distribution.kind, FactorDistribution::Kind::log_uniform);
  EXPECT_DOUBLE_EQ(s.factors[2].distribution.lo, 0.15);
  EXPECT_NEAR(s.factors[3].distribution.sd, std::sqrt(std::log(1.04)), 1e-15);
  EXPECT_EQ(s.design.samples, 16u);
  EXPECT_EQ(s.metrics[1].threshold, 95.0);
  EXPECT_EQ(s.metrics[1].unit, "wk");
  EXPECT_DOUBLE_EQ(s.metrics[1].scale, 1.0 / 7.0);
  EXPECT_EQ(s.base.model, "komarova2003");
  EXPECT_NE(s.base.text.find("name: k\n"), std::string::npos);
  EXPECT_EQ(s.base.text.find("osteon: 1\nname: probe"), std::string::npos);
}

TEST(SweepLoader, AcceptsSALibsProblemDictionary) {
  const Sweep s = load(head + R"(problem:
  num_vars: 2
  names: [k1, alpha1]
  bounds: [[0.1, 0.3], [2, 4]]
  dists: [unif, logunif]
design: {type: sobol, samples: 8, seed: 1, second_order: false}
metrics: [{name: z_end, value: z, at: 300 d}]
)");
  ASSERT_EQ(s.factors.size(), 2u);
  EXPECT_EQ(s.factors[0].path, "k1");
  EXPECT_EQ(s.factors[1].distribution.kind, FactorDistribution::Kind::log_uniform);
  const SweepRunner runner(s, *models::builtin_registry().find("komarova2003"));
  EXPECT_EQ(runner.n_runs(), 8u * (2 + 2));
  const std::string json = runner.problem_json();
  for (const char* part : {R"("num_vars": 2)", R"("names": ["k1", "alpha1"])", R"("dists": ["unif", "logunif"])",
                           R"js("units": ["%/(cell*d)", "1/d"])js", R"("bounds": [[0.1)", R"(, [2, 4]])"}) {
    EXPECT_NE(json.find(part), std::string::npos) << part << " in " << json;
  }
}

TEST(SweepLoader, ReadsABaseScenarioRelativeToTheSweepFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("osteon_sweep_loader_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "base.yaml") << "osteon: 1\nname: b\nmodel: komarova2003\nduration: 10 d\n";
  std::ofstream(dir / "sub" / "s.yaml") << "osteon: 1\nname: s\nbase: ../base.yaml\n"
                                           "factors: [{path: k1, values: [0.1, 0.2]}]\ndesign: {type: grid}\n"
                                           "metrics: [{name: z_end, value: z, at: 10 d}]\n";
  const Sweep s = load_sweep_file((dir / "sub" / "s.yaml").string(), models::builtin_registry());
  EXPECT_EQ(s.base.name, "b");
  EXPECT_NE(s.inputs_text.find("name: b"), std::string::npos);  // the base is part of the fingerprint
  std::filesystem::remove_all(dir);
}

TEST(SweepLoader, RejectsBadFilesNamingLineAndKey) {
  const std::string design =
      "design: {type: lhs, samples: 10, seed: 1}\nmetrics: [{name: z_end, value: z, at: 300 d}]\n";
  // Unknown factor path (line 11).
  expect_rejected(head + "factors:\n  - {path: k9, range: [0, 1]}\n" + design, 11, "factors[0].path", "'k9'");
  // Empty range.
  expect_rejected(head + "factors:\n  - {path: k1, range: [0.3, 0.3]}\n" + design, 11, "factors[0].range",
                  "empty range");
  // Negative sample count (line 12).
  expect_rejected(head +
                      "factors:\n  - {path: k1, range: [0.1, 0.3]}\ndesign: {type: lhs, samples: -5, seed: 1}\n"
                      "metrics: [{name: z_end, value: z, at: 300 d}]\n",
                  12, "design.samples", "'-5'");
  // Unknown distribution.
  expect_rejected(head + "factors:\n  - {path: k1, distribution: gamma, range: [0.1, 0.3]}\n" + design, 11,
                  "factors[0].distribution", "unknown distribution 'gamma'");
  // Correlation matrix not positive definite (lines 14-17).
  expect_rejected(head + R"(factors:
  - {path: k1, distribution: normal, mean: 0.24, sd: 0.01}
  - {path: k2, distribution: normal, mean: 0.0017, sd: 0.0001}
  - {path: beta1, distribution: normal, mean: 0.2, sd: 0.01}
design:
  type: population
  samples: 10
  seed: 4
  correlation: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]
metrics: [{name: z_end, value: z, at: 300 d}]
)",
                  18, "design.correlation", "not positive definite");
  // A value outside the parameter's range (k1 >= 0).
  expect_rejected(head + "factors:\n  - {path: k1, range: [-0.1, 0.3]}\n" + design, 11, "factors[0].range[0]",
                  "outside");
  // Samples of a normal distribution leaving the parameter's range: named at the factor.
  expect_rejected(head + "factors:\n  - {path: k1, distribution: normal, mean: 0.01, sd: 0.1}\n" + design, 11,
                  "factors[0]", "run ");
  // A random design without a seed.
  expect_rejected(head +
                      "factors:\n  - {path: k1, range: [0.1, 0.3]}\ndesign: {type: lhs, samples: 10}\n"
                      "metrics: [{name: z_end, value: z, at: 300 d}]\n",
                  12, "design.seed", "no 'seed'");
  // Morris needs ranges; grids need levels.
  expect_rejected(
      head +
          "factors:\n  - {path: k1, distribution: normal, mean: 0.24, sd: 0.01}\n"
          "design: {type: morris, trajectories: 10, seed: 1}\nmetrics: [{name: z_end, value: z, at: 300 d}]\n",
      11, "factors[0]", "Morris");
  expect_rejected(head +
                      "factors:\n  - {path: k1, range: [0.1, 0.3]}\ndesign: {type: grid}\n"
                      "metrics: [{name: z_end, value: z, at: 300 d}]\n",
                  11, "factors[0]", "levels");
  expect_rejected(
      head +
          "factors:\n  - {path: k1, range: [0.1, 0.3]}\ndesign: {type: morris, trajectories: 10, levels: 5, seed: 1}\n"
          "metrics: [{name: z_end, value: z, at: 300 d}]\n",
      12, "design.levels", "even");
  // Metrics: unknown variable, time beyond the duration, bad condition, incompatible unit.
  const std::string f =
      "factors:\n  - {path: k1, range: [0.1, 0.3]}\ndesign: {type: lhs, samples: 10, seed: 1}\nmetrics:\n";
  expect_rejected(head + f + "  - {name: m, value: zz, at: 1 d}\n", 14, "metrics[0].value", "unknown variable 'zz'");
  expect_rejected(head + f + "  - {name: m, value: z, at: 2 y}\n", 14, "metrics[0].at", "duration");
  expect_rejected(head + f + "  - {name: m, time_to: \"z == 3\"}\n", 14, "metrics[0].time_to", "OP");
  expect_rejected(head + f + "  - {name: m, max: z, unit: d}\n", 14, "metrics[0].unit", "compatible");
  expect_rejected(head + f + "  - {name: k1, max: z}\n", 14, "metrics[0]", "like another dataset");
  // Errors inside the inline scenario point into the sweep file.
  std::string bad = head;
  bad.replace(bad.find("duration: 300 d"), 15, "duration: 300 kg");
  expect_rejected(bad + f + "  - {name: m, max: z}\n", 7, "scenario.duration", "'300 kg'");
  // Unknown top-level key.
  expect_rejected(head + "factor: []\n", 10, "factor", "'factors'");
}

}  // namespace
}  // namespace osteon
