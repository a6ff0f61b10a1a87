// Compiles Lemaire 2004 into every integrator (kept apart from the model's
// metadata so that the heavy template instantiation has its own translation unit).
#include "lemaire2004.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_lemaire2004() { return make_model<Lemaire2004>(); }
}  // namespace osteon::models
