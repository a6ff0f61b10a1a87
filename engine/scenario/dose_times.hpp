// When the doses of a regimen fall: start + k * every, before its stop, within
// its count and within the run. One definition for every model that doses.
#pragma once

#include <vector>

#include "scenario/scenario.hpp"

namespace osteon {

// Times in days, ascending; a regimen without `every` is one dose at its start.
std::vector<double> dose_times(const DrugRegimen& regimen, double duration);

}  // namespace osteon
