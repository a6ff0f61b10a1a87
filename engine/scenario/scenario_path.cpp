#include "scenario/scenario_path.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

#include "model/model.hpp"

namespace osteon {
namespace {

struct FieldSpec {
  const char* name;
  const char* unit;
  const char* long_name;
};

const FieldSpec drug_fields[] = {{"dose", "mg", "dose"},
                                 {"start", "d", "start time"},
                                 {"every", "d", "dosing interval"},
                                 {"count", "1", "number of doses"},
                                 {"stop", "d", "stop time"}};
const FieldSpec exercise_fields[] = {{"sessions_per_week", "1/wk", "sessions per week"},
                                     {"minutes_per_session", "min", "minutes per session"},
                                     {"minutes_per_week", "min/wk", "minutes per week"},
                                     {"start", "d", "start time"},
                                     {"stop", "d", "stop time"},
                                     {"adherence", "1", "fraction of planned sessions done"}};

template <std::size_t K>
const FieldSpec* find_field(const FieldSpec (&fields)[K], const std::string& name) {
  for (const auto& f : fields) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

template <std::size_t K>
std::string field_list(const FieldSpec (&fields)[K]) {
  std::string s;
  for (const auto& f : fields) s += (s.empty() ? "" : ", ") + std::string(f.name);
  return s;
}

}  // namespace

ScenarioPath resolve_scenario_path(const std::string& text, const Scenario& s, const Model& model,
                                   const Origin& origin) {
  const ModelInfo& info = model.info();
  ScenarioPath p;
  p.text = text;
  auto fail = [&](const std::string& expected) -> ScenarioPath {
    throw InputError(origin.where, origin.key, "'" + text + "'", expected);
  };
  static const std::regex list_re(R"((drugs|exercise)\[(\d+)\]\.([a-z_]+))");
  std::smatch m;
  std::string name = text;
  if (name.rfind("parameters.", 0) == 0) name = name.substr(11);
  if (auto i = info.param_index(name); i && name.find('.') == std::string::npos) {
    const ParamInfo& pi = info.params[static_cast<std::size_t>(*i)];
    p.kind = ScenarioPath::Kind::parameter;
    p.index = *i;
    p.name = name;
    p.unit = std::string(pi.unit);
    p.long_name = std::string(pi.description);
    return p;
  }
  if (text.rfind("initial.", 0) == 0) {
    const std::string st = text.substr(8);
    auto i = info.state_index(st);
    if (!i) fail("a state of " + std::string(info.id) + " after 'initial.'");
    p.kind = ScenarioPath::Kind::initial_state;
    p.index = *i;
    p.name = st;
    p.unit = std::string(info.states[static_cast<std::size_t>(*i)].unit);
    p.long_name = "initial " + std::string(info.states[static_cast<std::size_t>(*i)].long_name);
    return p;
  }
  if (std::regex_match(text, m, list_re)) {
    const bool drug = m[1] == "drugs";
    p.kind = drug ? ScenarioPath::Kind::drug : ScenarioPath::Kind::exercise;
    p.index = std::stoi(m[2]);
    p.field = m[3];
    const std::size_t n = drug ? s.drugs.size() : s.exercise.size();
    if (static_cast<std::size_t>(p.index) >= n) {
      fail("an index below " + std::to_string(n) + ": the scenario has " + std::to_string(n) + " " +
           std::string(drug ? "drug regimen(s)" : "exercise regimen(s)"));
    }
    const FieldSpec* f = drug ? find_field(drug_fields, p.field) : find_field(exercise_fields, p.field);
    if (!f) fail("a field of " + std::string(m[1]) + " entries: " + (drug ? field_list(drug_fields) : field_list(exercise_fields)));
    p.unit = f->unit;
    p.long_name = (drug ? s.drugs[static_cast<std::size_t>(p.index)].drug : s.exercise[static_cast<std::size_t>(p.index)].type) +
                  " " + f->long_name;
    return p;
  }
  if (text == "patient.age" || text == "patient.menopause_age") {
    p.kind = ScenarioPath::Kind::patient;
    p.field = text.substr(8);
    p.unit = "y";
    p.long_name = p.field == "age" ? "age at scenario start" : "age at menopause";
    return p;
  }
  if (text.rfind("patient.t_score.", 0) == 0) {
    p.kind = ScenarioPath::Kind::patient;
    p.field = "t_score";
    p.name = text.substr(16);
    const auto& sites = skeletal_sites();
    if (std::find(sites.begin(), sites.end(), p.name) == sites.end()) fail("a site: lumbar_spine, total_hip or femoral_neck");
    p.unit = "1";
    p.long_name = "baseline T-score at the " + p.name;
    return p;
  }
  if (text == "nutrition.calcium" || text == "nutrition.vitamin_d") {
    p.kind = ScenarioPath::Kind::nutrition;
    p.field = text.substr(10);
    p.unit = p.field == "calcium" ? "mg/d" : "IU/d";
    p.long_name = p.field == "calcium" ? "calcium intake" : "vitamin D intake";
    return p;
  }
  std::vector<std::string> known;
  for (const auto& pi : info.params) known.emplace_back(pi.name);
  const std::string hint = suggest(name, known);
  return fail((hint.empty() ? "" : hint + "; ") + "a parameter of " + std::string(info.id) +
              ", initial.<state>, drugs[i].<field>, exercise[i].<field>, patient.<field> or nutrition.<field>");
}

std::string check_path_value(const ScenarioPath& p, double v, const Model& model) {
  if (!std::isfinite(v)) return "not a finite number";
  std::ostringstream m;
  switch (p.kind) {
    case ScenarioPath::Kind::parameter: {
      const ParamInfo& pi = model.info().params[static_cast<std::size_t>(p.index)];
      if (v < pi.min || v > pi.max) {
        m << "outside [" << pi.min << ", " << pi.max << "] " << pi.unit;
        return m.str();
      }
      return {};
    }
    case ScenarioPath::Kind::initial_state:
      if (model.info().states[static_cast<std::size_t>(p.index)].nonnegative && v < 0.0) return "negative";
      return {};
    case ScenarioPath::Kind::drug:
      if (p.field == "dose" || p.field == "every") return v > 0.0 ? "" : "not positive";
      if (p.field == "count") return (v >= 1.0 && v == std::floor(v) && v <= 100000) ? "" : "not a positive whole number";
      return v >= 0.0 ? "" : "negative";
    case ScenarioPath::Kind::exercise:
      if (p.field == "adherence") return (v >= 0.0 && v <= 1.0) ? "" : "not a fraction between 0 and 1";
      if (p.field == "start" || p.field == "stop") return v >= 0.0 ? "" : "negative";
      return v >= 0.0 ? "" : "negative";
    case ScenarioPath::Kind::patient:
      if (p.field == "t_score") return (v >= -6.0 && v <= 4.0) ? "" : "a T-score outside -6..+4";
      if (p.field == "age") return (v >= 18.0 && v <= 110.0) ? "" : "an age outside 18..110 y";
      return (v >= 30.0 && v <= 65.0) ? "" : "an age at menopause outside 30..65 y";
    case ScenarioPath::Kind::nutrition:
      return v >= 0.0 ? "" : "negative";
  }
  return {};
}

void assign_path(Scenario& s, const ScenarioPath& p, double v) {
  const Origin origin{{s.file, 0, 0}, p.text};
  switch (p.kind) {
    case ScenarioPath::Kind::parameter: {
      auto it = std::find_if(s.parameters.begin(), s.parameters.end(), [&](const Assignment& a) { return a.name == p.name; });
      if (it != s.parameters.end()) {
        it->value = v;
      } else {
        s.parameters.push_back({p.name, v, origin});
      }
      return;
    }
    case ScenarioPath::Kind::initial_state: {
      auto it = std::find_if(s.initial_values.begin(), s.initial_values.end(), [&](const Assignment& a) { return a.name == p.name; });
      if (it != s.initial_values.end()) {
        it->value = v;
      } else {
        s.initial_values.push_back({p.name, v, origin});
      }
      return;
    }
    case ScenarioPath::Kind::drug: {
      DrugRegimen& g = s.drugs[static_cast<std::size_t>(p.index)];
      if (p.field == "dose") g.dose_mg = v;
      if (p.field == "start") g.start = v;
      if (p.field == "every") g.every = v;
      if (p.field == "count") g.count = static_cast<int>(v);
      if (p.field == "stop") g.stop = v;
      return;
    }
    case ScenarioPath::Kind::exercise: {
      ExerciseRegimen& x = s.exercise[static_cast<std::size_t>(p.index)];
      if (p.field == "sessions_per_week") x.sessions_per_week = v;
      if (p.field == "minutes_per_session") x.minutes_per_session = v;
      if (p.field == "minutes_per_week") x.minutes_per_week = v;
      if (p.field == "start") x.start = v;
      if (p.field == "stop") x.stop = v;
      if (p.field == "adherence") x.adherence = v;
      return;
    }
    case ScenarioPath::Kind::patient: {
      if (!s.patient) s.patient = Patient{};
      if (p.field == "age") s.patient->age = v;
      if (p.field == "menopause_age") s.patient->menopause_age = v;
      if (p.field == "t_score") s.patient->t_score[p.name] = v;
      return;
    }
    case ScenarioPath::Kind::nutrition: {
      if (!s.nutrition) s.nutrition = Nutrition{};
      if (p.field == "calcium") s.nutrition->calcium = v;
      if (p.field == "vitamin_d") s.nutrition->vitamin_d = v;
      return;
    }
  }
}

}  // namespace osteon
