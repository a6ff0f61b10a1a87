// Reading scenario format v1 from YAML. Every rejection names file, line,
// column and key, what was found and what was expected.
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "osteon/model.hpp"
#include "osteon/regimen_checks.hpp"
#include "osteon/registry.hpp"
#include "osteon/scenario.hpp"
#include "osteon/units.hpp"
#include "runs_table_reader.hpp"

namespace osteon {
namespace {

std::string quoted(const std::string& s) { return "'" + s + "'"; }

std::string join(const std::vector<std::string>& v, const std::string& sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// Reads one YAML document with knowledge of the file it came from.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return {file_, m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0};
  }
  Origin origin(const YAML::Node& n, const std::string& key) const { return {at(n), key}; }

  [[noreturn]] void fail(const YAML::Node& n, const std::string& key, const std::string& found,
                         const std::string& expected) const {
    throw InputError(at(n), key, found, expected);
  }

  static std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
      case YAML::NodeType::Null: return "nothing";
      case YAML::NodeType::Scalar: return quoted(n.Scalar());
      case YAML::NodeType::Sequence: return "a list";
      case YAML::NodeType::Map: return "a mapping";
      default: return "nothing";
    }
  }

  // The text of a mapping key; a complex key such as `[a]: 1` names nothing.
  std::string key_text(const YAML::Node& k, const std::string& path) const {
    if (!k.IsScalar()) fail(k, path, describe(k) + " as a key", "a name");
    return k.Scalar();
  }

  // Checks that `n` is a mapping whose keys are all in `allowed` and unique.
  void keys(const YAML::Node& n, const std::string& path, const std::vector<std::string>& allowed) const {
    if (!n.IsMap()) fail(n, path, describe(n), "a mapping with keys " + join(allowed));
    std::map<std::string, int> seen;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const std::string k = key_text(it->first, path);
      const std::string full = path.empty() ? k : path + "." + k;
      if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
        std::string hint = suggest(k, allowed);
        fail(it->first, full, "unknown key " + quoted(k),
             hint.empty() ? "one of " + join(allowed) : hint + " (known keys: " + join(allowed) + ")");
      }
      const int line = at(it->first).line;
      if (auto [pos, fresh] = seen.emplace(k, line); !fresh) {
        fail(it->first, full, "a second " + quoted(k), "each key once (first at line " + std::to_string(pos->second) + ")");
      }
    }
  }

  std::string scalar(const YAML::Node& n, const std::string& key, const std::string& expected) const {
    if (!n.IsScalar()) fail(n, key, describe(n), expected);
    return n.Scalar();
  }

  // A quantity converted to `unit`; a bare number is taken to be in `unit`.
  double quantity(const YAML::Node& n, const std::string& key, const std::string& unit,
                  const std::string& what) const {
    const std::string expected = what + (unit.empty() || unit == "1" ? "" : " in " + unit + " or a compatible unit");
    const std::string s = scalar(n, key, expected);
    Quantity q;
    try {
      q = parse_quantity(s);
    } catch (const UnitError& e) {
      fail(n, key, quoted(s) + " (" + e.what() + ")", expected);
    }
    try {
      return to_unit(q, unit.empty() ? "1" : unit);
    } catch (const UnitError&) {
      fail(n, key, quoted(s) + " (unit " + quoted(q.unit_text) + ")", expected);
    }
  }

  // A time in `declared` units (days unless said otherwise); a bare number is
  // taken in the declared unit, as for every other quantity (DESIGN.md §5).
  double time(const YAML::Node& n, const std::string& key, const std::string& what,
              const char* declared = "d") const {
    const std::string expected = what + " with a time unit (" + std::string(time_units_help()) + "), e.g. '6 mo'";
    const std::string s = scalar(n, key, expected);
    try {
      return to_unit(parse_quantity(s), declared);
    } catch (const UnitError& e) {
      fail(n, key, quoted(s) + " (" + e.what() + ")", expected);
    }
  }

  double number(const YAML::Node& n, const std::string& key, const std::string& expected) const {
    const std::string s = scalar(n, key, expected);
    Quantity q;
    try {
      q = parse_quantity(s);
    } catch (const UnitError&) {
      fail(n, key, quoted(s), expected);
    }
    if (!q.unit_text.empty()) fail(n, key, quoted(s), expected + " (a plain number)");
    return q.value;
  }

  long integer(const YAML::Node& n, const std::string& key, const std::string& expected) const {
    const double v = number(n, key, expected);
    if (v != std::floor(v) || std::fabs(v) > 9e15) fail(n, key, quoted(n.Scalar()), expected);
    return static_cast<long>(v);
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

const std::vector<std::string> top_keys = {
    "osteon", "name", "description", "model", "duration", "output", "solver", "initial", "parameters",
    "patient", "drugs", "exercise", "nutrition", "events", "runs"};

void require_finite_positive(const Reader& r, const YAML::Node& n, const std::string& key, double v,
                             const std::string& expected) {
  if (!(v > 0.0)) r.fail(n, key, quoted(n.Scalar()), expected);
}

// ---- sections --------------------------------------------------------------

void read_output(const Reader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  r.keys(n, "output", {"every", "times", "variables"});
  s.output_origin = r.origin(n, "output");
  if (n["every"] && n["times"]) {
    r.fail(n["times"], "output.times", "both 'every' and 'times'", "one of them");
  }
  if (auto every = n["every"]) {
    const double dt = r.time(every, "output.every", "a positive output interval");
    require_finite_positive(r, every, "output.every", dt, "a positive output interval, e.g. '1 mo'");
    const double n_intervals = std::floor(s.duration / dt * (1.0 + 1e-12));
    if (n_intervals > 1e7) r.fail(every, "output.every", quoted(every.Scalar()), "at most 10^7 output times over the duration");
    for (long k = 0; k <= static_cast<long>(n_intervals); ++k) s.output_times.push_back(std::min(static_cast<double>(k) * dt, s.duration));
    if (s.output_times.back() < s.duration * (1.0 - 1e-12)) s.output_times.push_back(s.duration);
  } else if (auto times = n["times"]) {
    if (!times.IsSequence() || times.size() == 0) {
      r.fail(times, "output.times", Reader::describe(times), "a non-empty list of times, e.g. [0 d, 6 mo, 1 y]");
    }
    for (std::size_t i = 0; i < times.size(); ++i) {
      const std::string key = "output.times[" + std::to_string(i) + "]";
      const double t = r.time(times[i], key, "an output time");
      if (t < 0.0 || t > s.duration * (1.0 + 1e-12)) {
        r.fail(times[i], key, quoted(times[i].Scalar()), "a time between 0 d and the duration");
      }
      s.output_times.push_back(std::min(t, s.duration));
    }
    std::sort(s.output_times.begin(), s.output_times.end());
    s.output_times.erase(std::unique(s.output_times.begin(), s.output_times.end()), s.output_times.end());
  }
  if (auto vars = n["variables"]) {
    if (!vars.IsSequence() || vars.size() == 0) {
      r.fail(vars, "output.variables", Reader::describe(vars), "a non-empty list of variable names");
    }
    const auto known = model.info().variable_names();
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const std::string key = "output.variables[" + std::to_string(i) + "]";
      const std::string v = r.scalar(vars[i], key, "a variable name");
      if (std::find(known.begin(), known.end(), v) == known.end()) {
        const std::string hint = suggest(v, known);
        r.fail(vars[i], key, "unknown variable " + quoted(v),
               (hint.empty() ? "" : hint + "; ") + "a state or observable of " + std::string(model.info().id) +
                   " (" + join(known) + ")");
      }
      if (std::find(s.output_variables.begin(), s.output_variables.end(), v) != s.output_variables.end()) {
        r.fail(vars[i], key, "a second " + quoted(v), "each variable once");
      }
      s.output_variables.push_back(v);
    }
  }
}

