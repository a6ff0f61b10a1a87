// Consistency of the regimens of a scenario as a whole: stops after starts,
// repeated doses spaced, no two overlapping regimens of one drug. Run on
// loading and again on every run of an ensemble whose rows change regimens.
#pragma once

#include "model/model_info.hpp"
#include "scenario/scenario.hpp"

namespace osteon {

// Throws InputError at the offending regimen.
void check_regimens(const Scenario& scenario, const ModelInfo& model);

// A daily therapy of the model's vocabulary is given by start and stop only (no every, no count).
// Part of check_regimens; the loader calls it per entry to report it before other checks.
void check_daily_therapy(const DrugRegimen& regimen, const ModelInfo& model);

}  // namespace osteon
