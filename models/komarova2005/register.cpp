// Compiles Komarova 2005 into every integrator (kept apart from the model's
// metadata so that the heavy template instantiation has its own translation unit).
#include "komarova2005.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_komarova2005() { return make_model<Komarova2005>(); }
}  // namespace osteon::models
