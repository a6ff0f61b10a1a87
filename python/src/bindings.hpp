// The parts of the `osteon._core` extension module, one per engine concept.
// The pure-Python package `osteon` (python/osteon) wraps them in the public API.
#pragma once

// Every translation unit sees the same type casters (pybind11 requires it).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>

#include "run/simulation.hpp"

namespace osteon::python {

// InputError -> osteon.errors.ScenarioError, with file, line, column, key,
// found and expected as attributes.
void register_error_translation();

// Model registry: ids, self-descriptions as JSON, unit conversion.
void bind_registry(pybind11::module_& m);

// Scenario validation and runs into memory (numpy arrays), GIL released.
void bind_simulation(pybind11::module_& m);

// Steady states of a model with parameter overrides.
void bind_steady_state(pybind11::module_& m);

// Sweep files run into their HDF5 output (the engine behind `osteon sweep`), GIL released.
void bind_sweep(pybind11::module_& m);

// threads, integrator and tolerances as the Python API takes them, checked (ScenarioError).
// `call` names the Python function in the message (osteon.run, osteon.sweep).
RunOptions api_run_options(int threads, const std::optional<std::string>& integrator, std::optional<double> rtol,
                           std::optional<double> atol, const char* call = "osteon.run");

}  // namespace osteon::python
