#include "scenario/scenario_path.hpp"

#include <algorithm>
#include <cmath>
#include <regex>
#include <sstream>

#include "core/number_format.hpp"
#include "model/model.hpp"
#include "scenario/field_rules.hpp"

namespace osteon {
namespace {

std::string join_names(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The rule of the field a path names ("drugs[2].dose" -> "drugs.dose").
std::string rule_key(const ScenarioPath& p) {
  switch (p.kind) {
    case ScenarioPath::Kind::drug:
      return "drugs." + p.field;
    case ScenarioPath::Kind::exercise:
      return "exercise." + p.field;
    case ScenarioPath::Kind::patient:
      return "patient." + p.field;
    case ScenarioPath::Kind::nutrition:
      return "nutrition." + p.field;
    default:
      return {};
  }
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
  // A field of a record: its rule (the model's vocabulary or the engine's generic one)
  // gives the unit and long name, so every entry point checks it the same way.
  auto field_of = [&](ScenarioPath::Kind kind, const std::string& group, const std::string& field,
                      const std::string& owner) -> ScenarioPath {
    p.kind = kind;
    p.field = field;
    const FieldRule* rule = find_field_rule(info, rule_key(p));
    const std::vector<std::string> known = field_names(info, group);
    if (!rule || std::find(known.begin(), known.end(), field) == known.end()) {
      if (known.empty()) fail("a path of " + std::string(info.id) + ", which has no " + group + " inputs");
      fail("a field of " + group + (group == "drugs" || group == "exercise" ? " entries" : "") + ": " +
           join_names(known));
    }
    p.unit = std::string(rule->unit);
    p.long_name = owner + std::string(rule->long_name);
    return p;
  };
  if (std::regex_match(text, m, list_re)) {
    const bool drug = m[1] == "drugs";
    p.index = std::stoi(m[2]);
    const std::size_t n = drug ? s.drugs.size() : s.exercise.size();
    if (static_cast<std::size_t>(p.index) >= n) {
      fail("an index below " + std::to_string(n) + ": the scenario has " + std::to_string(n) + " " +
           std::string(drug ? "drug regimen(s)" : "exercise regimen(s)"));
    }
    const auto i = static_cast<std::size_t>(p.index);
    return field_of(drug ? ScenarioPath::Kind::drug : ScenarioPath::Kind::exercise, m[1], m[3],
                    (drug ? s.drugs[i].drug : s.exercise[i].type) + " ");
  }
  static const std::regex rule_re(R"(rules\[(\d+)\]\.when\.([a-z_]+))");
  if (std::regex_match(text, m, rule_re)) {
    p.kind = ScenarioPath::Kind::rule;
    p.index = std::stoi(m[1]);
    p.field = m[2];
    if (static_cast<std::size_t>(p.index) >= s.rules.size()) {
      fail("an index below " + std::to_string(s.rules.size()) + ": the scenario has " + std::to_string(s.rules.size()) +
           " rule(s)");
    }
    const Rule& rule = s.rules[static_cast<std::size_t>(p.index)];
    p.unit = rule_field_unit(rule, p.field, model);
    if (p.unit.empty())
      fail("the number of rule " + rule.name +
           "'s condition (t_score_below, bmd_loss, above or for, as the rule has it)");
    p.long_name = "threshold of rule " + rule.name + " (" + p.field + ")";
    return p;
  }
  if (text.rfind("patient.t_score.", 0) == 0) {
    p.name = text.substr(16);
    if (!info.vocabulary.has_site(p.name)) {
      fail("a site of " + std::string(info.id) + ": " + join_names(site_names(info)));
    }
    field_of(ScenarioPath::Kind::patient, "patient", "t_score", "");
    p.long_name += " at the " + p.name;
    return p;
  }
  if (text.rfind("patient.", 0) == 0 && text.find('.', 8) == std::string::npos) {
    return field_of(ScenarioPath::Kind::patient, "patient", text.substr(8), "");
  }
  if (text.rfind("nutrition.", 0) == 0 && text.find('.', 10) == std::string::npos) {
    return field_of(ScenarioPath::Kind::nutrition, "nutrition", text.substr(10), "");
  }
  std::vector<std::string> known;
  for (const auto& pi : info.params) known.emplace_back(pi.name);
  const std::string hint = suggest(name, known);
  return fail((hint.empty() ? "" : hint + "; ") + "a parameter of " + std::string(info.id) +
              ", initial.<state>, drugs[i].<field>, exercise[i].<field>, patient.<field>, nutrition.<field> or "
              "rules[i].when.<field>");
}

std::string check_path_value(const ScenarioPath& p, double v, const Model& model) {
  if (!std::isfinite(v)) return "not a finite number";
  switch (p.kind) {
    case ScenarioPath::Kind::parameter: {
      const ParamInfo& pi = model.info().params[static_cast<std::size_t>(p.index)];
      if (v < pi.min || v > pi.max) {
        return "outside [" + format_number(pi.min) + ", " + format_number(pi.max) + "] " + std::string(pi.unit);
      }
      return {};
    }
    case ScenarioPath::Kind::initial_state:
      if (model.info().states[static_cast<std::size_t>(p.index)].nonnegative && v < 0.0) return "negative";
      return {};
    case ScenarioPath::Kind::drug:
    case ScenarioPath::Kind::exercise:
    case ScenarioPath::Kind::patient:
    case ScenarioPath::Kind::nutrition: {
      const FieldRule* rule = find_field_rule(model.info(), rule_key(p));
      return rule ? check_field(*rule, v) : "not a field of " + std::string(model.info().id);
    }
    case ScenarioPath::Kind::rule:
      return check_rule_field(p.field, v);
  }
  return {};
}

namespace {
// Replaces the value of `name` in the list, or adds it.
void set_assignment(std::vector<Assignment>& list, const std::string& name, double v, const Origin& origin) {
  auto it = std::find_if(list.begin(), list.end(), [&](const Assignment& a) { return a.name == name; });
  if (it != list.end()) {
    it->value = v;
  } else {
    list.push_back({name, v, origin});
  }
}
}  // namespace

void assign_path(Scenario& s, const ScenarioPath& p, double v) {
  const Origin origin{{s.file, 0, 0}, p.text};
  switch (p.kind) {
    case ScenarioPath::Kind::parameter:
      set_assignment(s.parameters, p.name, v, origin);
      return;
    case ScenarioPath::Kind::initial_state:
      set_assignment(s.initial_values, p.name, v, origin);
      return;
    case ScenarioPath::Kind::drug:
      set_field(s.drugs[static_cast<std::size_t>(p.index)], p.field, v);
      return;
    case ScenarioPath::Kind::exercise:
      set_field(s.exercise[static_cast<std::size_t>(p.index)], p.field, v);
      return;
    case ScenarioPath::Kind::patient:
      if (!s.patient) s.patient = Patient{};
      set_field(*s.patient, p.field, p.name, v);
      return;
    case ScenarioPath::Kind::nutrition:
      if (!s.nutrition) s.nutrition = Nutrition{};
      set_field(*s.nutrition, p.field, v);
      return;
    case ScenarioPath::Kind::rule:
      set_rule_field(s.rules[static_cast<std::size_t>(p.index)], p.field, v);
      return;
  }
}

void set_field(DrugRegimen& g, const std::string& field, double v) {
  if (field == "dose") g.dose_mg = v;
  if (field == "start") g.start = v;
  if (field == "every") g.every = v;
  if (field == "count") g.count = static_cast<int>(v);
  if (field == "stop") g.stop = v;
}

void set_field(ExerciseRegimen& x, const std::string& field, double v) {
  if (field == "sessions_per_week") x.sessions_per_week = v;
  if (field == "minutes_per_session") x.minutes_per_session = v;
  if (field == "minutes_per_week") x.minutes_per_week = v;
  if (field == "start") x.start = v;
  if (field == "stop") x.stop = v;
  if (field == "adherence") x.adherence = v;
}

void set_field(Patient& p, const std::string& field, const std::string& site, double v) {
  if (field == "age") p.age = v;
  if (field == "menopause_age") p.menopause_age = v;
  if (field == "t_score") p.t_score[site] = v;
}

void set_field(Nutrition& n, const std::string& field, double v) {
  if (field == "calcium") n.calcium = v;
  if (field == "vitamin_d") n.vitamin_d = v;
}

std::string rule_field_unit(const Rule& rule, const std::string& key, const Model& model) {
  const RuleCondition& c = rule.when;
  switch (c.kind) {
    case RuleCondition::Kind::t_score_below:
      return key == "t_score_below" ? "1" : "";
    case RuleCondition::Kind::bmd_loss:
      return key == "bmd_loss" ? "1" : "";
    case RuleCondition::Kind::marker_above: {
      if (key != "above") return "";
      const ModelInfo& info = model.info();
      const MarkerInfo* mi = info.vocabulary.marker(c.marker);
      return mi ? std::string(
                      info.observables[static_cast<std::size_t>(*info.observable_index(std::string(mi->observable)))]
                          .unit)
                : "";
    }
    case RuleCondition::Kind::on_regimen:
      return key == "for" ? "d" : "";
  }
  return "";
}

std::string admissible_values(const ScenarioPath& p, const Model& model) {
  switch (p.kind) {
    case ScenarioPath::Kind::parameter: {
      const ParamInfo& pi = model.info().params[static_cast<std::size_t>(p.index)];
      return "a value in [" + format_number(pi.min) + ", " + format_number(pi.max) + "] " + std::string(pi.unit);
    }
    case ScenarioPath::Kind::initial_state:
      return model.info().states[static_cast<std::size_t>(p.index)].nonnegative ? "a finite value >= 0"
                                                                                : "a finite value";
    case ScenarioPath::Kind::drug:
    case ScenarioPath::Kind::exercise:
    case ScenarioPath::Kind::patient:
    case ScenarioPath::Kind::nutrition: {
      const FieldRule* rule = find_field_rule(model.info(), rule_key(p));
      return rule ? std::string(rule->expected) : "a field of " + std::string(model.info().id);
    }
    case ScenarioPath::Kind::rule:
      if (p.field == "t_score_below") return "a T-score in [-6, 4]";
      if (p.field == "bmd_loss") return "a loss as a fraction in (0, 1)";
      if (p.field == "for") return "a time on the regimen >= 0";
      return "a finite number";
  }
  return "an admissible value";
}

std::string check_rule_field(const std::string& key, double v) {
  if (!std::isfinite(v)) return "not a finite number";
  if (key == "t_score_below" && !(v >= -6.0 && v <= 4.0)) return "outside [-6, 4] (a T-score)";
  if (key == "bmd_loss" && !(v > 0.0 && v < 1.0)) return "outside (0, 1) (a loss as a fraction)";
  if (key == "for" && !(v >= 0.0)) return "negative (a time on the regimen)";
  return "";
}

void set_rule_field(Rule& rule, const std::string&, double v) { rule.when.threshold = v; }

}  // namespace osteon
