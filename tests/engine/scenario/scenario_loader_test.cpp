// The scenario loader (format v1, docs/scenario-format.md): every bad input is
// rejected with file, line, key and what was expected; good input arrives in
// days and in the declared units of the model.
#include <gtest/gtest.h>

#include <string>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace {

using osteon::InputError;
using osteon::Scenario;

const char* const file = "file.yaml";

Scenario load(const std::string& yaml) {
  return osteon::load_scenario_text(yaml, file, osteon::models::builtin_registry());
}

// A valid Komarova 2003 header on lines 1-4; `rest` starts on line 5.
// The same for the integrated model, whose vocabulary has drugs, exercise, a patient and nutrition.
std::string with_integrated_header(const std::string& rest) {
  return "osteon: 1\nname: k\nmodel: integrated\nduration: 300 d\n" + rest;
}

std::string with_header(const std::string& rest) {
  return "osteon: 1\nname: k\nmodel: komarova2003\nduration: 300 d\n" + rest;
}

// Loads `yaml` and checks that it is rejected at `line` for `key`, that the
// message names file and line, and that it contains `contains` (if given).
::testing::AssertionResult rejected(const std::string& yaml, int line, const std::string& key,
                                    const std::string& contains = "") {
  try {
    load(yaml);
  } catch (const InputError& e) {
    const std::string what = e.what();
    const std::string file_line = std::string(file) + ":" + std::to_string(line) + ":";
    if (e.where().line != line) {
      return ::testing::AssertionFailure() << "line " << e.where().line << ", expected " << line << ": " << what;
    }
    if (e.key() != key)
      return ::testing::AssertionFailure() << "key '" << e.key() << "', expected '" << key << "': " << what;
    if (what.find(file_line) == std::string::npos) {
      return ::testing::AssertionFailure() << "message lacks '" << file_line << "': " << what;
    }
    if (!contains.empty() && what.find(contains) == std::string::npos) {
      return ::testing::AssertionFailure() << "message lacks '" << contains << "': " << what;
    }
    return ::testing::AssertionSuccess() << what;
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw something other than InputError: " << e.what();
  }
  return ::testing::AssertionFailure() << "accepted:\n" << yaml;
}

// ---- document structure ----------------------------------------------------

TEST(ScenarioLoaderRejects, MalformedYaml) {
  // The flow mapping on line 5 is never closed; yaml-cpp notices at line 6.
  EXPECT_TRUE(rejected(with_header("output: {every: 1 d\nsolver: {rtol: 1e-8}\n"), 6, "", "malformed YAML"));
  // A key indented under a scalar value.
  EXPECT_TRUE(rejected("osteon: 1\nname: k\n  model: komarova2003\n", 3, "", "malformed YAML"));
}

TEST(ScenarioLoaderRejects, EmptyDocumentOrList) {
  EXPECT_TRUE(rejected("", 1, "", "an empty document"));
  EXPECT_TRUE(rejected("- osteon: 1\n", 1, "", "a list"));
}

TEST(ScenarioLoaderRejects, MissingRequiredKeys) {
  EXPECT_TRUE(rejected("name: k\nmodel: komarova2003\nduration: 300 d\n", 1, "osteon", "no 'osteon'"));
  EXPECT_TRUE(rejected("osteon: 1\nmodel: komarova2003\nduration: 300 d\n", 1, "name", "no 'name'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nduration: 300 d\n", 1, "model", "no 'model'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\n", 1, "duration", "no 'duration'"));
}

TEST(ScenarioLoaderRejects, WrongFormatVersion) {
  EXPECT_TRUE(rejected("name: k\nosteon: 2\nmodel: komarova2003\nduration: 300 d\n", 2, "osteon", "'2'"));
  EXPECT_TRUE(rejected("name: k\nosteon: [1]\nmodel: komarova2003\nduration: 300 d\n", 2, "osteon", "a list"));
}

TEST(ScenarioLoaderRejects, NameWithCharactersOutsideLowercaseDigitsUnderscore) {
  EXPECT_TRUE(rejected("osteon: 1\nname: Fig-2\nmodel: komarova2003\nduration: 300 d\n", 2, "name", "'Fig-2'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: fig 2\nmodel: komarova2003\nduration: 300 d\n", 2, "name"));
}

TEST(ScenarioLoaderRejects, UnknownTopLevelKeyWithSuggestion) {
  EXPECT_TRUE(rejected(with_header("parameter: {g11: 0.6}\n"), 5, "parameter", "'parameters'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduraton: 300 d\n", 4, "duraton", "'duration'"));
}

