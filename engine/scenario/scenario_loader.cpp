// Reading scenario format v1 from YAML. Every rejection names file, line,
// column and key, what was found and what was expected.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <stdexcept>

#include <yaml-cpp/yaml.h>

#include "core/number_format.hpp"
#include "core/units.hpp"
#include "model/model.hpp"
#include "model/registry.hpp"
#include "scenario/care_pathway_reader.hpp"
#include "scenario/field_rules.hpp"
#include "scenario/regimen_checks.hpp"
#include "scenario/runs_table_reader.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_path.hpp"
#include "scenario/yaml_reader.hpp"

namespace osteon {
namespace {

const std::vector<std::string> top_keys = {"osteon",    "name",    "description", "model",   "duration", "output",
                                           "solver",    "initial", "parameters",  "patient", "drugs",    "exercise",
                                           "nutrition", "events",  "monitoring",  "rules",   "runs"};

void require_finite_positive(const YamlReader& r, const YAML::Node& n, const std::string& key, double v,
                             const std::string& expected) {
  if (!(v > 0.0)) r.fail(n, key, in_quotes(n.Scalar()), expected);
}

// ---- sections --------------------------------------------------------------

void read_output(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  r.keys(n, "output", {"every", "times", "variables", "compression", "precision"});
  if (auto c = n["compression"]) {
    const std::string v = r.scalar(c, "output.compression", compression_help);
    const auto level = parse_compression(v);
    if (!level) r.fail(c, "output.compression", in_quotes(v), compression_help);
    s.output_storage.deflate_level = *level;
  }
  if (auto p = n["precision"]) {
    const std::string v = r.scalar(p, "output.precision", precision_help);
    const auto prec = parse_precision(v);
    if (!prec) r.fail(p, "output.precision", in_quotes(v), precision_help);
    s.output_storage.precision = *prec;
  }
  s.output_origin = r.origin(n, "output");
  if (n["every"] && n["times"]) {
    r.fail(n["times"], "output.times", "both 'every' and 'times'", "one of them");
  }
  if (auto every = n["every"]) {
    const double dt = r.time(every, "output.every", "a positive output interval");
    require_finite_positive(r, every, "output.every", dt, "a positive output interval, e.g. '1 mo'");
    const double n_intervals = std::floor(s.duration / dt * (1.0 + 1e-12));
    if (n_intervals > 1e7)
      r.fail(every, "output.every", in_quotes(every.Scalar()), "at most 10^7 output times over the duration");
    for (long k = 0; k <= static_cast<long>(n_intervals); ++k)
      s.output_times.push_back(std::min(static_cast<double>(k) * dt, s.duration));
    if (s.output_times.back() < s.duration * (1.0 - 1e-12)) s.output_times.push_back(s.duration);
  } else if (auto times = n["times"]) {
    if (!times.IsSequence() || times.size() == 0) {
      r.fail(times, "output.times", YamlReader::describe(times), "a non-empty list of times, e.g. [0 d, 6 mo, 1 y]");
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
      const std::string key = "output.times[" + std::to_string(i) + "]";
      const double t = r.time(times[i], key, "an output time");
      if (t < 0.0 || t > s.duration * (1.0 + 1e-12)) {
        r.fail(times[i], key, in_quotes(times[i].Scalar()), "a time between 0 d and the duration");
      }
      s.output_times.push_back(std::min(t, s.duration));
    }
    std::sort(s.output_times.begin(), s.output_times.end());
    s.output_times.erase(std::unique(s.output_times.begin(), s.output_times.end()), s.output_times.end());
  }
  if (auto vars = n["variables"]) {
    if (!vars.IsSequence() || vars.size() == 0) {
      r.fail(vars, "output.variables", YamlReader::describe(vars), "a non-empty list of variable names");
    }
    const auto known = model.info().variable_names();
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const std::string key = "output.variables[" + std::to_string(i) + "]";
      const std::string v = r.scalar(vars[i], key, "a variable name");
      if (std::find(known.begin(), known.end(), v) == known.end()) {
        const std::string hint = suggest(v, known);
        r.fail(vars[i], key, "unknown variable " + in_quotes(v),
               (hint.empty() ? "" : hint + "; ") + "a state or observable of " + std::string(model.info().id) + " (" +
                   join(known) + ")");
      }
      if (std::find(s.output_variables.begin(), s.output_variables.end(), v) != s.output_variables.end()) {
        r.fail(vars[i], key, "a second " + in_quotes(v), "each variable once");
      }
      s.output_variables.push_back(v);
    }
  }
}

void read_solver(const YamlReader& r, const YAML::Node& n, Scenario& s) {
  r.keys(n, "solver", {"method", "rtol", "atol", "max_steps", "initial_step", "max_step"});
  if (auto m = n["method"]) {
    const std::string name = r.scalar(m, "solver.method", std::string(method_names_help()));
    auto method = parse_method(name);
    if (!method) r.fail(m, "solver.method", in_quotes(name), "one of " + std::string(method_names_help()));
    s.solver.method = *method;
  }
  if (auto x = n["rtol"]) {
    s.solver.rtol = r.number(x, "solver.rtol", "a relative tolerance between 1e-14 and 1e-2");
    if (!(s.solver.rtol >= 1e-14 && s.solver.rtol <= 1e-2))
      r.fail(x, "solver.rtol", in_quotes(x.Scalar()), "a relative tolerance between 1e-14 and 1e-2");
  }
  if (auto x = n["atol"]) {
    s.solver.atol = r.number(x, "solver.atol", "a positive absolute tolerance");
    if (!(s.solver.atol > 0.0)) r.fail(x, "solver.atol", in_quotes(x.Scalar()), "a positive absolute tolerance");
  }
  if (auto x = n["max_steps"]) {
    s.solver.max_steps = r.integer(x, "solver.max_steps", "a positive whole number of steps");
    if (s.solver.max_steps <= 0)
      r.fail(x, "solver.max_steps", in_quotes(x.Scalar()), "a positive whole number of steps");
  }
  if (auto x = n["initial_step"]) {
    s.solver.initial_step = r.time(x, "solver.initial_step", "a positive initial step");
    require_finite_positive(r, x, "solver.initial_step", s.solver.initial_step, "a positive initial step");
  }
  if (auto x = n["max_step"]) {
    s.solver.max_step = r.time(x, "solver.max_step", "a positive largest step");
    require_finite_positive(r, x, "solver.max_step", s.solver.max_step, "a positive largest step");
  }
}

// Reads "name: value" pairs naming parameters and/or states of the model.
std::vector<Assignment> read_assignments(const YamlReader& r, const YAML::Node& n, const std::string& path,
                                         const Model& model, bool allow_params, bool allow_states) {
  if (!n.IsMap() || n.size() == 0) {
    r.fail(n, path, YamlReader::describe(n),
           std::string("a mapping of ") +
               (allow_params && allow_states ? "parameter or state"
                : allow_params               ? "parameter"
                                             : "state") +
               " names to values");
  }
  const ModelInfo& info = model.info();
  std::vector<Assignment> out;
  std::set<std::string> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string name = r.key_text(it->first, path);
    const std::string key = path + "." + name;
    if (!seen.insert(name).second) r.fail(it->first, key, "a second " + in_quotes(name), "each name once");
    std::string unit;
    std::string what;
    if (allow_params && info.param_index(name)) {
      const auto& p = info.params[static_cast<std::size_t>(*info.param_index(name))];
      unit = std::string(p.unit);
      what = "a value for parameter " + name;
      const double v = r.quantity(it->second, key, unit, what);
      if (v < p.min || v > p.max) {
        r.fail(it->second, key, in_quotes(it->second.Scalar()),
               "a value of " + name + " in [" + format_number(p.min) + ", " + format_number(p.max) + "] " +
                   std::string(p.unit));
      }
      out.push_back({name, v, r.origin(it->second, key)});
    } else if (allow_states && info.state_index(name)) {
      unit = std::string(info.states[static_cast<std::size_t>(*info.state_index(name))].unit);
      what = "a value for state " + name;
      out.push_back({name, r.quantity(it->second, key, unit, what), r.origin(it->second, key)});
    } else {
      std::vector<std::string> known;
      if (allow_params)
        for (const auto& p : info.params) known.emplace_back(p.name);
      if (allow_states)
        for (const auto& st : info.states) known.emplace_back(st.name);
      const std::string hint = suggest(name, known);
      const std::string kind = allow_params && allow_states ? "a parameter or state"
                               : allow_params               ? "a parameter"
                                                            : "a state";
      r.fail(it->first, key, "unknown name " + in_quotes(name),
             (hint.empty() ? "" : hint + "; ") + kind + " of model " + std::string(info.id) +
                 " (see `osteon describe " + std::string(info.id) + "`)");
    }
  }
  return out;
}

