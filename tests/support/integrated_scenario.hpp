// Helpers of the integrated model's tests: a scenario text and an output read at a month.
#pragma once

#include <cmath>
#include <string>

#include <gtest/gtest.h>

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

}  // namespace osteon::testing