TEST(ScenarioLoaderRejects, DuplicateKeys) {
  EXPECT_TRUE(rejected(with_header("duration: 200 d\n"), 5, "duration", "first at line 4"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  g11: 0.6\n  g11: 0.7\n"), 7, "parameters.g11", "a second 'g11'"));
  EXPECT_TRUE(rejected(with_header("output:\n  every: 1 d\n  every: 2 d\n"), 7, "output.every", "a second 'every'"));
}

TEST(ScenarioLoaderRejects, KeysThatAreNotNames) {
  // YAML allows lists and mappings as keys; a scenario does not.
  EXPECT_TRUE(rejected(with_header("[a]: 1\n"), 5, "", "a list as a key"));
  EXPECT_TRUE(rejected(with_header("parameters: {[g11]: 1}\n"), 5, "parameters", "a list as a key"));
  EXPECT_TRUE(rejected(with_header("initial:\n  ? {OC: 1}\n  : 2\n"), 6, "initial", "a mapping as a key"));
  EXPECT_TRUE(
      rejected(with_integrated_header("patient: {t_score: {[a]: 1}}\n"), 5, "patient.t_score", "a list as a key"));
}

TEST(ScenarioLoaderRejects, UnknownModelWithSuggestion) {
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2004\nduration: 300 d\n", 3, "model", "'komarova2003'"));
}

TEST(ScenarioLoaderRejects, RunsTableFileThatCannotBeOpened) {
  EXPECT_TRUE(rejected(with_header("runs:\n  file: /nonexistent/runs.csv\n"), 6, "runs.file", "cannot be opened"));
}

// ---- duration ----------------------------------------------------------------

// A bare number where a time is expected was read as days: `every: 6` dosed every 6 days. It is
// refused, naming the units; zero needs no unit, and ages stay in years.
TEST(ScenarioLoaderRejects, BareTimesNeedAUnit) {
  EXPECT_TRUE(
      rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: 300\n", 4, "duration", "a number without a unit"));
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6}\n"), 6,
                       "drugs[0].every", "'6'"));
  EXPECT_TRUE(rejected(with_header("events:\n  - {at: 20, set: {g11: 0.6}}\n"), 6, "events[0].at", "mo"));
  const auto& reg = osteon::models::builtin_registry();
  const auto s = osteon::load_scenario_text(
      with_integrated_header("patient: {age: 62}\ndrugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 0}\n"),
      "f.yaml", reg);
  EXPECT_EQ(*s.patient->age, 62.0);  // years
  EXPECT_EQ(s.drugs[0].start, 0.0);
}

TEST(ScenarioLoaderRejects, DurationWithWrongOrUnknownUnit) {
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: 300 mg\n", 4, "duration", "'300 mg'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: 3 fortnights\n", 4, "duration",
                       "unknown unit 'fortnights'"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: five years\n", 4, "duration"));
}

TEST(ScenarioLoaderRejects, DurationNegativeZeroOrTooLong) {
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: -5 d\n", 4, "duration", "positive"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: 0 y\n", 4, "duration", "positive"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: 201 y\n", 4, "duration", "200 y"));
}

// ---- output ------------------------------------------------------------------

TEST(ScenarioLoaderRejects, OutputEveryAndTimesTogether) {
  EXPECT_TRUE(rejected(with_header("output:\n  every: 1 d\n  times: [0 d, 1 d]\n"), 7, "output.times",
                       "both 'every' and 'times'"));
}

TEST(ScenarioLoaderRejects, OutputEveryZeroOrNegative) {
  EXPECT_TRUE(rejected(with_header("output: {every: 0 d}\n"), 5, "output.every", "positive"));
  EXPECT_TRUE(rejected(with_header("output:\n  every: -1 wk\n"), 6, "output.every", "positive"));
  EXPECT_TRUE(rejected(with_header("output:\n  every: 1e-6 d\n"), 6, "output.every", "10^7"));
}

TEST(ScenarioLoaderRejects, OutputTimesOutsideDuration) {
  EXPECT_TRUE(rejected(with_header("output:\n  times: [0 d, 400 d]\n"), 6, "output.times[1]", "'400 d'"));
  EXPECT_TRUE(rejected(with_header("output:\n  times:\n    - 1 d\n    - -1 d\n"), 8, "output.times[1]", "'-1 d'"));
  EXPECT_TRUE(rejected(with_header("output:\n  times: []\n"), 6, "output.times", "non-empty list"));
}

TEST(ScenarioLoaderRejects, UnknownOutputVariable) {
  EXPECT_TRUE(
      rejected(with_header("output:\n  variables: [OC, bone]\n"), 6, "output.variables[1]", "unknown variable 'bone'"));
  EXPECT_TRUE(rejected(with_header("output:\n  variables: [OC, OC]\n"), 6, "output.variables[1]", "a second 'OC'"));
}

TEST(ScenarioLoaderRejects, UnknownKeyInsideOutput) {
  EXPECT_TRUE(rejected(with_header("output:\n  evry: 1 d\n"), 6, "output.evry", "'every'"));
}