void read_initial(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  s.initial_origin = r.origin(n, "initial");
  if (n.IsScalar()) {
    if (n.Scalar() != "steady_state")
      r.fail(n, "initial", in_quotes(n.Scalar()), "'steady_state' or a mapping of state names to values");
    s.initial_steady_state = true;
    return;
  }
  s.initial_values = read_assignments(r, n, "initial", model, false, true);
  s.initial_steady_state = s.initial_values.size() < model.info().states.size();
}

void read_events(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  if (!n.IsSequence())
    r.fail(n, "events", YamlReader::describe(n), "a list of events, e.g. - {at: 20 d, set: {P_PTH: 1000 pM/d}}");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "events[" + std::to_string(i) + "]";
    const YAML::Node e = n[i];
    r.keys(e, path, {"at", "set", "add"});
    ScenarioEvent ev;
    ev.origin = r.origin(e, path);
    if (!e["at"]) r.fail(e, path + ".at", "no 'at'", "the time of the event, e.g. 'at: 20 d'");
    ev.time = r.time(e["at"], path + ".at", "the event time");
    if (ev.time < 0.0 || ev.time > s.duration) {
      r.fail(e["at"], path + ".at", in_quotes(e["at"].Scalar()), "a time between 0 d and the duration");
    }
    if (!e["set"] && !e["add"]) r.fail(e, path, "neither 'set' nor 'add'", "at least one of them");
    if (e["set"]) ev.set = read_assignments(r, e["set"], path + ".set", model, true, true);
    if (e["add"]) ev.add = read_assignments(r, e["add"], path + ".add", model, true, true);
    s.events.push_back(std::move(ev));
  }
}

