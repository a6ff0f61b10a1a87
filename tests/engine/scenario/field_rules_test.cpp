// One vocabulary, one table of field rules: the same value is refused, or
// accepted, wherever it enters (scenario file, runs table, sweep factor checks),
// and the engine itself names no drug, exercise type or site.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "builtin_models.hpp"
#include "core/error.hpp"
#include "model/registry.hpp"
#include "scenario/field_rules.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_compiler.hpp"
#include "scenario/scenario_path.hpp"

namespace {

using osteon::InputError;

const osteon::Model& integrated() { return *osteon::models::builtin_registry().find("integrated"); }

const std::string header =
    "osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\n"
    "drugs:\n  - {drug: denosumab, dose: 60 mg, every: 6 mo}\n"
    "exercise:\n  - {type: resistance_impact, sessions_per_week: 3, minutes_per_session: 45 min}\n"
    "  - {type: walking, minutes_per_week: 150}\n"
    "patient: {age: 62 y}\nnutrition: {calcium: 1000 mg/d}\n";

osteon::Scenario load(const std::string& text) {
  return osteon::load_scenario_text(text, "r.yaml", osteon::models::builtin_registry());
}

// The message of the InputError `f` throws, or "" when it does not throw.
template <class F>
std::string refusal(F f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

struct Bad {
  std::string path;     // as a runs column or sweep factor names it
  std::string in_file;  // the same value written in a scenario file
  std::string value;    // the cell
};

// Values the issue found accepted through runs tables and sweeps but refused in a scenario file.
const Bad bad_values[] = {
    {"exercise[0].sessions_per_week", "exercise:\n  - {type: resistance_impact, sessions_per_week: 50}\n", "50"},
    {"exercise[1].minutes_per_week", "exercise:\n  - {type: walking, minutes_per_week: 10000}\n", "10000"},
    {"exercise[1].adherence", "exercise:\n  - {type: walking, minutes_per_week: 150, adherence: 1.5}\n", "1.5"},
    {"nutrition.calcium", "nutrition: {calcium: 1e6 mg/d}\n", "1e6"},
    {"drugs[0].dose", "drugs:\n  - {drug: denosumab, dose: 1e12 mg, every: 6 mo}\n", "1e12"},
    {"patient.age", "patient: {age: 130 y}\n", "130"},
    {"patient.t_score.lumbar_spine", "patient: {t_score: {lumbar_spine: -7}}\n", "-7"},
};

TEST(FieldRules, AnImpossibleValueIsRefusedThroughEveryEntryPoint) {
  for (const Bad& b : bad_values) {
    SCOPED_TRACE(b.path);
    // A scenario file.
    EXPECT_NE(refusal([&] { load("osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\n" + b.in_file); }), "");
    // A runs table (the same reader serves CSV files).
    const std::string runs = header + "runs:\n  columns: ['" + b.path + "']\n  rows:\n    - [" + b.value + "]\n";
    const std::string why = refusal([&] { load(runs); });
    EXPECT_NE(why.find("r.yaml:15:8: error: key 'runs.rows[0][0]'"), std::string::npos) << why;  // the cell
    EXPECT_NE(why.find("for " + b.path), std::string::npos) << why;
    EXPECT_NE(why.find("found '" + b.value + "'"), std::string::npos) << why;
    // A sweep factor's values are checked by check_path_value.
    const osteon::Scenario base = load(header);
    const osteon::Origin origin{{"sweep.yaml", 3, 5}, "factors[0].path"};
    const osteon::ScenarioPath p = osteon::resolve_scenario_path(b.path, base, integrated(), origin);
    EXPECT_NE(osteon::check_path_value(p, std::stod(b.value), integrated()), "");
  }
}

TEST(FieldRules, AnAdmissibleValueIsAcceptedThroughEveryEntryPoint) {
  const osteon::Scenario base = load(header +
                                     "runs:\n  columns: ['exercise[0].sessions_per_week', nutrition.calcium]\n"
                                     "  rows:\n    - [21, 5000]\n");
  ASSERT_TRUE(base.runs);
  EXPECT_EQ(base.runs->values, (std::vector<double>{21.0, 5000.0}));
  const osteon::Origin origin{{"sweep.yaml", 3, 5}, "factors[0].path"};
  const auto p = osteon::resolve_scenario_path("exercise[0].sessions_per_week", base, integrated(), origin);
  EXPECT_EQ(p.unit, "1/wk");
  EXPECT_EQ(osteon::check_path_value(p, 21.0, integrated()), "");
  EXPECT_EQ(osteon::check_path_value(p, 21.5, integrated()), "between 0 and 21 sessions per week");
}

TEST(FieldRules, AModelWithoutDrugsRefusesThemAtLoadingNamingModelsThatTakeThem) {
  const std::string why = refusal([] {
    load("osteon: 1\nname: k\nmodel: komarova2003\nduration: 1 y\ndrugs:\n  - {drug: denosumab, dose: 60 mg}\n");
  });
  EXPECT_NE(why.find("r.yaml:6:"), std::string::npos) << why;
  EXPECT_NE(why.find("komarova2003 takes no drugs"), std::string::npos) << why;
  EXPECT_NE(why.find("integrated"), std::string::npos) << why;
}

// The vocabulary and the model's compilation of regimens agree: every drug and exercise
// type the integrated model declares compiles into a run.
TEST(FieldRules, EveryDeclaredWordOfTheIntegratedModelCompiles) {
  const osteon::Vocabulary& v = integrated().info().vocabulary;
  ASSERT_FALSE(v.drugs.empty());
  for (const auto& d : v.drugs) {
    const std::string regimen = d.daily ? "{drug: " + std::string(d.name) + ", start: 0 d}"
                                        : "{drug: " + std::string(d.name) + ", dose: 10 mg, every: 6 mo}";
    SCOPED_TRACE(regimen);
    EXPECT_NO_THROW(osteon::compile_run(
        load("osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\ndrugs:\n  - " + regimen + "\n"), integrated()));
  }
  for (const auto& a : v.exercise) {
    const std::string amount = a.dosed_in_minutes ? "minutes_per_week: 150" : "sessions_per_week: 3";
    SCOPED_TRACE(a.name);
    EXPECT_NO_THROW(osteon::compile_run(
        load("osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\nexercise:\n  - {type: " + std::string(a.name) +
             ", " + amount + "}\n"),
        integrated()));
  }
}

// The engine keeps generic records: no file under engine/ spells a drug, an exercise type or a
// site of any registered model (docs/developer/architecture.md).
TEST(FieldRules, NoEngineSourceNamesAModelsWord) {
  std::vector<std::string> words;
  const auto& registry = osteon::models::builtin_registry();
  for (const auto& id : registry.ids()) {
    const auto& v = registry.find(id)->info().vocabulary;
    for (const auto& d : v.drugs) words.emplace_back(d.name);
    for (const auto& a : v.exercise) words.emplace_back(a.name);
    for (const auto& s : v.sites) words.emplace_back(s);
    // What monitoring visits measure: the outputs a marker reads (its short name, e.g. "ctx",
    // is also a common abbreviation of "context" in code) and each scan's outputs and parameters.
    for (const auto& m : v.markers) words.emplace_back(m.observable);
    for (const auto& s : v.measured_sites) {
      for (auto w : {s.t_score, s.bmd_change, s.ref_mean, s.ref_sd}) words.emplace_back(w);
    }
  }
  ASSERT_GT(words.size(), 10u);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(OSTEON_SOURCE_DIR "/engine")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    for (const auto& w : words) {
      EXPECT_EQ(text.str().find(w), std::string::npos) << entry.path() << " names '" << w << "'";
    }
  }
}

// One override rule: a parameter set explicitly wins over what patient: sets for it.
TEST(FieldRules, AnExplicitParameterWinsOverThePatientDescription) {
  osteon::Scenario s = load("osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\npatient: {age: 58 y}\n");
  osteon::apply_parameter_override(s, "age=70", integrated());
  const osteon::RunSpec run = osteon::compile_run(s, integrated());
  const int age = *integrated().info().param_index("age");
  EXPECT_EQ(run.params[static_cast<std::size_t>(age)], 70.0);
}

}  // namespace

namespace {

// A daily therapy takes no interval, whether written in the file or set by a runs-table column
// (check_regimens runs for every row).
TEST(FieldRules, ADailyTherapyTakesNoIntervalThroughEveryEntryPoint) {
  const std::string base = "osteon: 1\nname: r\nmodel: integrated\nduration: 1 y\n";
  EXPECT_NE(refusal([&] {
              load(base + "drugs:\n  - {drug: anastrozole, start: 0 d, every: 1 wk}\n");
            }).find("key 'drugs[0]'"),
            std::string::npos);
  const osteon::Scenario s = load(base +
                                  "drugs:\n  - {drug: anastrozole, start: 0 d}\n"
                                  "runs:\n  columns: ['drugs[0].every']\n  rows:\n    - [7]\n");
  osteon::Scenario row = s;
  row.runs.reset();
  row.drugs[0].every = 7.0;
  const std::string why = refusal([&] { osteon::compile_run(row, integrated()); });
  EXPECT_NE(why.find("a daily therapy given by start and stop only"), std::string::npos) << why;
}

}  // namespace
