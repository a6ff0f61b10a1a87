// From a checked scenario to what the integrators consume: the output plan
// shared by all runs, and a fully resolved RunSpec.
#pragma once

#include "model/model.hpp"
#include "model/run_spec.hpp"
#include "scenario/scenario.hpp"

namespace osteon {

// Output times and variable indices. Throws InputError.
OutputPlan compile_output(const Scenario& scenario, const Model& model);

// Parameters (defaults, then `parameters:`, then regimens), initial state and
// the schedule of events and doses. Throws InputError.
RunSpec compile_run(const Scenario& scenario, const Model& model);

}  // namespace osteon
