#include "scenario/field_rules.hpp"

#include <cmath>
#include <limits>

namespace osteon {
namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// Fields of the generic records every model with drugs or exercise shares. Times
// in days; the bounds on amounts are plausibility limits, not physiology.
constexpr FieldRule generic_rules[] = {
    {"drugs.dose", "mg", 0.0, inf, "a positive dose, e.g. '60 mg'", true, false, "dose"},
    {"drugs.start", "d", 0.0, inf, "a start at or after 0 d", false, false, "start time"},
    {"drugs.every", "d", 0.0, inf, "a positive dosing interval, e.g. '6 mo'", true, false, "dosing interval"},
    {"drugs.count", "1", 1.0, 100000.0, "a positive whole number of doses", false, true, "number of doses"},
    {"drugs.stop", "d", 0.0, inf, "a stop after the start", true, false, "stop time"},
    {"exercise.sessions_per_week", "1/wk", 0.0, 21.0, "between 0 and 21 sessions per week", true, false,
     "sessions per week"},
    {"exercise.minutes_per_session", "min", 0.0, 600.0, "between 0 and 600 minutes per session", true, false,
     "minutes per session"},
    {"exercise.minutes_per_week", "min/wk", 0.0, 3000.0, "between 0 and 3000 minutes per week", true, false,
     "minutes per week"},
    {"exercise.start", "d", 0.0, inf, "a start at or after 0 d", false, false, "start time"},
    {"exercise.stop", "d", 0.0, inf, "a stop after the start", true, false, "stop time"},
    {"exercise.adherence", "1", 0.0, 1.0, "a fraction between 0 and 1", false, false,
     "fraction of planned sessions done"},
};

bool under(std::string_view key, std::string_view prefix) {
  return key.size() > prefix.size() && key.substr(0, prefix.size()) == prefix && key[prefix.size()] == '.';
}

template <class Range>
std::vector<std::string> names_of(const Range& items) {
  std::vector<std::string> v;
  for (const auto& x : items) v.emplace_back(x.name);
  return v;
}

}  // namespace

const FieldRule* find_field_rule(const ModelInfo& model, std::string_view key) {
  for (const auto& r : model.vocabulary.fields) {
    if (r.key == key) return &r;
  }
  for (const auto& r : generic_rules) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

std::string check_field(const FieldRule& rule, double v) {
  const bool ok = std::isfinite(v) && (rule.exclusive_min ? v > rule.min : v >= rule.min) && v <= rule.max &&
                  (!rule.whole || v == std::floor(v));
  return ok ? std::string() : std::string(rule.expected);
}

std::vector<std::string> field_names(const ModelInfo& model, std::string_view prefix) {
  std::vector<std::string> v;
  auto add = [&](const FieldRule& r) {
    if (!under(r.key, prefix)) return;
    const std::string name(r.key.substr(prefix.size() + 1));
    for (const auto& have : v) {
      if (have == name) return;
    }
    v.push_back(name);
  };
  for (const auto& r : model.vocabulary.fields) add(r);
  // Generic record fields only for models that take such records.
  const bool records =
      prefix == "drugs" ? !model.vocabulary.drugs.empty() : prefix == "exercise" && !model.vocabulary.exercise.empty();
  if (records) {
    for (const auto& r : generic_rules) add(r);
  }
  return v;
}

std::vector<std::string> drug_names(const ModelInfo& model) { return names_of(model.vocabulary.drugs); }
std::vector<std::string> exercise_types(const ModelInfo& model) { return names_of(model.vocabulary.exercise); }
std::vector<std::string> site_names(const ModelInfo& model) {
  return {model.vocabulary.sites.begin(), model.vocabulary.sites.end()};
}

}  // namespace osteon
