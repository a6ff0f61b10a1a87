// One run, fully resolved: every number the integrator needs, nothing else.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "model/care_pathway.hpp"
#include "model/schedule.hpp"

namespace osteon {

// What to record: output times and which variables (indices into the model's
// states followed by its observables). Shared by every run of an ensemble.
struct OutputPlan {
  double t_end = 0.0;          // days; runs start at t = 0
  std::vector<double> times;   // ascending, within [0, t_end]
  std::vector<int> variables;  // state index i, or n_states + observable index
};

struct RunSpec {
  std::size_t index = 0;       // global run index (position along `run`)
  std::vector<double> params;  // model parameters, in their declared units
  // Start from the steady state of `params`, then apply `initial_values`; or,
  // when false, `initial_values` give every state.
  bool start_at_steady_state = true;
  std::vector<std::pair<int, double>> initial_values;  // (state index, value)
  Schedule schedule;
  // Monitoring visits and rules (care_pathway.hpp); null without. The schedule holds an
  // ActionKind::visit per visit; rules that fire add actions to the run's copy of it.
  std::shared_ptr<const CarePathway> pathway;
  // Non-empty when this run's inputs could not be compiled: the run fails
  // with this message and the others go on.
  std::string error;
};

}  // namespace osteon