// The rule of a field the model accepts (its vocabulary or the engine's generic records).
const FieldRule& rule(const ModelInfo& info, const std::string& key) {
  const FieldRule* r = find_field_rule(info, key);
  if (!r) throw std::logic_error("no field rule for " + key);
  return *r;
}

// Reads one field of a record in its rule's unit and checks it against the rule:
// times in days (ages in years) with units allowed, plain numbers for unit "1".
double read_field(const YamlReader& r, const YAML::Node& v, const std::string& path, const FieldRule& rule) {
  const std::string what = rule.long_name.empty() ? std::string(rule.expected) : std::string(rule.long_name);
  double x = 0.0;
  if (rule.unit == "d" || rule.unit == "y") {
    x = r.time(v, path, what, rule.unit == "d" ? "d" : "y");
  } else if (rule.unit == "1" && !rule.whole && rule.min == 0.0 && rule.max == 1.0) {
    // A fraction (adherence): '0.8' or '80 %', as in runs tables and --set, where % is converted too.
    x = r.quantity(v, path, "1", std::string(rule.expected) + " (a plain number or a percentage, e.g. 0.8 or 80 %)");
  } else if (rule.unit == "1") {
    x = rule.whole ? static_cast<double>(r.integer(v, path, std::string(rule.expected)))
                   : r.number(v, path, std::string(rule.expected));
  } else {
    x = r.quantity(v, path, std::string(rule.unit), what);
  }
  if (const std::string why = check_field(rule, x); !why.empty()) r.fail(v, path, in_quotes(v.Scalar()), why);
  return x;
}

// The models of the registry that take what `has` asks for, for "did you mean another model" hints.
std::string models_taking(const ModelRegistry& models, const std::function<bool(const ModelInfo&)>& has) {
  std::vector<std::string> v;
  for (const auto& id : models.ids()) {
    if (const Model* m = models.find(id); m && has(m->info())) v.push_back(id);
  }
  return v.empty() ? "" : " (" + join(v) + (v.size() == 1 ? " does)" : " do)");
}

std::string start_within(double duration) {
  return "a start before the end of the scenario (duration " + format_number(duration) +
         " d): a regimen that starts at or after the end is never given";
}

