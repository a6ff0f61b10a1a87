// Compiles Pivonka 2008 into every integrator (kept apart from the model's
// metadata so that the heavy template instantiation has its own translation unit).
#include "model/model_adapter.hpp"
#include "pivonka2008.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_pivonka2008() { return make_model<Pivonka2008>(); }
}  // namespace osteon::models
