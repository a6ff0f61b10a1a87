// Scenario format v1 (docs/scenario-format.md): what to simulate, read from
// YAML and checked against the model it names. Every value keeps the place it
// came from so that later checks can still point at file, line and key.
#pragma once

#include <cstdint>
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
  double time = 0.0;            // days
  std::vector<Assignment> set;  // parameters or states <- value
  std::vector<Assignment> add;  // states (or parameters) += value
  Origin origin;
};

// One entry of `drugs:`. Times in days, doses in mg.
struct DrugRegimen {
  std::string drug;
  std::optional<double> dose_mg;  // absent for daily oral AIs (standard dose implied)
  double start = 0.0;
  std::optional<double> every;  // interval; absent = daily oral therapy for AIs, single dose otherwise
  std::optional<int> count;     // number of doses
  std::optional<double> stop;   // no dose at or after stop
  std::string id;               // name for rules (care_pathway.hpp); empty if none
  bool held = false;            // given only when a rule starts it; times from the decision
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
  double adherence = 1.0;  // fraction of planned sessions done
  std::string id;          // name for rules; empty if none
  bool held = false;       // given only when a rule starts it
  Origin origin;
};

struct Patient {
  std::optional<double> age;              // years
  std::optional<double> menopause_age;    // years
  std::map<std::string, double> t_score;  // site -> T-score at scenario start
  Origin origin;
};

struct Nutrition {
  std::optional<double> calcium;    // mg/d
  std::optional<double> vitamin_d;  // IU/d
  Origin origin;
};

// `monitoring:` visits at which the model's measurements are taken (simulated
// DXA at the model's skeletal sites, markers) and rules are evaluated.
struct Monitoring {
  std::vector<double> times;         // days, ascending
  std::vector<std::string> sites;    // DXA sites (the model's vocabulary)
  std::vector<std::string> markers;  // markers (the model's vocabulary)
  std::optional<double> lsc;         // least significant change of a scan, fraction of BMD (0.03 = 3 %)
  std::uint64_t seed = 1;            // of the measurement error (only with lsc)
  Origin origin;
};

// One treatment rule (docs/scenario-format.md, "Rules"): when its condition
// holds at a visit, its actions are taken.
struct RuleCondition {
  enum class Kind { t_score_below, bmd_loss, marker_above, on_regimen } kind = Kind::t_score_below;
  std::string site;        // a site or "any" (t_score_below, bmd_loss)
  std::string marker;      // marker_above
  std::string regimen;     // on_regimen: id
  double threshold = 0.0;  // T-score, marker level (observable's unit) or time on regimen (d)
  Origin origin;
};

struct RuleAction {
  enum class Kind { start, stop, switch_to } kind = Kind::start;
  std::string regimen;           // start / stop: id; switch: the one stopped
  std::string to;                // switch: the one started
  double after_last_dose = 0.0;  // switch: days after the last dose of `regimen`
  Origin origin;
};

struct Rule {
  std::string name;
  RuleCondition when;
  std::vector<RuleAction> then;
  bool repeat = false;  // fires once unless repeat
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
  std::string file;  // path it was read from ("<string>" if none)
  std::string text;  // full YAML text, stored with the results
  int format = 1;
  std::string name;
  std::string description;
  std::string model;
  double duration = 0.0;                      // days
  std::vector<double> output_times;           // days, ascending
  std::vector<std::string> output_variables;  // empty = all
  Origin output_origin;
  OutputStorage output_storage;  // output.compression, output.precision
  SolverSettings solver;
  bool initial_steady_state = true;
  std::vector<Assignment> initial_values;  // on top of the steady state, or all states
  Origin initial_origin;
  std::vector<Assignment> parameters;
  std::vector<DrugRegimen> drugs;
  std::vector<ExerciseRegimen> exercise;
  std::optional<Patient> patient;
  std::optional<Nutrition> nutrition;
  std::vector<ScenarioEvent> events;
  std::optional<Monitoring> monitoring;
  std::vector<Rule> rules;
  std::optional<RunsTable> runs;
};

// Reads and checks a scenario; throws InputError naming file, line and key.
Scenario load_scenario_file(const std::string& path, const ModelRegistry& models);
Scenario load_scenario_text(const std::string& text, const std::string& file_label, const ModelRegistry& models);

// Applies a command-line override "NAME=VALUE" (VALUE may carry a unit) to a
// parameter of the scenario's model. Throws InputError.
void apply_parameter_override(Scenario& scenario, const std::string& assignment, const Model& model);

}  // namespace osteon
