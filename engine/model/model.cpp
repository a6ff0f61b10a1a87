#include "model/model.hpp"

#include <cmath>
#include <sstream>

#include "core/number_format.hpp"
#include "scenario/scenario.hpp"

namespace osteon {

std::vector<double> Model::default_params() const {
  std::vector<double> p;
  for (const auto& info : info().params) p.push_back(info.value);
  return p;
}

std::string Model::check_parameters(const double* p) const {
  const auto& params = info().params;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const ParamInfo& info = params[i];
    if (!std::isfinite(p[i])) return std::string(info.name) + " is not a finite number";
    if (p[i] < info.min || p[i] > info.max) {
      return std::string(info.name) + " = " + format_number(p[i]) + " " + std::string(info.unit) + " is outside [" +
             format_number(info.min) + ", " + format_number(info.max) + "]";
    }
  }
  return {};
}

void Model::compile_regimens(const Scenario& s, std::vector<double>&, Schedule&) const {
  const std::string id(info().id);
  auto reject = [&](const Origin& o, const std::string& what) {
    throw InputError(o.where, o.key, what,
                     "none: model " + id + " has no such input (see `osteon describe " + id + "`)");
  };
  if (!s.drugs.empty()) reject(s.drugs.front().origin, "a drug regimen");
  if (!s.exercise.empty()) reject(s.exercise.front().origin, "an exercise regimen");
  if (s.patient) reject(s.patient->origin, "a patient description");
  if (s.nutrition) reject(s.nutrition->origin, "a nutrition entry");
}

}  // namespace osteon