void read_solver(const Reader& r, const YAML::Node& n, Scenario& s) {
  r.keys(n, "solver", {"method", "rtol", "atol", "max_steps", "initial_step", "max_step"});
  if (auto m = n["method"]) {
    const std::string name = r.scalar(m, "solver.method", std::string(method_names_help()));
    auto method = parse_method(name);
    if (!method) r.fail(m, "solver.method", quoted(name), "one of " + std::string(method_names_help()));
    s.solver.method = *method;
  }
  if (auto x = n["rtol"]) {
    s.solver.rtol = r.number(x, "solver.rtol", "a relative tolerance between 1e-14 and 1e-2");
    if (!(s.solver.rtol >= 1e-14 && s.solver.rtol <= 1e-2)) r.fail(x, "solver.rtol", quoted(x.Scalar()), "a relative tolerance between 1e-14 and 1e-2");
  }
  if (auto x = n["atol"]) {
    s.solver.atol = r.number(x, "solver.atol", "a positive absolute tolerance");
    if (!(s.solver.atol > 0.0)) r.fail(x, "solver.atol", quoted(x.Scalar()), "a positive absolute tolerance");
  }
  if (auto x = n["max_steps"]) {
    s.solver.max_steps = r.integer(x, "solver.max_steps", "a positive whole number of steps");
    if (s.solver.max_steps <= 0) r.fail(x, "solver.max_steps", quoted(x.Scalar()), "a positive whole number of steps");
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
std::vector<Assignment> read_assignments(const Reader& r, const YAML::Node& n, const std::string& path,
                                         const Model& model, bool allow_params, bool allow_states) {
  if (!n.IsMap() || n.size() == 0) {
    r.fail(n, path, Reader::describe(n), std::string("a mapping of ") +
           (allow_params && allow_states ? "parameter or state" : allow_params ? "parameter" : "state") +
           " names to values");
  }
  const ModelInfo& info = model.info();
  std::vector<Assignment> out;
  std::set<std::string> seen;
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string name = r.key_text(it->first, path);
    const std::string key = path + "." + name;
    if (!seen.insert(name).second) r.fail(it->first, key, "a second " + quoted(name), "each name once");
    std::string unit;
    std::string what;
    if (allow_params && info.param_index(name)) {
      const auto& p = info.params[static_cast<std::size_t>(*info.param_index(name))];
      unit = std::string(p.unit);
      what = "a value for parameter " + name;
      const double v = r.quantity(it->second, key, unit, what);
      if (v < p.min || v > p.max) {
        std::ostringstream range;
        range << "a value of " << name << " in [" << p.min << ", " << p.max << "] " << p.unit;
        r.fail(it->second, key, quoted(it->second.Scalar()), range.str());
      }
      out.push_back({name, v, r.origin(it->second, key)});
    } else if (allow_states && info.state_index(name)) {
      unit = std::string(info.states[static_cast<std::size_t>(*info.state_index(name))].unit);
      what = "a value for state " + name;
      out.push_back({name, r.quantity(it->second, key, unit, what), r.origin(it->second, key)});
    } else {
      std::vector<std::string> known;
      if (allow_params) for (const auto& p : info.params) known.emplace_back(p.name);
      if (allow_states) for (const auto& st : info.states) known.emplace_back(st.name);
      const std::string hint = suggest(name, known);
      const std::string kind = allow_params && allow_states ? "a parameter or state" : allow_params ? "a parameter" : "a state";
      r.fail(it->first, key, "unknown name " + quoted(name),
             (hint.empty() ? "" : hint + "; ") + kind + " of model " + std::string(info.id) +
                 " (see `osteon describe " + std::string(info.id) + "`)");
    }
  }
  return out;
}

void read_initial(const Reader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  s.initial_origin = r.origin(n, "initial");
  if (n.IsScalar()) {
    if (n.Scalar() != "steady_state") r.fail(n, "initial", quoted(n.Scalar()), "'steady_state' or a mapping of state names to values");
    s.initial_steady_state = true;
    return;
  }
  s.initial_values = read_assignments(r, n, "initial", model, false, true);
  s.initial_steady_state = s.initial_values.size() < model.info().states.size();
}

void read_events(const Reader& r, const YAML::Node& n, Scenario& s, const Model& model) {
  if (!n.IsSequence()) r.fail(n, "events", Reader::describe(n), "a list of events, e.g. - {at: 20 d, set: {P_PTH: 1000 pM/d}}");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "events[" + std::to_string(i) + "]";
    const YAML::Node e = n[i];
    r.keys(e, path, {"at", "set", "add"});
    ScenarioEvent ev;
    ev.origin = r.origin(e, path);
    if (!e["at"]) r.fail(e, path + ".at", "no 'at'", "the time of the event, e.g. 'at: 20 d'");
    ev.time = r.time(e["at"], path + ".at", "the event time");
    if (ev.time < 0.0 || ev.time > s.duration) {
      r.fail(e["at"], path + ".at", quoted(e["at"].Scalar()), "a time between 0 d and the duration");
    }
    if (!e["set"] && !e["add"]) r.fail(e, path, "neither 'set' nor 'add'", "at least one of them");
    if (e["set"]) ev.set = read_assignments(r, e["set"], path + ".set", model, true, true);
    if (e["add"]) ev.add = read_assignments(r, e["add"], path + ".add", model, true, true);
    s.events.push_back(std::move(ev));
  }
}