// ---- parameters and initial values -------------------------------------------

TEST(ScenarioLoaderRejects, UnknownParameterWithSuggestion) {
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: 3\n  alpha9: 3\n"), 7, "parameters.alpha9",
                       "unknown name 'alpha9'"));
  EXPECT_TRUE(rejected(with_header("parameters: {g13: 0.5}\n"), 5, "parameters.g13", "'g11'"));
  // A state is not a parameter.
  EXPECT_TRUE(rejected(with_header("parameters: {OC: 1}\n"), 5, "parameters.OC", "unknown name 'OC'"));
}

TEST(ScenarioLoaderRejects, ParameterWithWrongUnit) {
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: 3 mg\n"), 6, "parameters.alpha1", "1/d"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  k1: 0.24 pM\n"), 6, "parameters.k1", "%/(cell*d)"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  beta1: 0.2 /dd\n"), 6, "parameters.beta1", "unknown unit 'dd'"));
}

TEST(ScenarioLoaderRejects, ParameterOutOfItsRange) {
  EXPECT_TRUE(rejected(with_header("parameters:\n  g11: 12\n"), 6, "parameters.g11", "[-10, 10]"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  beta1: -0.2 /d\n"), 6, "parameters.beta1", "'-0.2 /d'"));
  EXPECT_TRUE(
      rejected(with_header("parameters:\n  freeze_reference: 2\n"), 6, "parameters.freeze_reference", "[0, 1]"));
}

TEST(ScenarioLoaderRejects, NotANumberOrInfinite) {
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: nan\n"), 6, "parameters.alpha1", "not a finite number"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: .nan\n"), 6, "parameters.alpha1"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: inf /d\n"), 6, "parameters.alpha1", "not a finite number"));
  EXPECT_TRUE(rejected(with_header("parameters:\n  alpha1: 1e999\n"), 6, "parameters.alpha1", "out of range"));
  EXPECT_TRUE(rejected(with_header("initial: {OC: -inf}\n"), 5, "initial.OC", "not a finite number"));
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: komarova2003\nduration: inf d\n", 4, "duration"));
}

TEST(ScenarioLoaderRejects, UnknownStateInInitial) {
  EXPECT_TRUE(rejected(with_header("initial:\n  OC: 11\n  OBx: 212\n"), 7, "initial.OBx", "'OB'"));
  // A parameter is not a state.
  EXPECT_TRUE(rejected(with_header("initial: {g11: 1}\n"), 5, "initial.g11", "unknown name 'g11'"));
  EXPECT_TRUE(rejected(with_header("initial: steady\n"), 5, "initial", "'steady_state'"));
}

TEST(ScenarioLoaderRejects, StateWithWrongUnit) {
  EXPECT_TRUE(rejected(with_header("initial:\n  z: 100 d\n"), 6, "initial.z", "'100 d'"));
}

// ---- events --------------------------------------------------------------------

TEST(ScenarioLoaderRejects, EventTimeOutsideDuration) {
  EXPECT_TRUE(rejected(with_header("events:\n  - {at: 10 d, set: {g11: 0.6}}\n  - {at: 301 d, set: {g11: 0.5}}\n"), 7,
                       "events[1].at", "'301 d'"));
  EXPECT_TRUE(rejected(with_header("events:\n  - {at: -1 h, add: {OC: 1}}\n"), 6, "events[0].at"));
}

TEST(ScenarioLoaderRejects, EventTimeWithWrongUnit) {
  EXPECT_TRUE(rejected(with_header("events:\n  - at: 10 mg\n    set: {g11: 0.6}\n"), 6, "events[0].at", "time unit"));
}

TEST(ScenarioLoaderRejects, EventWithoutSetOrAddOrTime) {
  EXPECT_TRUE(rejected(with_header("events:\n  - {at: 10 d, set: {g11: 0.6}}\n  - {at: 20 d}\n"), 7, "events[1]",
                       "neither 'set' nor 'add'"));
  EXPECT_TRUE(rejected(with_header("events:\n  - {set: {g11: 0.6}}\n"), 6, "events[0].at", "no 'at'"));
  EXPECT_TRUE(rejected(with_header("events:\n  - {at: 1 d, sett: {g11: 0.6}}\n"), 6, "events[0].sett", "'set'"));
  EXPECT_TRUE(rejected(with_header("events: {at: 1 d}\n"), 5, "events", "a list of events"));
}

TEST(ScenarioLoaderRejects, EventNamingUnknownParameterOrBadValue) {
  EXPECT_TRUE(rejected(with_header("events:\n  - at: 10 d\n    set:\n      g12: 0.9\n      gg: 1\n"), 9,
                       "events[0].set.gg", "unknown name 'gg'"));
  EXPECT_TRUE(rejected(with_header("events:\n  - at: 10 d\n    add: {OC: 10 mg}\n"), 7, "events[0].add.OC", "'10 mg'"));
}

// ---- solver --------------------------------------------------------------------

TEST(ScenarioLoaderRejects, UnknownSolverMethod) {
  EXPECT_TRUE(rejected(with_header("solver: {method: euler}\n"), 5, "solver.method", "odeint-dopri5"));
  EXPECT_TRUE(rejected(with_header("solver:\n  methd: dopri5\n"), 6, "solver.methd", "'method'"));
}

TEST(ScenarioLoaderRejects, BadTolerancesAndLimits) {
  EXPECT_TRUE(rejected(with_header("solver:\n  rtol: 0.5\n"), 6, "solver.rtol", "between 1e-14 and 1e-2"));
  EXPECT_TRUE(rejected(with_header("solver:\n  rtol: 1e-20\n"), 6, "solver.rtol"));
  EXPECT_TRUE(rejected(with_header("solver:\n  rtol: 1e-8 d\n"), 6, "solver.rtol", "a plain number"));
  EXPECT_TRUE(rejected(with_header("solver:\n  atol: 0\n"), 6, "solver.atol", "positive"));
  EXPECT_TRUE(rejected(with_header("solver:\n  max_steps: 1.5\n"), 6, "solver.max_steps"));
  EXPECT_TRUE(rejected(with_header("solver:\n  max_step: 0 d\n"), 6, "solver.max_step", "positive"));
}

// ---- drugs ---------------------------------------------------------------------

TEST(ScenarioLoaderRejects, UnknownDrugWithSuggestion) {
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - {drug: denosumabb, dose: 60 mg, start: 0 d}\n"), 6,
                       "drugs[0].drug", "'denosumab'"));
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - {dose: 60 mg}\n"), 6, "drugs[0].drug", "no 'drug'"));
}