void read_drugs(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model,
                const ModelRegistry& models) {
  const ModelInfo& info = model.info();
  const std::vector<std::string> names = drug_names(info);
  if (names.empty()) {
    r.fail(n, "drugs", "drug regimens",
           "none: model " + std::string(info.id) + " takes no drugs" +
               models_taking(models, [](const ModelInfo& i) { return !i.vocabulary.drugs.empty(); }));
  }
  if (!n.IsSequence())
    r.fail(n, "drugs", YamlReader::describe(n),
           "a list of drug regimens, e.g. - {drug: " + names.front() + ", start: 0 d}");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "drugs[" + std::to_string(i) + "]";
    const YAML::Node d = n[i];
    r.keys(d, path, {"drug", "dose", "start", "every", "count", "stop", "id", "held"});
    DrugRegimen g;
    g.origin = r.origin(d, path);
    if (!d["drug"]) r.fail(d, path + ".drug", "no 'drug'", "the drug name, one of " + join(names));
    g.drug = r.scalar(d["drug"], path + ".drug", "a drug name");
    const DrugInfo* known = info.vocabulary.drug(g.drug);
    if (!known) {
      const std::string elsewhere =
          models_taking(models, [&](const ModelInfo& m) { return m.vocabulary.drug(g.drug) != nullptr; });
      if (!elsewhere.empty()) {
        r.fail(
            d["drug"], path + ".drug",
            "drug " + in_quotes(g.drug) + ", which " + std::string(info.id) + " does not take" + elsewhere,
            names.size() == 1 ? names.front() + ", the only drug of " + std::string(info.id) : "one of " + join(names));
      }
      const std::string hint = suggest(g.drug, names);
      r.fail(d["drug"], path + ".drug", "unknown drug " + in_quotes(g.drug),
             (hint.empty() ? "" : hint + "; ") + "one of " + join(names));
    }
    if (auto id = d["id"]) g.id = r.scalar(id, path + ".id", "a regimen id of lower-case letters, digits and '_'");
    if (auto held = d["held"]) g.held = r.boolean(held, path + ".held");
    for (const char* field : {"dose", "start", "every", "count", "stop"}) {
      const YAML::Node v = d[field];
      if (!v) continue;
      FieldRule field_rule = rule(info, std::string("drugs.") + field);
      // A bad dose suggests this drug's own dose, not another drug's (the rule's example).
      std::string own;
      const DrugInfo* known = info.vocabulary.drug(g.drug);
      if (std::string_view(field) == "dose" && known && !known->usual_dose.empty()) {
        const std::string generic(field_rule.expected);
        own =
            generic.substr(0, generic.find(", e.g.")) + ", e.g. '" + std::string(known->usual_dose) + "' for " + g.drug;
        field_rule.expected = own;
      }
      set_field(g, field, read_field(r, v, path + "." + field, field_rule));
    }
    if (g.stop && !(*g.stop > g.start))
      r.fail(d["stop"], path + ".stop", in_quotes(d["stop"].Scalar()), "a stop after the start");
    // As events after the end (errors.md #28): such a regimen would never be given. A held regimen
    // is timed from a rule's decision, not from its start, and stays allowed.
    if (!g.held && g.start >= s.duration)
      r.fail(d["start"], path + ".start", in_quotes(d["start"].Scalar()), start_within(s.duration));
    check_daily_therapy(g, info);
    if (g.count && *g.count > 1 && !g.every) {
      r.fail(d["count"], path + ".count", in_quotes(d["count"].Scalar()), "'every' as well, to space repeated doses");
    }
    s.drugs.push_back(std::move(g));
  }
  check_regimens(s, info);  // overlaps between entries
}

void read_exercise(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model,
                   const ModelRegistry& models) {
  const ModelInfo& info = model.info();
  const std::vector<std::string> types = exercise_types(info);
  if (types.empty()) {
    r.fail(n, "exercise", "exercise regimens",
           "none: model " + std::string(info.id) + " takes no exercise" +
               models_taking(models, [](const ModelInfo& i) { return !i.vocabulary.exercise.empty(); }));
  }
  if (!n.IsSequence()) r.fail(n, "exercise", YamlReader::describe(n), "a list of exercise regimens");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "exercise[" + std::to_string(i) + "]";
    const YAML::Node e = n[i];
    r.keys(e, path,
           {"type", "sessions_per_week", "minutes_per_session", "minutes_per_week", "start", "stop", "adherence", "id",
            "held"});
    ExerciseRegimen x;
    x.origin = r.origin(e, path);
    if (!e["type"]) r.fail(e, path + ".type", "no 'type'", "the exercise type, one of " + join(types));
    x.type = r.scalar(e["type"], path + ".type", "an exercise type");
    if (!info.vocabulary.activity(x.type)) {
      const std::string hint = suggest(x.type, types);
      r.fail(e["type"], path + ".type", "unknown exercise type " + in_quotes(x.type),
             (hint.empty() ? "" : hint + "; ") + "one of " + join(types));
    }
    if (auto id = e["id"]) x.id = r.scalar(id, path + ".id", "a regimen id of lower-case letters, digits and '_'");
    if (auto held = e["held"]) x.held = r.boolean(held, path + ".held");
    for (const char* field :
         {"sessions_per_week", "minutes_per_session", "minutes_per_week", "start", "stop", "adherence"}) {
      if (const YAML::Node v = e[field])
        set_field(x, field, read_field(r, v, path + "." + field, rule(info, std::string("exercise.") + field)));
    }
    if (x.stop && !(*x.stop > x.start))
      r.fail(e["stop"], path + ".stop", in_quotes(e["stop"].Scalar()), "a stop after the start");
    if (!x.held && x.start >= s.duration)
      r.fail(e["start"], path + ".start", in_quotes(e["start"].Scalar()), start_within(s.duration));
    if (x.minutes_per_week && (x.sessions_per_week || x.minutes_per_session)) {
      r.fail(e, path, "both minutes_per_week and sessions",
             "either minutes_per_week or sessions_per_week with minutes_per_session");
    }
    if (!x.minutes_per_week && !x.sessions_per_week) {
      r.fail(e, path, "no amount of exercise", "minutes_per_week, or sessions_per_week (with minutes_per_session)");
    }
    s.exercise.push_back(std::move(x));
  }
}

