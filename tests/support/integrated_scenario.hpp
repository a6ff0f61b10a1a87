// Helpers of the integrated model's tests: a scenario text, a repository file run, an output read
// at a month, and regimens compiled or refused.
#pragma once

#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "support/scenario_runner.hpp"

namespace osteon::testing {

// A scenario of the integrated model: its duration, its output section and the rest.
inline std::string scenario(const std::string& duration, const std::string& output, const std::string& body) {
  return "osteon: 1\nname: t\nmodel: integrated\nduration: " + duration + "\noutput: " + output + "\n" + body;
}

// Value of `var` at an output time given in months (30.4375 d).
inline double at(const RunOutput& out, const std::string& var, double months) {
  const auto v = out.series(var);
  for (std::size_t i = 0; i < out.times.size(); ++i) {
    if (std::fabs(out.times[i] - months * 30.4375) < 1e-6) return v[i];
  }
  ADD_FAILURE() << "no output at " << months << " months";
  return NAN;
}

// The text of a repository file given by its path from the top.
inline std::string read_file(const std::string& relative) {
  std::ifstream in(std::string(OSTEON_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The scenario file at a repository path, run; a test failure when its first run does not succeed.
inline RunOutput run_file(const std::string& relative, const RunOptions& options = {}) {
  RunOutput out = run_yaml(read_file(relative), options);
  EXPECT_EQ(out.runs.at(0).status, RunStatus::ok) << relative << ": " << out.runs[0].message;
  return out;
}

// A 3-year scenario of the integrated model with the regimens of `body`, loaded and compiled.
inline RunSpec compile(const std::string& body) {
  const Scenario s = load_scenario_text("osteon: 1\nname: d\nmodel: integrated\nduration: 3 y\n" + body, "<test>",
                                        models::builtin_registry());
  return compile_run(s, *models::builtin_registry().find("integrated"));
}

// A test failure unless compiling `body` is refused with an InputError that names a line (and
// `key`, when given).
inline void expect_rejected(const std::string& body, const std::optional<std::string>& key = std::nullopt) {
  try {
    (void)compile(body);
    ADD_FAILURE() << "accepted: " << body;
  } catch (const InputError& e) {
    if (key) {
      EXPECT_EQ(e.key(), *key) << e.what();
    }
    EXPECT_GT(e.where().line, 0) << e.what();
  }
}

}  // namespace osteon::testing