void read_drugs(const Reader& r, const YAML::Node& n, Scenario& s) {
  if (!n.IsSequence()) r.fail(n, "drugs", Reader::describe(n), "a list of drug regimens, e.g. - {drug: denosumab, dose: 60 mg, every: 6 mo}");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "drugs[" + std::to_string(i) + "]";
    const YAML::Node d = n[i];
    r.keys(d, path, {"drug", "dose", "start", "every", "count", "stop"});
    DrugRegimen g;
    g.origin = r.origin(d, path);
    if (!d["drug"]) r.fail(d, path + ".drug", "no 'drug'", "the drug name, one of " + join(drug_names()));
    g.drug = r.scalar(d["drug"], path + ".drug", "a drug name");
    if (std::find(drug_names().begin(), drug_names().end(), g.drug) == drug_names().end()) {
      const std::string hint = suggest(g.drug, drug_names());
      r.fail(d["drug"], path + ".drug", "unknown drug " + quoted(g.drug),
             (hint.empty() ? "" : hint + "; ") + "one of " + join(drug_names()));
    }
    if (auto x = d["dose"]) {
      g.dose_mg = r.quantity(x, path + ".dose", "mg", "a dose");
      if (!(*g.dose_mg > 0.0)) r.fail(x, path + ".dose", quoted(x.Scalar()), "a positive dose, e.g. '60 mg'");
    }
    if (auto x = d["start"]) g.start = r.time(x, path + ".start", "the start time");
    if (g.start < 0.0) r.fail(d["start"], path + ".start", quoted(d["start"].Scalar()), "a start at or after 0 d");
    if (auto x = d["every"]) {
      g.every = r.time(x, path + ".every", "the dosing interval");
      if (!(*g.every > 0.0)) r.fail(x, path + ".every", quoted(x.Scalar()), "a positive dosing interval, e.g. '6 mo'");
    }
    if (auto x = d["count"]) {
      const long c = r.integer(x, path + ".count", "a positive whole number of doses");
      if (c <= 0 || c > 100000) r.fail(x, path + ".count", quoted(x.Scalar()), "a positive whole number of doses");
      g.count = static_cast<int>(c);
    }
    if (auto x = d["stop"]) {
      g.stop = r.time(x, path + ".stop", "the stop time");
      if (!(*g.stop > g.start)) r.fail(x, path + ".stop", quoted(x.Scalar()), "a stop after the start");
    }
    if (g.count && *g.count > 1 && !g.every) {
      r.fail(d["count"], path + ".count", quoted(d["count"].Scalar()), "'every' as well, to space repeated doses");
    }
    s.drugs.push_back(std::move(g));
  }
  check_regimens(s);  // overlaps between entries
}