// `patient:` and `nutrition:` hold the fields the model declares rules for.
void read_patient(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  const ModelInfo& info = model.info();
  const std::vector<std::string> fields = field_names(info, "patient");
  if (fields.empty())
    r.fail(n, "patient", "a patient description", "none: model " + std::string(info.id) + " has no patient inputs");
  r.keys(n, "patient", fields);
  Patient p;
  p.origin = r.origin(n, "patient");
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string field = it->first.Scalar();  // checked by keys()
    const std::string key = "patient." + field;
    if (field == "t_score") {
      r.keys(it->second, key, site_names(info));
      for (auto jt = it->second.begin(); jt != it->second.end(); ++jt) {
        const std::string site = jt->first.Scalar();
        set_field(p, field, site, read_field(r, jt->second, key + "." + site, rule(info, key)));
      }
      continue;
    }
    set_field(p, field, "", read_field(r, it->second, key, rule(info, key)));
  }
  s.patient = std::move(p);
}

void read_nutrition(const YamlReader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  const ModelInfo& info = model.info();
  const std::vector<std::string> fields = field_names(info, "nutrition");
  if (fields.empty())
    r.fail(n, "nutrition", "a nutrition entry", "none: model " + std::string(info.id) + " has no nutrition inputs");
  r.keys(n, "nutrition", fields);
  Nutrition x;
  x.origin = r.origin(n, "nutrition");
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string field = it->first.Scalar();
    set_field(x, field, read_field(r, it->second, "nutrition." + field, rule(info, "nutrition." + field)));
  }
  s.nutrition = x;
}

}  // namespace

namespace {

Scenario read_scenario(const std::string& text, const std::string& file_label, const ModelRegistry& models) {
  const YamlReader r(file_label);
  const YAML::Node root =
      r.mapping_document(text, top_keys, "a mapping with at least 'osteon: 1', 'name', 'model' and 'duration'");

  Scenario s;
  s.file = file_label;
  s.text = text;

  s.name = r.format_1_name(root, "scenario", "a scenario name of lower-case letters, digits and '_'");

  if (auto d = root["description"]) s.description = r.scalar(d, "description", "a line of text");

  const YAML::Node model_node = r.required(root, "model", "a model id (see `osteon models`)");
  s.model = r.scalar(model_node, "model", "a model id");
  const Model* model = models.find(s.model);
  if (!model) {
    const std::string hint = suggest(s.model, models.ids());
    r.fail(model_node, "model", "unknown model " + in_quotes(s.model),
           (hint.empty() ? "" : hint + "; ") + "one of " + join(models.ids()));
  }

  const YAML::Node duration = r.required(root, "duration", "the simulated time, e.g. 'duration: 5 y'");
  s.duration = r.time(duration, "duration", "a positive duration");
  if (!(s.duration > 0.0) || s.duration > 200.0 * days_per_year) {
    r.fail(duration, "duration", in_quotes(duration.Scalar()), "a positive duration of at most 200 y");
  }

  if (auto x = root["output"]) read_output(r, x, s, *model);
  if (s.output_times.empty()) {  // default: 100 intervals
    for (int k = 0; k <= 100; ++k) s.output_times.push_back(s.duration * k / 100.0);
  }
  if (auto x = root["solver"]) read_solver(r, x, s);
  if (auto x = root["parameters"]) s.parameters = read_assignments(r, x, "parameters", *model, true, false);
  if (auto x = root["initial"]) read_initial(r, x, s, *model);
  if (auto x = root["events"]) read_events(r, x, s, *model);
  if (auto x = root["drugs"]) read_drugs(r, x, s, *model, models);
  if (auto x = root["exercise"]) read_exercise(r, x, s, *model, models);
  if (auto x = root["patient"]) read_patient(r, x, s, *model);
  if (auto x = root["nutrition"]) read_nutrition(r, x, s, *model);
  if (auto x = root["monitoring"]) read_monitoring(r, x, s, *model);
  if (auto x = root["rules"]) read_rules(r, x, s, *model);
  check_care_pathway(s, *model);
  if (auto x = root["runs"]) {
    s.runs = read_runs_table(x, s, *model);
  }
  return s;
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& file_label, const ModelRegistry& models) {
  try {
    return read_scenario(text, file_label, models);
  } catch (const YAML::Exception& e) {  // any YAML construct the checks above did not expect is still bad input
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, "cannot read this YAML: " + e.msg);
  }
}

