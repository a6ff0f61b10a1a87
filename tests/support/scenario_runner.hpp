// Test helper: run a scenario given as YAML text and get its results in memory.
#pragma once

#include <string>
#include <vector>

#include "builtin_models.hpp"
#include "run/simulation.hpp"
#include "scenario/scenario.hpp"

namespace osteon::testing {

struct RunOutput {
  std::vector<double> times;
  std::vector<std::string> names;
  std::vector<RunResult> runs;

  // Trajectory of `variable` in run `run`.
  std::vector<double> series(const std::string& variable, std::size_t run = 0) const {
    std::size_t v = 0;
    while (v < names.size() && names[v] != variable) ++v;
    if (v == names.size()) throw std::out_of_range("no variable " + variable);
    const std::size_t nt = times.size();
    const auto& vals = runs.at(run).values;
    return {vals.begin() + static_cast<std::ptrdiff_t>(v * nt),
            vals.begin() + static_cast<std::ptrdiff_t>((v + 1) * nt)};
  }
};

inline RunOutput run_yaml(const std::string& yaml, const RunOptions& options = {},
                          const ModelRegistry& registry = models::builtin_registry()) {
  Scenario s = load_scenario_text(yaml, "<test>", registry);
  const Model& model = *registry.find(s.model);
  const Simulation sim(std::move(s), model, options);
  ResultCollector collector(sim.n_runs());
  sim.run(collector);
  RunOutput out;
  const OutputDescription d = sim.output_description("test");
  out.times = d.times;
  out.names = d.names;
  out.runs = collector.results();
  return out;
}

}  // namespace osteon::testing