void read_exercise(const Reader& r, const YAML::Node& n, Scenario& s) {
  if (!n.IsSequence()) r.fail(n, "exercise", Reader::describe(n), "a list of exercise regimens");
  for (std::size_t i = 0; i < n.size(); ++i) {
    const std::string path = "exercise[" + std::to_string(i) + "]";
    const YAML::Node e = n[i];
    r.keys(e, path, {"type", "sessions_per_week", "minutes_per_session", "minutes_per_week", "start", "stop", "adherence"});
    ExerciseRegimen x;
    x.origin = r.origin(e, path);
    if (!e["type"]) r.fail(e, path + ".type", "no 'type'", "the exercise type, one of " + join(exercise_types()));
    x.type = r.scalar(e["type"], path + ".type", "an exercise type");
    if (std::find(exercise_types().begin(), exercise_types().end(), x.type) == exercise_types().end()) {
      const std::string hint = suggest(x.type, exercise_types());
      r.fail(e["type"], path + ".type", "unknown exercise type " + quoted(x.type),
             (hint.empty() ? "" : hint + "; ") + "one of " + join(exercise_types()));
    }
    if (auto v = e["sessions_per_week"]) {
      x.sessions_per_week = r.quantity(v, path + ".sessions_per_week", "1/wk", "sessions per week");
      if (!(*x.sessions_per_week > 0.0 && *x.sessions_per_week <= 21.0)) r.fail(v, path + ".sessions_per_week", quoted(v.Scalar()), "between 0 and 21 sessions per week");
    }
    if (auto v = e["minutes_per_session"]) {
      x.minutes_per_session = r.quantity(v, path + ".minutes_per_session", "min", "minutes per session");
      if (!(*x.minutes_per_session > 0.0 && *x.minutes_per_session <= 600.0)) r.fail(v, path + ".minutes_per_session", quoted(v.Scalar()), "between 0 and 600 minutes per session");
    }
    if (auto v = e["minutes_per_week"]) {
      x.minutes_per_week = r.quantity(v, path + ".minutes_per_week", "min/wk", "minutes per week");
      if (!(*x.minutes_per_week > 0.0 && *x.minutes_per_week <= 3000.0)) r.fail(v, path + ".minutes_per_week", quoted(v.Scalar()), "between 0 and 3000 minutes per week");
    }
    if (x.minutes_per_week && (x.sessions_per_week || x.minutes_per_session)) {
      r.fail(e, path, "both minutes_per_week and sessions", "either minutes_per_week or sessions_per_week with minutes_per_session");
    }
    if (!x.minutes_per_week && !x.sessions_per_week) {
      r.fail(e, path, "no amount of exercise", "minutes_per_week, or sessions_per_week (with minutes_per_session)");
    }
    if (auto v = e["start"]) x.start = r.time(v, path + ".start", "the start time");
    if (x.start < 0.0) r.fail(e["start"], path + ".start", quoted(e["start"].Scalar()), "a start at or after 0 d");
    if (auto v = e["stop"]) {
      x.stop = r.time(v, path + ".stop", "the stop time");
      if (!(*x.stop > x.start)) r.fail(v, path + ".stop", quoted(v.Scalar()), "a stop after the start");
    }
    if (auto v = e["adherence"]) {
      x.adherence = r.number(v, path + ".adherence", "a fraction between 0 and 1");
      if (!(x.adherence >= 0.0 && x.adherence <= 1.0)) r.fail(v, path + ".adherence", quoted(v.Scalar()), "a fraction between 0 and 1");
    }
    s.exercise.push_back(std::move(x));
  }
}