Scenario load_scenario_file(const std::string& path, const ModelRegistry& models) {
  return load_scenario_text(read_input_file(path, "scenario file"), path, models);
}

void apply_parameter_override(Scenario& s, const std::string& assignment, const Model& model) {
  const SourceLocation where{"--set", 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError(where, "--set", in_quotes(assignment), "NAME=VALUE, e.g. --set A_OCa=0.7/d");
  }
  const std::string name = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  const ModelInfo& info = model.info();
  const auto idx = info.param_index(name);
  if (!idx && name.find_first_of(".[") != std::string::npos) {
    // A scenario path, as in a runs table or a sweep factor (e.g. rules[0].when.t_score_below).
    const Origin origin{where, "--set " + name};
    const ScenarioPath path = resolve_scenario_path(name, s, model, origin);
    double v = 0.0;
    Quantity q;
    try {
      q = parse_quantity(text);
      v = to_unit(q, path.unit);
    } catch (const UnitError& e) {
      throw InputError(where, "--set " + name, in_quotes(text) + " (" + e.what() + ")",
                       "a number in " + path.unit + " or a compatible unit");
    }
    // Typed by hand like a scenario file, a time needs its unit there too: a bare
    // `rules[0].when.for=2.5` meant 2.5 days, `drugs[1].every=6` a dose every 6 days.
    if (path.unit == "d" && q.unit_text.empty() && q.value != 0.0) {
      throw InputError(where, "--set " + name, in_quotes(text) + " (a number without a unit: days? months? years?)",
                       "a time with a time unit (" + std::string(time_units_help()) + "), e.g. '" + text + " y'");
    }
    if (std::string why = check_path_value(path, v, model); !why.empty()) {
      throw InputError(where, "--set " + name, in_quotes(text), admissible_values(path, model));
    }
    assign_path(s, path, v);
    return;
  }
  if (!idx) {
    std::vector<std::string> known;
    for (const auto& p : info.params) known.emplace_back(p.name);
    const std::string hint = suggest(name, known);
    throw InputError(where, "--set " + name, "unknown parameter " + in_quotes(name),
                     (hint.empty() ? "" : hint + "; ") + "a parameter of " + std::string(info.id) +
                         " (see `osteon describe " + std::string(info.id) + "`)");
  }
  const ParamInfo& p = info.params[static_cast<std::size_t>(*idx)];
  double v = 0.0;
  try {
    v = to_unit(parse_quantity(text), p.unit);
  } catch (const UnitError& e) {
    throw InputError(where, "--set " + name, in_quotes(text) + " (" + e.what() + ")",
                     "a number in " + std::string(p.unit) + " or a compatible unit");
  }
  if (v < p.min || v > p.max) {
    throw InputError(where, "--set " + name, in_quotes(text),
                     "a value in [" + format_number(p.min) + ", " + format_number(p.max) + "] " + std::string(p.unit));
  }
  auto it = std::find_if(s.parameters.begin(), s.parameters.end(), [&](const Assignment& a) { return a.name == name; });
  if (it != s.parameters.end()) {
    it->value = v;
    it->origin = Origin{where, "--set " + name};
  } else {
    s.parameters.push_back({name, v, Origin{where, "--set " + name}});
  }
}

}  // namespace osteon
