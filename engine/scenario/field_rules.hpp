// One table of rules for the fields of a scenario's records (drugs, exercise,
// patient, nutrition), consulted wherever such a value enters: the scenario
// file, a runs table, a sweep factor, --set and Python. The generic dosing and
// activity fields are the engine's; a model adds the rest in its Vocabulary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/model_info.hpp"

namespace osteon {

// The rule for `key` (a field path without list indices, e.g. "exercise.adherence"):
// the model's own first, then the engine's generic record rules; nullptr if none.
const FieldRule* find_field_rule(const ModelInfo& model, std::string_view key);

// Empty when `value` (in the rule's unit) meets the rule, else the expected value as
// an error message says it ("between 0 and 21 sessions per week").
std::string check_field(const FieldRule& rule, double value);

// The field names under `prefix` ("drugs", "exercise", "patient", "nutrition")
// that the model accepts, in table order.
std::vector<std::string> field_names(const ModelInfo& model, std::string_view prefix);

// Names of the model's drugs, exercise types and sites, for messages.
std::vector<std::string> drug_names(const ModelInfo& model);
std::vector<std::string> exercise_types(const ModelInfo& model);
std::vector<std::string> site_names(const ModelInfo& model);

}  // namespace osteon
