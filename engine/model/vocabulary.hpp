// What a model understands in a scenario beyond its parameters: the drugs,
// exercise types and skeletal sites it knows, and the rules every field of a
// regimen, the patient or nutrition must meet. The engine keeps only generic
// dosing and activity records (scenario/scenario.hpp); each model declares its
// words here, so scenario files, runs tables, sweeps, --set and Python all
// check a value against the same rule.
#pragma once

#include <span>
#include <string_view>

namespace osteon {

struct DrugInfo {
  std::string_view name;             // as written in `drugs:`
  std::string_view long_name;        // with its class and route, for docs and messages
  bool daily = false;                // daily oral therapy given by start and stop only (no dose, every, count)
  std::string_view usual_dose = {};  // e.g. "1 mg": the example a bad `dose` message suggests
};

struct ActivityInfo {
  std::string_view name;  // as written in `exercise:`
  std::string_view long_name;
  bool dosed_in_minutes = false;  // amount in minutes per week (else sessions per week)
};

// The admissible values of one field, in its declared unit. `key` is the
// field's path without list indices: "drugs.dose", "exercise.adherence",
// "patient.age", "patient.t_score", "nutrition.calcium".
struct FieldRule {
  std::string_view key;
  std::string_view unit;
  double min;
  double max;
  std::string_view expected;        // what an error message says is expected, e.g. "a positive dose, e.g. '60 mg'"
  bool exclusive_min = false;       // min itself is not allowed (a dose must be > 0)
  bool whole = false;               // a whole number (a count of doses)
  std::string_view long_name = {};  // e.g. "sessions per week", for coordinates along run
};

// Classes of an output's value for tables (e.g. WHO classes of a T-score): the
// first class whose bound the value is below (or at, when inclusive) applies.
struct ValueClass {
  std::string_view label;
  double bound;
  bool inclusive = false;
};

struct Classification {
  std::string_view prefix;  // outputs whose names start with it, e.g. "t_score_"
  std::span<const ValueClass> classes;
  std::string_view legend;                        // one line for a table's footnote
  std::string_view classify(double value) const;  // "" for NaN
};

// What a simulated scan measures at one site (monitoring visits, rules): the
// model's outputs of that site and the parameters of its reference population
// (T-score = (BMD - mean) / SD), which turn a relative measurement error of
// BMD into an error of the T-score.
struct MeasuredSite {
  std::string_view site;        // as in patient.t_score and monitoring.dxa.sites
  std::string_view t_score;     // observable
  std::string_view bmd_change;  // observable, % from scenario start
  std::string_view ref_mean;    // parameter: young-adult mean BMD
  std::string_view ref_sd;      // parameter: its SD, same unit
};

// A marker measured at monitoring visits: its name in scenarios and the observable it reads.
struct MarkerInfo {
  std::string_view name;
  std::string_view observable;
};

struct Vocabulary {
  std::span<const DrugInfo> drugs;
  std::span<const ActivityInfo> exercise;
  std::span<const std::string_view> sites;            // keys of patient.t_score
  std::span<const FieldRule> fields;                  // patient, nutrition and regimen fields beyond the generic ones
  std::span<const std::string_view> key_outputs;      // what a comparison shows by default
  std::span<const Classification> classifications;    // classes of outputs in tables
  std::span<const MeasuredSite> measured_sites = {};  // what monitoring visits scan
  std::span<const MarkerInfo> markers = {};           // what monitoring visits measure in blood

  const MeasuredSite* measured_site(std::string_view name) const;
  const MarkerInfo* marker(std::string_view name) const;

  const DrugInfo* drug(std::string_view name) const;
  const ActivityInfo* activity(std::string_view name) const;
  bool has_site(std::string_view name) const;
  const Classification* classification(std::string_view output) const;  // nullptr if none
};

}  // namespace osteon
