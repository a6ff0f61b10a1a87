// The public API of the engine's core (osteon::core): models and their
// registry, scenarios compiled into runs, integration and steady states. No
// file formats: this is what the WebAssembly build and embedding programs use.
#pragma once

#include "core/error.hpp"
#include "core/units.hpp"
#include "integrate/solver_settings.hpp"
#include "integrate/steady_state_report.hpp"
#include "model/model.hpp"
#include "model/model_info.hpp"
#include "model/registry.hpp"
#include "model/run_result.hpp"
#include "output/output_description.hpp"
#include "run/simulation.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