TEST(ScenarioLoaderRejects, ZeroOrMislabelledDose) {
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - drug: denosumab\n    dose: 0 mg\n"), 7, "drugs[0].dose",
                       "positive dose"));
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - drug: denosumab\n    dose: 60 mL\n"), 7, "drugs[0].dose",
                       "'60 mL'"));
}

TEST(ScenarioLoaderRejects, DrugStopBeforeStart) {
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - drug: alendronate\n    dose: 70 mg\n    every: 1 wk\n"
                                              "    stop: 1 mo\n    start: 2 mo\n"),
                       9, "drugs[0].stop", "a stop after the start"));
}

TEST(ScenarioLoaderRejects, DrugCountWithoutInterval) {
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - {drug: denosumab, dose: 60 mg, count: 3}\n"), 6,
                       "drugs[0].count", "'every'"));
  EXPECT_TRUE(rejected(with_integrated_header("drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: 0}\n"), 6,
                       "drugs[0].count"));
}

TEST(ScenarioLoaderRejects, OverlappingRegimensOfOneDrug) {
  const std::string two =
      "drugs:\n"
      "  - {drug: zoledronic_acid, dose: 4 mg, every: 6 mo, start: 0 d, stop: 3 y}\n"
      "  - {drug: alendronate, dose: 70 mg, every: 1 wk, start: 0 d}\n"
      "  - {drug: zoledronic_acid, dose: 5 mg, every: 1 y, start: 2 y}\n";
  EXPECT_TRUE(
      rejected("osteon: 1\nname: k\nmodel: integrated\nduration: 5 y\n" + two, 8, "drugs[2]", "overlapping drugs[0]"));
  // A counted regimen covers start + count * every.
  const std::string counted =
      "drugs:\n"
      "  - {drug: denosumab, dose: 60 mg, every: 6 mo, count: 4}\n"
      "  - {drug: denosumab, dose: 60 mg, every: 6 mo, start: 18 mo}\n";
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: integrated\nduration: 5 y\n" + counted, 7, "drugs[1]"));
  // Daily aromatase-inhibitor therapy without stop lasts the whole scenario.
  const std::string daily = "drugs:\n  - {drug: anastrozole}\n  - {drug: anastrozole, start: 1 y}\n";
  EXPECT_TRUE(rejected("osteon: 1\nname: k\nmodel: integrated\nduration: 5 y\n" + daily, 7, "drugs[1]"));
}

// ---- exercise, patient, nutrition -----------------------------------------------

TEST(ScenarioLoaderRejects, UnknownExerciseType) {
  EXPECT_TRUE(rejected(with_integrated_header("exercise:\n  - {type: jogging, minutes_per_week: 150}\n"), 6,
                       "exercise[0].type", "unknown exercise type 'jogging'"));
  EXPECT_TRUE(rejected(with_integrated_header("exercise:\n  - {type: walkng, minutes_per_week: 150}\n"), 6,
                       "exercise[0].type", "'walking'"));
}

