#include "model/model_describer.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/json.hpp"
#include "core/number_format.hpp"

namespace osteon {
namespace {

std::string range(const ParamInfo& p) {
  const bool lo = std::isfinite(p.min), hi = std::isfinite(p.max);
  if (!lo && !hi) return "";
  if (lo && !hi) return ">= " + format_number(p.min, 8);
  if (!lo && hi) return "<= " + format_number(p.max, 8);
  return format_number(p.min, 8) + " .. " + format_number(p.max, 8);
}

std::string md_cell(std::string_view s) {
  std::string o;
  for (char c : s) o += (c == '|') ? std::string("\\|") : std::string(1, c);
  return o;
}

std::string rule_range(const FieldRule& r) {
  return std::string(r.exclusive_min ? "> " : ">= ") + format_number(r.min, 8) +
         (std::isfinite(r.max) ? ", <= " + format_number(r.max, 8) : "");
}

// The scenario words of a model: drugs, exercise types, sites and the fields it adds.
void vocabulary_text(const ModelInfo& i, std::ostream& o) {
  const Vocabulary& v = i.vocabulary;
  if (!v.drugs.empty()) {
    o << "\nDrugs (drugs: entries):\n";
    for (const auto& d : v.drugs)
      o << "  " << d.name << "  " << d.long_name << (d.daily ? "  [daily: start and stop only]" : "") << "\n";
  }
  if (!v.exercise.empty()) {
    o << "\nExercise types (exercise: entries):\n";
    for (const auto& a : v.exercise)
      o << "  " << a.name << "  " << a.long_name
        << (a.dosed_in_minutes ? "  [minutes per week]" : "  [sessions per week; minutes_per_session is not used]")
        << "\n";
  }
  if (!v.sites.empty()) {
    o << "\nSites (patient.t_score):";
    for (const auto& s : v.sites) o << " " << s;
    o << "\n";
  }
  if (!v.fields.empty()) {
    o << "\nFields:\n";
    for (const auto& f : v.fields) o << "  " << f.key << " [" << f.unit << "]  " << rule_range(f) << "\n";
  }
}

void vocabulary_markdown(const ModelInfo& i, std::ostream& o) {
  const Vocabulary& v = i.vocabulary;
  if (v.drugs.empty() && v.exercise.empty() && v.fields.empty()) return;
  o << "\n## Scenario vocabulary\n\n";
  if (!v.drugs.empty()) {
    o << "| drug | meaning | given as |\n|---|---|---|\n";
    for (const auto& d : v.drugs)
      o << "| `" << d.name << "` | " << md_cell(d.long_name) << " | " << (d.daily ? "daily, start and stop" : "doses")
        << " |\n";
    o << "\n";
  }
  if (!v.exercise.empty()) {
    o << "| exercise type | meaning | amount in |\n|---|---|---|\n";
    for (const auto& a : v.exercise)
      o << "| `" << a.name << "` | " << md_cell(a.long_name) << " | "
        << (a.dosed_in_minutes ? "minutes per week" : "sessions per week (minutes_per_session is not used)") << " |\n";
    o << "\n";
  }
  if (!v.sites.empty()) {
    o << "Sites of `patient.t_score`:";
    for (const auto& s : v.sites) o << " `" << s << "`";
    o << "\n\n";
  }
  if (!v.fields.empty()) {
    o << "| field | unit | admissible |\n|---|---|---|\n";
    for (const auto& f : v.fields) o << "| `" << f.key << "` | " << md_cell(f.unit) << " | " << rule_range(f) << " |\n";
  }
}

std::string text(const Model& m) {
  const ModelInfo& i = m.info();
  std::ostringstream o;
  o << i.id << "\n  " << i.citation << "\n\n" << i.description << "\n\nStates:\n";
  for (const auto& s : i.states) o << "  " << s.name << " [" << s.unit << "]  " << s.long_name << "\n";
  o << "\nParameters (name = default [unit]  description):\n";
  for (const auto& p : i.params) {
    o << "  " << p.name << " = " << format_number(p.value, 8) << " [" << p.unit << "]  " << p.description;
    if (const std::string r = range(p); !r.empty()) o << "  (range " << r << ")";
    o << "\n";
  }
  if (!i.observables.empty()) {
    o << "\nObservables:\n";
    for (const auto& s : i.observables) o << "  " << s.name << " [" << s.unit << "]  " << s.long_name << "\n";
  }
  vocabulary_text(i, o);
  if (!i.notes.empty()) o << "\nNotes:\n  " << i.notes << "\n";
  return o.str();
}

std::string markdown(const Model& m) {
  const ModelInfo& i = m.info();
  std::ostringstream o;
  o << "## Reference\n\n`" << i.id << "`: " << i.citation << "\n\n" << i.description << "\n\n";
  o << "## States\n\n| name | unit | meaning |\n|---|---|---|\n";
  for (const auto& s : i.states) o << "| `" << s.name << "` | " << s.unit << " | " << md_cell(s.long_name) << " |\n";
  o << "\n## Parameters\n\n| name | symbol | default | unit | range | meaning | source "
       "|\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : i.params) {
    o << "| `" << p.name << "` | " << md_cell(p.symbol) << " | " << format_number(p.value, 8) << " | "
      << md_cell(p.unit) << " | " << range(p) << " | " << md_cell(p.description) << " | " << md_cell(p.source)
      << " |\n";
  }
  if (!i.observables.empty()) {
    o << "\n## Observables\n\n| name | unit | meaning |\n|---|---|---|\n";
    for (const auto& s : i.observables)
      o << "| `" << s.name << "` | " << md_cell(s.unit) << " | " << md_cell(s.long_name) << " |\n";
  }
  vocabulary_markdown(i, o);
  if (!i.notes.empty()) o << "\n## Notes\n\n" << i.notes << "\n";
  return o.str();
}

// A state's or an observable's object, begun and left open: name, unit and long name.
template <class Quantity>
JsonWriter& begin_quantity(JsonWriter& w, const Quantity& q) {
  return w.begin_object().key("name").value(q.name).key("unit").value(q.unit).key("long_name").value(q.long_name);
}

// A vocabulary word's object (a drug, an exercise type), begun and left open: name and long name.
template <class Word>
JsonWriter& begin_word(JsonWriter& w, const Word& x) {
  return w.begin_object().key("name").value(x.name).key("long_name").value(x.long_name);
}

// A range bound, null where the range is open (±infinity).
JsonWriter& bound(JsonWriter& w, std::string_view key, double b) {
  w.key(key);
  return std::isfinite(b) ? w.value(b) : w.null();
}

std::string json(const Model& m) {
  const ModelInfo& i = m.info();
  JsonWriter w;
  w.begin_object().key("id").value(i.id).key("citation").value(i.citation).key("description").value(i.description);
  w.key("states").begin_array();
  for (const auto& s : i.states) begin_quantity(w, s).key("nonnegative").value(s.nonnegative).end_object();
  w.end_array().key("parameters").begin_array();
  for (const auto& p : i.params) {
    w.begin_object()
        .key("name")
        .value(p.name)
        .key("value")
        .value(p.value)
        .key("unit")
        .value(p.unit)
        .key("symbol")
        .value(p.symbol)
        .key("description")
        .value(p.description)
        .key("source")
        .value(p.source);
    bound(w, "min", p.min);
    bound(w, "max", p.max).end_object();
  }
  w.end_array().key("observables").begin_array();
  for (const auto& s : i.observables) begin_quantity(w, s).end_object();
  const Vocabulary& v = i.vocabulary;
  w.end_array().key("drugs").begin_array();
  for (const auto& d : v.drugs) begin_word(w, d).key("daily").value(d.daily).end_object();
  w.end_array().key("exercise_types").begin_array();
  for (const auto& a : v.exercise) {
    begin_word(w, a).key("amount").value(a.dosed_in_minutes ? "minutes_per_week" : "sessions_per_week").end_object();
  }
  w.end_array().key("sites").begin_array();
  for (const auto& s : v.sites) w.value(s);
  w.end_array().key("fields").begin_array();
  for (const auto& f : v.fields) {
    w.begin_object().key("key").value(f.key).key("unit").value(f.unit).key("min").value(f.min);
    bound(w, "max", f.max).key("exclusive_min").value(f.exclusive_min).end_object();
  }
  w.end_array().key("notes").value(i.notes).end_object();
  return w.str() + "\n";
}

}  // namespace

std::string describe_model(const Model& model, DescribeFormat format) {
  switch (format) {
    case DescribeFormat::text:
      return text(model);
    case DescribeFormat::markdown:
      return markdown(model);
    case DescribeFormat::json:
      return json(model);
  }
  return {};
}

}  // namespace osteon
