// Compiles the integrated model into every integrator (kept apart from the
// model's metadata so that the heavy template instantiation has its own
// translation unit).
#include "integrated.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
// The calibration's parameter covariance (models/integrated/calibration/uncertainty.json, compiled
// in by models/CMakeLists.txt).
const ParameterUncertainty& integrated_uncertainty();

std::unique_ptr<Model> make_integrated() {
  auto m = make_model<Integrated>();
  m->declare_uncertainty(&integrated_uncertainty());
  return m;
}
}  // namespace osteon::models