TEST(ScenarioLoaderRejects, ExerciseAdherenceAboveOne) {
  EXPECT_TRUE(
      rejected(with_integrated_header("exercise:\n  - type: walking\n    minutes_per_week: 150\n    adherence: 1.2\n"),
               8, "exercise[0].adherence", "between 0 and 1"));
}

TEST(ScenarioLoaderRejects, ExerciseWithoutOrWithContradictoryAmount) {
  EXPECT_TRUE(
      rejected(with_integrated_header("exercise:\n  - {type: walking}\n"), 6, "exercise[0]", "no amount of exercise"));
  EXPECT_TRUE(
      rejected(with_integrated_header("exercise:\n  - {type: walking, minutes_per_week: 150, sessions_per_week: 3}\n"),
               6, "exercise[0]", "both"));
  EXPECT_TRUE(rejected(with_integrated_header("exercise:\n  - {type: walking, minutes_per_week: 150 mg}\n"), 6,
                       "exercise[0].minutes_per_week"));
}

TEST(ScenarioLoaderRejects, TScoreOutsideMinusSixToPlusFour) {
  EXPECT_TRUE(rejected(with_integrated_header("patient:\n  t_score:\n    lumbar_spine: -1.0\n    total_hip: -6.5\n"), 8,
                       "patient.t_score.total_hip", "between -6 and +4"));
  EXPECT_TRUE(rejected(with_integrated_header("patient:\n  t_score: {femoral_neck: 4.5}\n"), 6,
                       "patient.t_score.femoral_neck"));
  EXPECT_TRUE(rejected(with_integrated_header("patient:\n  t_score: {hip: -1}\n"), 6, "patient.t_score.hip",
                       "unknown key 'hip'"));
}

TEST(ScenarioLoaderRejects, PatientAgeImplausible) {
  // A bare age is in years: 62 is accepted, 8 is not an adult patient.
  EXPECT_TRUE(rejected(with_integrated_header("patient:\n  age: 8\n"), 6, "patient.age", "between 18 y and 110 y"));
  EXPECT_TRUE(rejected(with_integrated_header("patient:\n  menopause_age: 80 y\n"), 6, "patient.menopause_age",
                       "between 30 y and 65 y"));
}

TEST(ScenarioLoaderRejects, NutritionWithWrongUnit) {
  EXPECT_TRUE(rejected(with_integrated_header("nutrition:\n  calcium: 1200 mg\n"), 6, "nutrition.calcium", "mg/d"));
  EXPECT_TRUE(rejected(with_integrated_header("nutrition:\n  vitamin_d: -1 IU/d\n"), 6, "nutrition.vitamin_d"));
}

// ---- command-line overrides ------------------------------------------------------

