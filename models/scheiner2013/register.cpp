// Compiles Scheiner 2013 into every integrator (kept apart from the model's
// metadata so that the heavy template instantiation has its own translation unit).
#include "model/model_adapter.hpp"
#include "scheiner2013.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_scheiner2013() { return make_model<Scheiner2013>(); }
}  // namespace osteon::models