void read_patient(const Reader& r, const YAML::Node& n, Scenario& s) {
  r.keys(n, "patient", {"age", "menopause_age", "t_score"});
  Patient p;
  p.origin = r.origin(n, "patient");
  if (auto v = n["age"]) {
    p.age = r.time(v, "patient.age", "an age", "y");
    if (!(*p.age >= 18.0 && *p.age <= 110.0)) r.fail(v, "patient.age", quoted(v.Scalar()), "an age between 18 y and 110 y");
  }
  if (auto v = n["menopause_age"]) {
    p.menopause_age = r.time(v, "patient.menopause_age", "an age at menopause", "y");
    if (!(*p.menopause_age >= 30.0 && *p.menopause_age <= 65.0)) r.fail(v, "patient.menopause_age", quoted(v.Scalar()), "an age at menopause between 30 y and 65 y");
  }
  if (auto t = n["t_score"]) {
    r.keys(t, "patient.t_score", skeletal_sites());
    for (auto it = t.begin(); it != t.end(); ++it) {
      const std::string site = it->first.Scalar();  // checked by keys()
      const std::string key = "patient.t_score." + site;
      const double v = r.number(it->second, key, "a T-score between -6 and +4");
      if (!(v >= -6.0 && v <= 4.0)) r.fail(it->second, key, quoted(it->second.Scalar()), "a T-score between -6 and +4");
      p.t_score[site] = v;
    }
  }
  s.patient = std::move(p);
}

