// The self-description every model carries: identity, states, parameters and
// observables, each with units. It drives scenario validation, `osteon
// describe`, the HDF5 attributes and the docs tables.
#pragma once

#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/vocabulary.hpp"

namespace osteon {

struct StateInfo {
  std::string_view name;       // e.g. "OBa"
  std::string_view unit;       // e.g. "pM"
  std::string_view long_name;  // e.g. "active osteoblasts"
  bool nonnegative = true;     // a negative value means the run has failed
};

struct ParamInfo {
  std::string_view name;                                  // ASCII form of the paper's symbol, e.g. "K_A1"
  double value;                                           // default
  std::string_view unit;                                  // e.g. "1/pM"
  std::string_view symbol;                                // as printed in the paper, e.g. "K_{A1}" or "β₁"
  std::string_view description;                           // one line
  std::string_view source;                                // paper, table, and any correction of a typo
  double min = -std::numeric_limits<double>::infinity();  // allowed range, inclusive
  double max = std::numeric_limits<double>::infinity();
};

struct ObservableInfo {
  std::string_view name;
  std::string_view unit;
  std::string_view long_name;
};

// The values of a parameter a model was calibrated or validated for. Outside
// them a run still runs, with a warning on stderr and in the file. A parameter
// that grows along the scenario (an age) gives its growth per day: the range
// then covers its value from the start to the end of the scenario.
struct ValidityRange {
  std::string_view parameter;    // e.g. "age"
  double low = 0.0, high = 0.0;  // in the parameter's declared unit
  double growth_per_day = 0.0;   // e.g. 1/365.25 for an age in years
  std::string_view basis;        // why these bounds, e.g. the trial populations
};

struct ModelInfo {
  std::string_view id;           // e.g. "komarova2003"
  std::string_view citation;     // full reference
  std::string_view description;  // one paragraph
  std::span<const StateInfo> states;
  std::span<const ParamInfo> params;
  std::span<const ObservableInfo> observables;
  std::string_view notes = {};                   // choices the literature leaves open, known typos
  Vocabulary vocabulary = {};                    // drugs, exercise, sites and field rules (none: a model of cells only)
  std::span<const ValidityRange> validity = {};  // warned about outside (Simulation::warnings)

  std::optional<int> state_index(std::string_view name) const;
  std::optional<int> param_index(std::string_view name) const;
  std::optional<int> observable_index(std::string_view name) const;
  // Names of states then observables: the variables a run can output.
  std::vector<std::string> variable_names() const;
  // Unit and long name of an output variable (state or observable).
  std::string_view variable_unit(std::string_view name) const;
  std::string_view variable_long_name(std::string_view name) const;
};

// A name not found: the closest known names, for "did you mean" messages.
std::string suggest(std::string_view name, const std::vector<std::string>& known);

}  // namespace osteon