::testing::AssertionResult override_rejected(const std::string& assignment, const std::string& key,
                                             const std::string& contains) {
  Scenario s = load(with_header(""));
  const osteon::Model& model = *osteon::models::builtin_registry().find("komarova2003");
  try {
    osteon::apply_parameter_override(s, assignment, model);
  } catch (const InputError& e) {
    const std::string what = e.what();
    if (e.key() != key) return ::testing::AssertionFailure() << "key '" << e.key() << "': " << what;
    if (what.find("--set") == std::string::npos || what.find(contains) == std::string::npos) {
      return ::testing::AssertionFailure() << "message lacks '--set' or '" << contains << "': " << what;
    }
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "--set " << assignment << " accepted";
}

TEST(ParameterOverride, RejectsBadAssignments) {
  EXPECT_TRUE(override_rejected("g11", "--set", "NAME=VALUE"));
  EXPECT_TRUE(override_rejected("=1.1", "--set", "NAME=VALUE"));
  EXPECT_TRUE(override_rejected("g111=1.1", "--set g111", "'g11'"));
  EXPECT_TRUE(override_rejected("alpha1=3 mg", "--set alpha1", "1/d"));
  EXPECT_TRUE(override_rejected("g11=11", "--set g11", "[-10, 10]"));
  EXPECT_TRUE(override_rejected("g11=nan", "--set g11", "not a finite number"));
  EXPECT_TRUE(override_rejected("g11=", "--set g11", "empty value"));
}

TEST(ParameterOverride, ReplacesTheScenarioValueInTheDeclaredUnit) {
  Scenario s = load(with_header("parameters: {alpha1: 2 /d, g11: 0.6}\n"));
  const osteon::Model& model = *osteon::models::builtin_registry().find("komarova2003");
  osteon::apply_parameter_override(s, "alpha1=0.125/h", model);
  osteon::apply_parameter_override(s, "beta2=0.14 1/wk", model);
  ASSERT_EQ(s.parameters.size(), 3u);
  EXPECT_EQ(s.parameters[0].name, "alpha1");
  EXPECT_DOUBLE_EQ(s.parameters[0].value, 3.0);  // 0.125 per hour = 3 per day
  EXPECT_EQ(s.parameters[0].origin.key, "--set alpha1");
  EXPECT_EQ(s.parameters[1].value, 0.6);  // untouched
  EXPECT_EQ(s.parameters[2].name, "beta2");
  EXPECT_DOUBLE_EQ(s.parameters[2].value, 0.02);  // 0.14 per week
}

// ---- what good input becomes -------------------------------------------------------

TEST(ScenarioLoaderReads, EveryKeyWithUnitsConverted) {
  const std::string yaml = R"(osteon: 1
name: all_keys_2
description: every key of format v1
model: komarova2003
duration: 2 y
output:
  every: 6 mo
  variables: [z, OC, formation]
solver: {method: odeint-dopri5, rtol: 1e-9, atol: 1e-11, max_steps: 5000, initial_step: 1 h, max_step: 2 wk}
initial: {OC: 11 cells, z: 100 %}
parameters:
  alpha1: 0.125 1/h
  beta2: 0.14 /wk
  k1: 24 1/d
  g11: 0.6
events:
  - {at: 6 mo, set: {g21: -0.45}}
  - {at: 1 y, add: {OC: 10}, set: {g21: -0.5}}
)";
  const Scenario s = load(yaml);
  EXPECT_EQ(s.file, file);
  EXPECT_EQ(s.text, yaml);
  EXPECT_EQ(s.name, "all_keys_2");
  EXPECT_EQ(s.description, "every key of format v1");
  EXPECT_EQ(s.model, "komarova2003");
  EXPECT_DOUBLE_EQ(s.duration, 730.5);  // 2 × 365.25 d

  // 0, 6, 12, 18, 24 months in days (30.4375 d per month); 24 mo = 2 y exactly.
  ASSERT_EQ(s.output_times.size(), 5u);
  for (int k = 0; k < 5; ++k) EXPECT_DOUBLE_EQ(s.output_times[k], 182.625 * k);
  EXPECT_EQ(s.output_variables, (std::vector<std::string>{"z", "OC", "formation"}));

  EXPECT_EQ(s.solver.method, osteon::Method::odeint_dopri5);
  EXPECT_EQ(s.solver.rtol, 1e-9);
  EXPECT_EQ(s.solver.atol, 1e-11);
  EXPECT_EQ(s.solver.max_steps, 5000);
  EXPECT_DOUBLE_EQ(s.solver.initial_step, 1.0 / 24.0);
  EXPECT_DOUBLE_EQ(s.solver.max_step, 14.0);

  // OB is not given: it comes from the steady state.
  EXPECT_TRUE(s.initial_steady_state);
  ASSERT_EQ(s.initial_values.size(), 2u);
  EXPECT_EQ(s.initial_values[0].name, "OC");
  EXPECT_EQ(s.initial_values[0].value, 11.0);
  EXPECT_EQ(s.initial_values[1].name, "z");
  EXPECT_EQ(s.initial_values[1].value, 100.0);  // % is the declared unit of z

  ASSERT_EQ(s.parameters.size(), 4u);
  EXPECT_DOUBLE_EQ(s.parameters[0].value, 3.0);     // 0.125/h × 24 h/d
  EXPECT_DOUBLE_EQ(s.parameters[1].value, 0.02);    // 0.14/wk ÷ 7 d/wk
  EXPECT_DOUBLE_EQ(s.parameters[2].value, 2400.0);  // 24 /(cell·d) = 2400 %/(cell·d)
  EXPECT_EQ(s.parameters[3].value, 0.6);
  EXPECT_EQ(s.parameters[3].origin.where.line, 15);
  EXPECT_EQ(s.parameters[3].origin.key, "parameters.g11");

  ASSERT_EQ(s.events.size(), 2u);
  EXPECT_DOUBLE_EQ(s.events[0].time, 182.625);
  ASSERT_EQ(s.events[0].set.size(), 1u);
  EXPECT_EQ(s.events[0].set[0].name, "g21");
  EXPECT_EQ(s.events[0].set[0].value, -0.45);
  EXPECT_DOUBLE_EQ(s.events[1].time, 365.25);
  ASSERT_EQ(s.events[1].add.size(), 1u);
  EXPECT_EQ(s.events[1].add[0].name, "OC");
  EXPECT_EQ(s.events[1].add[0].value, 10.0);
  EXPECT_EQ(s.events[1].origin.where.line, 18);
  EXPECT_EQ(s.events[1].origin.key, "events[1]");
}