void read_nutrition(const Reader& r, const YAML::Node& n, Scenario& s) {
  r.keys(n, "nutrition", {"calcium", "vitamin_d"});
  Nutrition x;
  x.origin = r.origin(n, "nutrition");
  if (auto v = n["calcium"]) {
    x.calcium = r.quantity(v, "nutrition.calcium", "mg/d", "a calcium intake");
    if (!(*x.calcium >= 0.0 && *x.calcium <= 5000.0)) r.fail(v, "nutrition.calcium", quoted(v.Scalar()), "a calcium intake between 0 and 5000 mg/d");
  }
  if (auto v = n["vitamin_d"]) {
    x.vitamin_d = r.quantity(v, "nutrition.vitamin_d", "IU/d", "a vitamin D intake");
    if (!(*x.vitamin_d >= 0.0 && *x.vitamin_d <= 50000.0)) r.fail(v, "nutrition.vitamin_d", quoted(v.Scalar()), "a vitamin D intake between 0 and 50000 IU/d");
  }
  s.nutrition = x;
}

}  // namespace

// yaml-cpp's depth guard reports nesting deeper than it will parse as "bad file".
std::string yaml_parser_message(const YAML::ParserException& e);  // also used by sweep_loader.cpp
std::string yaml_parser_message(const YAML::ParserException& e) {
  if (e.msg == YAML::ErrorMsg::BAD_FILE) return "lists or mappings nested too deeply";
  return e.msg;
}

