// Scenario format v1 (docs/scenario-format.md): what to simulate, read from
// YAML and checked against the model it names. Every value keeps the place it
// came from so that later checks can still point at file, line and key.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "integrate/solver_settings.hpp"
#include "output/output_description.hpp"

namespace osteon {

class ModelRegistry;
class Model;

// Where a value was read: file/line/column and the key path, e.g. "events[1].at".
struct Origin {
  SourceLocation where;
  std::string key;
};

// A named value already converted to the declared unit of what it names.
struct Assignment {
  std::string name;
  double value = 0.0;
  Origin origin;
};

struct ScenarioEvent {
  double time = 0.0;                // days
  std::vector<Assignment> set;      // parameters or states <- value
  std::vector<Assignment> add;      // states (or parameters) += value
  Origin origin;
};

// One entry of `drugs:`. Times in days, doses in mg.
struct DrugRegimen {
  std::string drug;
  std::optional<double> dose_mg;    // absent for daily oral AIs (standard dose implied)
  double start = 0.0;
  std::optional<double> every;      // interval; absent = daily oral therapy for AIs, single dose otherwise
  std::optional<int> count;         // number of doses
  std::optional<double> stop;       // no dose at or after stop
  Origin origin;
};

// One entry of `exercise:`.
struct ExerciseRegimen {
  std::string type;
  std::optional<double> sessions_per_week;
  std::optional<double> minutes_per_session;
  std::optional<double> minutes_per_week;
  double start = 0.0;
  std::optional<double> stop;
  double adherence = 1.0;           // fraction of planned sessions done
  Origin origin;
};

struct Patient {
  std::optional<double> age;             // years
  std::optional<double> menopause_age;   // years
  std::map<std::string, double> t_score; // site -> T-score at scenario start
  Origin origin;
};

struct Nutrition {
  std::optional<double> calcium;         // mg/d
  std::optional<double> vitamin_d;       // IU/d
  Origin origin;
};

// Per-run overrides of an ensemble (`runs:`): one column per scenario path
// (scenario_path.hpp), one row per run, values in each column's declared unit.
struct RunsTable {
  std::vector<std::string> columns;
  std::vector<Origin> column_origins;
  // One flat row-major array (n_rows x columns): an ensemble of 10^5-10^7 runs costs 8 bytes per
  // cell and nothing per row, so memory hardly grows with the number of runs.
  std::vector<double> values;
  std::size_t n_rows() const { return columns.empty() ? 0 : values.size() / columns.size(); }
  const double* row(std::size_t i) const { return values.data() + i * columns.size(); }
  std::string source;  // the CSV file, "inline", or sweep_design for the runs of a sweep
  static constexpr const char* sweep_design = "sweep design";
  Origin origin;
};

struct Scenario {
  std::string file;                 // path it was read from ("<string>" if none)
  std::string text;                 // full YAML text, stored with the results
  int format = 1;
  std::string name;
  std::string description;
  std::string model;
  double duration = 0.0;            // days
  std::vector<double> output_times; // days, ascending
  std::vector<std::string> output_variables;  // empty = all
  Origin output_origin;
  OutputStorage output_storage;     // output.compression, output.precision
  SolverSettings solver;
  bool initial_steady_state = true;
  std::vector<Assignment> initial_values;     // on top of the steady state, or all states
  Origin initial_origin;
  std::vector<Assignment> parameters;
  std::vector<DrugRegimen> drugs;
  std::vector<ExerciseRegimen> exercise;
  std::optional<Patient> patient;
  std::optional<Nutrition> nutrition;
  std::vector<ScenarioEvent> events;
  std::optional<RunsTable> runs;
};

// Reads and checks a scenario; throws InputError naming file, line and key.
Scenario load_scenario_file(const std::string& path, const ModelRegistry& models);
Scenario load_scenario_text(const std::string& text, const std::string& file_label,
                            const ModelRegistry& models);

// Applies a command-line override "NAME=VALUE" (VALUE may carry a unit) to a
// parameter of the scenario's model. Throws InputError.
void apply_parameter_override(Scenario& scenario, const std::string& assignment, const Model& model);

}  // namespace osteon