// Drugs, exercise, patient and nutrition belong to the models that declare them
// (here the integrated model's vocabulary), read in their declared units.
TEST(ScenarioLoaderReads, RegimensPatientAndNutritionInTheirUnits) {
  const Scenario s = load(
      "osteon: 1\nname: all_keys_3\nmodel: integrated\nduration: 2 y\n"
      R"(drugs:
  - {drug: denosumab, dose: 0.06 g, every: 6 mo, count: 2, start: 0 d}
  - {drug: anastrozole, start: 1 mo, stop: 1 y}
exercise:
  - {type: resistance_impact, sessions_per_week: 3, minutes_per_session: 0.75 h, start: 1 wk, stop: 1 y, adherence: 0.8}
  - {type: walking, minutes_per_week: 2.5 h/wk}
patient:
  age: 62 y
  menopause_age: 612 mo
  t_score: {lumbar_spine: -1.0, total_hip: -0.8, femoral_neck: -1.2}
nutrition: {calcium: 1.2 g/d, vitamin_d: 5600 IU/wk}
)");
  ASSERT_EQ(s.drugs.size(), 2u);
  EXPECT_EQ(s.drugs[0].drug, "denosumab");
  ASSERT_TRUE(s.drugs[0].dose_mg && s.drugs[0].every && s.drugs[0].count);
  EXPECT_DOUBLE_EQ(*s.drugs[0].dose_mg, 60.0);
  EXPECT_DOUBLE_EQ(*s.drugs[0].every, 182.625);
  EXPECT_EQ(*s.drugs[0].count, 2);
  EXPECT_FALSE(s.drugs[0].stop);
  EXPECT_EQ(s.drugs[1].drug, "anastrozole");
  EXPECT_FALSE(s.drugs[1].dose_mg);
  EXPECT_FALSE(s.drugs[1].every);
  EXPECT_DOUBLE_EQ(s.drugs[1].start, 30.4375);
  ASSERT_TRUE(s.drugs[1].stop);
  EXPECT_DOUBLE_EQ(*s.drugs[1].stop, 365.25);

  ASSERT_EQ(s.exercise.size(), 2u);
  EXPECT_EQ(s.exercise[0].type, "resistance_impact");
  EXPECT_DOUBLE_EQ(*s.exercise[0].sessions_per_week, 3.0);
  EXPECT_DOUBLE_EQ(*s.exercise[0].minutes_per_session, 45.0);
  EXPECT_DOUBLE_EQ(s.exercise[0].start, 7.0);
  EXPECT_DOUBLE_EQ(*s.exercise[0].stop, 365.25);
  EXPECT_EQ(s.exercise[0].adherence, 0.8);
  EXPECT_DOUBLE_EQ(*s.exercise[1].minutes_per_week, 150.0);
  EXPECT_EQ(s.exercise[1].adherence, 1.0);  // default
  EXPECT_EQ(s.exercise[1].start, 0.0);

  ASSERT_TRUE(s.patient);
  EXPECT_DOUBLE_EQ(*s.patient->age, 62.0);
  EXPECT_DOUBLE_EQ(*s.patient->menopause_age, 51.0);  // 612 months
  EXPECT_EQ(s.patient->t_score.at("lumbar_spine"), -1.0);
  EXPECT_EQ(s.patient->t_score.at("total_hip"), -0.8);
  EXPECT_EQ(s.patient->t_score.at("femoral_neck"), -1.2);

  ASSERT_TRUE(s.nutrition);
  EXPECT_DOUBLE_EQ(*s.nutrition->calcium, 1200.0);
  EXPECT_DOUBLE_EQ(*s.nutrition->vitamin_d, 800.0);
}

TEST(ScenarioLoaderReads, DefaultsOfOptionalKeys) {
  const Scenario s = load(with_header(""));
  EXPECT_EQ(s.duration, 300.0);
  ASSERT_EQ(s.output_times.size(), 101u);  // 100 intervals
  EXPECT_EQ(s.output_times.front(), 0.0);
  EXPECT_DOUBLE_EQ(s.output_times[1], 3.0);
  EXPECT_EQ(s.output_times.back(), 300.0);
  EXPECT_TRUE(s.output_variables.empty());  // all
  EXPECT_TRUE(s.initial_steady_state);
  EXPECT_EQ(s.solver.method, osteon::Method::dopri5);
  EXPECT_EQ(s.solver.rtol, 1e-8);
  EXPECT_EQ(s.solver.atol, 1e-12);
  EXPECT_TRUE(s.parameters.empty());
  EXPECT_TRUE(s.events.empty());
  EXPECT_FALSE(s.patient);
  EXPECT_FALSE(s.nutrition);
}