namespace {

std::string read_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw InputError(SourceLocation{path, 0, 0}, "a directory, not a scenario file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "cannot open scenario file (does it exist and is it readable?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw InputError(SourceLocation{path, 0, 0}, "cannot read scenario file");
  return ss.str();
}

}  // namespace

const std::vector<std::string>& drug_names() {
  static const std::vector<std::string> v = {"anastrozole", "letrozole", "exemestane", "zoledronic_acid",
                                             "alendronate", "risedronate", "ibandronate", "denosumab"};
  return v;
}

const std::vector<std::string>& exercise_types() {
  static const std::vector<std::string> v = {"walking", "aerobic", "resistance", "impact", "resistance_impact",
                                             "high_intensity_resistance"};
  return v;
}

const std::vector<std::string>& skeletal_sites() {
  static const std::vector<std::string> v = {"lumbar_spine", "total_hip", "femoral_neck"};
  return v;
}

namespace {

Scenario read_scenario(const std::string& text, const std::string& file_label, const ModelRegistry& models) {
  const Reader r(file_label);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1},
                     "malformed YAML: " + yaml_parser_message(e));
  }
  if (!root.IsMap()) {
    throw InputError(SourceLocation{file_label, 1, 1}, "", root.IsNull() ? "an empty document" : Reader::describe(root),
                     "a mapping with at least 'osteon: 1', 'name', 'model' and 'duration'");
  }
  r.keys(root, "", top_keys);

  Scenario s;
  s.file = file_label;
  s.text = text;

  auto required = [&](const char* key, const char* expected) {
    YAML::Node n = root[key];
    if (!n) throw InputError(SourceLocation{file_label, 1, 1}, key, "no '" + std::string(key) + "'", expected);
    return n;
  };

  const YAML::Node version = required("osteon", "the format version, 'osteon: 1'");
  if (!version.IsScalar() || version.Scalar() != "1") {
    r.fail(version, "osteon", Reader::describe(version), "1 (this osteon reads scenario format 1)");
  }

  const YAML::Node name = required("name", "a scenario name of lower-case letters, digits and '_'");
  s.name = r.scalar(name, "name", "a scenario name of lower-case letters, digits and '_'");
  static const std::regex name_re("[a-z0-9_]+");
  if (!std::regex_match(s.name, name_re)) r.fail(name, "name", quoted(s.name), "lower-case letters, digits and '_' only");

  if (auto d = root["description"]) s.description = r.scalar(d, "description", "a line of text");

  const YAML::Node model_node = required("model", "a model id (see `osteon models`)");
  s.model = r.scalar(model_node, "model", "a model id");
  const Model* model = models.find(s.model);
  if (!model) {
    const std::string hint = suggest(s.model, models.ids());
    r.fail(model_node, "model", "unknown model " + quoted(s.model),
           (hint.empty() ? "" : hint + "; ") + "one of " + join(models.ids()));
  }

  const YAML::Node duration = required("duration", "the simulated time, e.g. 'duration: 5 y'");
  s.duration = r.time(duration, "duration", "a positive duration");
  if (!(s.duration > 0.0) || s.duration > 200.0 * days_per_year) {
    r.fail(duration, "duration", quoted(duration.Scalar()), "a positive duration of at most 200 y");
  }

  if (auto x = root["output"]) read_output(r, x, s, *model);
  if (s.output_times.empty()) {  // default: 100 intervals
    for (int k = 0; k <= 100; ++k) s.output_times.push_back(s.duration * k / 100.0);
  }
  if (auto x = root["solver"]) read_solver(r, x, s);
  if (auto x = root["parameters"]) s.parameters = read_assignments(r, x, "parameters", *model, true, false);
  if (auto x = root["initial"]) read_initial(r, x, s, *model);
  if (auto x = root["events"]) read_events(r, x, s, *model);
  if (auto x = root["drugs"]) read_drugs(r, x, s);
  if (auto x = root["exercise"]) read_exercise(r, x, s);
  if (auto x = root["patient"]) read_patient(r, x, s);
  if (auto x = root["nutrition"]) read_nutrition(r, x, s);
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
  return load_scenario_text(read_file(path), path, models);
}

void apply_parameter_override(Scenario& s, const std::string& assignment, const Model& model) {
  const SourceLocation where{"--set", 0, 0};
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError(where, "--set", quoted(assignment), "NAME=VALUE, e.g. --set A_OCa=0.7/d");
  }
  const std::string name = assignment.substr(0, eq);
  const std::string text = assignment.substr(eq + 1);
  const ModelInfo& info = model.info();
  const auto idx = info.param_index(name);
  if (!idx) {
    std::vector<std::string> known;
    for (const auto& p : info.params) known.emplace_back(p.name);
    const std::string hint = suggest(name, known);
    throw InputError(where, "--set " + name, "unknown parameter " + quoted(name),
                     (hint.empty() ? "" : hint + "; ") + "a parameter of " + std::string(info.id) +
                         " (see `osteon describe " + std::string(info.id) + "`)");
  }
  const ParamInfo& p = info.params[static_cast<std::size_t>(*idx)];
  double v = 0.0;
  try {
    v = to_unit(parse_quantity(text), p.unit);
  } catch (const UnitError& e) {
    throw InputError(where, "--set " + name, quoted(text) + " (" + e.what() + ")",
                     "a number in " + std::string(p.unit) + " or a compatible unit");
  }
  if (v < p.min || v > p.max) {
    std::ostringstream range;
    range << "a value in [" << p.min << ", " << p.max << "] " << p.unit;
    throw InputError(where, "--set " + name, quoted(text), range.str());
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
