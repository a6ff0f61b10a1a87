// Names for the numbers in a scenario that an ensemble or a sweep may vary:
// a model parameter (`A_OCa` or `parameters.A_OCa`), an initial state
// (`initial.OC`), or a field of a regimen or of the patient
// (`drugs[1].dose`, `drugs[0].stop`, `exercise[0].sessions_per_week`,
// `patient.t_score.<site>`, `nutrition.calcium`), or the threshold of a rule
// (`rules[0].when.t_score_below`).
#pragma once

#include <string>

#include "scenario/scenario.hpp"

namespace osteon {

class Model;

struct ScenarioPath {
  enum class Kind { parameter, initial_state, drug, exercise, patient, nutrition, rule };
  Kind kind = Kind::parameter;
  int index = -1;     // list position for drugs/exercise/rules
  std::string field;  // e.g. "dose", "t_score"
  std::string name;   // parameter or state name, or skeletal site
  std::string text;   // as written
  std::string unit;   // declared unit of the value
  std::string long_name;

  bool is_parameter() const { return kind == Kind::parameter; }
};

// Resolves `text` against a scenario and its model; throws InputError at
// `origin` when the path names nothing.
ScenarioPath resolve_scenario_path(const std::string& text, const Scenario& scenario, const Model& model,
                                   const Origin& origin);

// Empty when `value` (in the path's declared unit) is admissible, else why not.
std::string check_path_value(const ScenarioPath& path, double value, const Model& model);
// What check_path_value admits, as an error message's "expected" part (e.g. "a value in [0, 1] 1/d").
std::string admissible_values(const ScenarioPath& path, const Model& model);

// Writes `value` (in the path's declared unit) into the scenario.
void assign_path(Scenario& scenario, const ScenarioPath& path, double value);

// One field of a record by the name its field rule uses (the one mapping from names to members,
// for the scenario loader and for runs tables and sweeps alike). `site` names the T-score's site.
void set_field(DrugRegimen& regimen, const std::string& field, double value);
void set_field(ExerciseRegimen& regimen, const std::string& field, double value);
void set_field(Patient& patient, const std::string& field, const std::string& site, double value);
void set_field(Nutrition& nutrition, const std::string& field, double value);

// The fields of a rule's condition that runs tables and sweeps may set: `rules[i].when.<key>`.
// Returns the unit of `key` for rule `rule`, or "" when the condition has no such number.
std::string rule_field_unit(const Rule& rule, const std::string& key, const Model& model);
// Empty when `value` is admissible for that field, else why not.
std::string check_rule_field(const std::string& key, double value);
void set_rule_field(Rule& rule, const std::string& key, double value);

}  // namespace osteon