TEST(ScenarioLoaderReads, FullInitialStateSkipsSteadyState) {
  const Scenario s = load(with_header("initial: {OC: 11, OB: 212, z: 100}\n"));
  EXPECT_FALSE(s.initial_steady_state);
  EXPECT_EQ(s.initial_values.size(), 3u);
}

TEST(ScenarioLoaderReads, OutputTimesFromEveryIncludeTheEndPoint) {
  // 10 d every 3 d: 0, 3, 6, 9 and the end 10.
  Scenario s = load("osteon: 1\nname: k\nmodel: komarova2003\nduration: 10 d\noutput: {every: 3 d}\n");
  EXPECT_EQ(s.output_times, (std::vector<double>{0, 3, 6, 9, 10}));
  // 1 y every 1 mo: exactly 13 samples, the last one the end (12 × 30.4375 = 365.25).
  s = load("osteon: 1\nname: k\nmodel: komarova2003\nduration: 1 y\noutput: {every: 1 mo}\n");
  ASSERT_EQ(s.output_times.size(), 13u);
  EXPECT_EQ(s.output_times.back(), 365.25);
  // An interval with no exact binary form still ends on the duration, once.
  s = load("osteon: 1\nname: k\nmodel: komarova2003\nduration: 0.3 d\noutput: {every: 0.1 d}\n");
  ASSERT_EQ(s.output_times.size(), 4u);
  EXPECT_EQ(s.output_times.back(), 0.3);
  EXPECT_DOUBLE_EQ(s.output_times[1], 0.1);
  // An interval longer than the duration: the start and the end.
  s = load("osteon: 1\nname: k\nmodel: komarova2003\nduration: 10 d\noutput: {every: 1 y}\n");
  EXPECT_EQ(s.output_times, (std::vector<double>{0, 10}));
}

TEST(ScenarioLoaderReads, ListedOutputTimesAreSortedAndUnique) {
  const Scenario s = load(with_header("output:\n  times: [6 mo, 0 d, 1 wk, 26 wk, 0 h, 300 d]\n"));
  EXPECT_EQ(s.output_times, (std::vector<double>{0.0, 7.0, 182.0, 182.625, 300.0}));
}

TEST(ScenarioLoaderReads, EventsKeepTheirOrder) {
  // Events are kept as written, also when out of time order or at equal
  // times: the schedule applies same-time events in this order.
  const Scenario s =
      load(with_header("events:\n"
                       "  - {at: 20 d, set: {g11: 0.7}}\n"
                       "  - {at: 10 d, set: {g11: 0.6}}\n"
                       "  - {at: 10 d, add: {OC: 5}}\n"
                       "  - {at: 300 d, set: {g11: 0.5}}\n"));
  ASSERT_EQ(s.events.size(), 4u);
  EXPECT_EQ(s.events[0].time, 20.0);
  EXPECT_EQ(s.events[1].time, 10.0);
  EXPECT_EQ(s.events[1].set[0].value, 0.6);
  EXPECT_EQ(s.events[2].time, 10.0);
  EXPECT_EQ(s.events[2].add[0].name, "OC");
  EXPECT_EQ(s.events[3].time, 300.0);  // at the very end is allowed
  for (int i = 0; i < 4; ++i) EXPECT_EQ(s.events[i].origin.where.line, 6 + i);
}

TEST(ScenarioLoaderReads, SeparateDosesOfOneDrugDoNotOverlap) {
  // Two single injections, and a regimen that starts where a counted one ends.
  const Scenario s = load(
      "osteon: 1\nname: k\nmodel: integrated\nduration: 5 y\ndrugs:\n"
      "  - {drug: denosumab, dose: 210 mg, start: 0 d}\n"
      "  - {drug: denosumab, dose: 60 mg, start: 7 mo}\n"
      "  - {drug: zoledronic_acid, dose: 4 mg, every: 6 mo, count: 2}\n"
      "  - {drug: zoledronic_acid, dose: 5 mg, every: 1 y, start: 1 y}\n"
      "  - {drug: anastrozole, stop: 2 y}\n"
      "  - {drug: anastrozole, start: 2 y}\n");
  EXPECT_EQ(s.drugs.size(), 6u);
}

TEST(ScenarioLoaderReads, ABareZeroTimeNeedsNoUnit) {
  const Scenario s = load(with_header("output:\n  times: [0, 1 d]\nevents:\n  - {at: 0, add: {OC: 1}}\n"));
  EXPECT_EQ(s.output_times, (std::vector<double>{0.0, 1.0}));
  EXPECT_EQ(s.events[0].time, 0.0);
}

TEST(ScenarioLoaderReads, FileThatDoesNotExist) {
  try {
    osteon::load_scenario_file("/nonexistent/x.yaml", osteon::models::builtin_registry());
    FAIL() << "accepted a missing file";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "/nonexistent/x.yaml");
    EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos);
  }
}

}  // namespace
