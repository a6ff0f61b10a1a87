// Compiles Komarova 2003 into every integrator (kept apart from the model's
// metadata so that the heavy template instantiation has its own translation unit).
#include "komarova2003.hpp"
#include "model/model_adapter.hpp"

namespace osteon::models {
std::unique_ptr<Model> make_komarova2003() { return make_model<Komarova2003>(); }
}  // namespace osteon::models
